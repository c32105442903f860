import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { currencies } from '../../../base/common/money.ts';
import { DEFAULT_IDLE_MINUTES, documentLanguageChoices, MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, type siteSchema } from '../../../base/common/schemas.ts';
import { Field } from '../../../base/browser/Field.tsx';

export type SiteForm = z.input<typeof siteSchema>;

/** Form paths of the site fields, for placing the server's field messages. */
export const siteFieldPaths = [
  'siteName',
  'address.name',
  'address.line1',
  'address.line2',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
  'address.phone',
  'currency',
  'timeZone',
  'turnaroundDays',
  'pinLength',
  'idleMinutes',
  'documentLanguage',
] as const;

const timeZones: readonly string[] = Intl.supportedValuesOf?.('timeZone') ?? [];

export const emptySite = (): SiteForm => ({
  siteName: '',
  address: { name: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' },
  currency: 'USD',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  turnaroundDays: 7,
  pinLength: 4,
  idleMinutes: DEFAULT_IDLE_MINUTES,
  documentLanguage: 'customer',
});

interface Props {
  register: UseFormRegister<SiteForm>;
  errors: FieldErrors<SiteForm>;
  disabled?: boolean;
}

/** Site name, address, currency, time zone, turnaround, PIN length, the idle lock and the documents' language: the same fields at setup and in settings. */
export function SiteFields({ register, errors, disabled }: Props) {
  const { t } = useTranslation();
  const a = errors.address;
  return (
    <fieldset className="grid" disabled={disabled}>
      <Field label={t('field.siteName')} error={errors.siteName?.message} className="span-2">
        {(p) => <input {...p} {...register('siteName')} autoComplete="organization" />}
      </Field>
      <Field label={t('field.addressName')} error={a?.name?.message} className="span-2">
        {(p) => <input {...p} {...register('address.name')} />}
      </Field>
      <Field label={t('field.line1')} error={a?.line1?.message} className="span-2">
        {(p) => <input {...p} {...register('address.line1')} autoComplete="address-line1" />}
      </Field>
      <Field label={t('field.line2')} error={a?.line2?.message} optional className="span-2">
        {(p) => <input {...p} {...register('address.line2')} autoComplete="address-line2" />}
      </Field>
      <Field label={t('field.city')} error={a?.city?.message}>
        {(p) => <input {...p} {...register('address.city')} autoComplete="address-level2" />}
      </Field>
      <Field label={t('field.region')} error={a?.region?.message} optional>
        {(p) => <input {...p} {...register('address.region')} autoComplete="address-level1" />}
      </Field>
      <Field label={t('field.postalCode')} error={a?.postalCode?.message}>
        {(p) => <input {...p} {...register('address.postalCode')} autoComplete="postal-code" />}
      </Field>
      <Field label={t('field.country')} error={a?.country?.message} hint="KR, CN, GR, US…">
        {(p) => <input {...p} {...register('address.country')} maxLength={2} autoComplete="country" className="short" />}
      </Field>
      <Field label={t('field.phone')} error={a?.phone?.message} optional>
        {(p) => <input {...p} {...register('address.phone')} type="tel" autoComplete="tel" />}
      </Field>
      <Field label={t('field.currency')} error={errors.currency?.message}>
        {(p) => (
          <select {...p} {...register('currency')}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('field.timeZone')} error={errors.timeZone?.message}>
        {(p) => (
          <>
            <input {...p} {...register('timeZone')} list="depot-time-zones" />
            <datalist id="depot-time-zones">
              {timeZones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('field.turnaroundDays')} error={errors.turnaroundDays?.message}>
        {(p) => <input {...p} {...register('turnaroundDays', { valueAsNumber: true })} type="number" min={1} max={60} className="short" />}
      </Field>
      <Field label={t('field.pinLength')} error={errors.pinLength?.message} hint={t('settings.pinLengthHint')}>
        {(p) => <input {...p} {...register('pinLength', { valueAsNumber: true })} type="number" min={4} max={8} className="short" />}
      </Field>
      <Field label={t('field.idleMinutes')} error={errors.idleMinutes?.message} hint={t('settings.idleMinutesHint')}>
        {(p) => (
          <input
            {...p}
            {...register('idleMinutes', { valueAsNumber: true })}
            type="number"
            min={MIN_IDLE_MINUTES}
            max={MAX_IDLE_MINUTES}
            className="short"
          />
        )}
      </Field>
      <Field label={t('field.documentLanguage')} error={errors.documentLanguage?.message} hint={t('settings.documentLanguageHint')}>
        {(p) => (
          <select {...p} {...register('documentLanguage')}>
            {documentLanguageChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t(`settings.documentLanguages.${choice}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
