import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ShelfParcel } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { href, navigate } from '../../../base/browser/router.ts';
import { createCaseInput } from '../../cases/common/index.ts';
import { DateInput } from '../../../base/browser/DateInput.tsx';
import { useDepotForm } from '../../../base/browser/form.ts';

type WalkInForm = z.input<typeof createCaseInput>;

const fieldPaths = [
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.locale',
  'returnAddress.name',
  'returnAddress.line1',
  'returnAddress.line2',
  'returnAddress.city',
  'returnAddress.region',
  'returnAddress.postalCode',
  'returnAddress.country',
  'returnAddress.phone',
  'model',
  'serial',
  'purchaseDate',
  'problemCategory',
  'problemDescription',
] as const;

/** Each customer language by its own name, marked as that language. */
const customerLanguages = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['zh', '中文'],
  ['el', 'Ελληνικά'],
] as const;

// An empty date is no date, not a malformed one.
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** A case for a customer at the desk, or for an unmatched parcel; then straight to receiving it. */
export function WalkIn({ parcelId }: { parcelId?: number }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [parcel, setParcel] = useState<ShelfParcel | null>(null);
  /** The models a desk case can be opened for: retired ones are not offered. */
  const [models, setModels] = useState<string[]>([]);
  const language = customerLanguages.find(([code]) => code === i18n.language)?.[0] ?? 'en';
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = useDepotForm<WalkInForm, unknown, z.output<typeof createCaseInput>>({
    resolver: zodResolver(createCaseInput),
    defaultValues: {
      customer: { name: '', email: '', phone: '', locale: language },
      returnAddress: { name: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' },
      model: '',
      serial: '',
      problemCategory: '',
      problemDescription: '',
    },
  });

  useEffect(() => {
    void api['products.list']({}).then((result) => {
      if (result.ok) setModels(result.value.map((p) => p.model));
    });
  }, []);

  // From the unmatched shelf: the sender is most likely the customer.
  useEffect(() => {
    if (!parcelId) return;
    void api['parcels.listUnmatched']({}).then((result) => {
      const found = result.ok ? result.value.find((p) => p.id === parcelId) : undefined;
      if (!found) return;
      setParcel(found);
      if (found.senderName && !getValues('customer.name')) {
        setValue('customer.name', found.senderName);
        setValue('returnAddress.name', found.senderName);
      }
    });
  }, [parcelId, getValues, setValue]);

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    // One phone for a walk-in customer: the carrier calls the same number.
    const result = await api['cases.create']({ ...input, returnAddress: { ...input.returnAddress, phone: input.customer.phone } });
    if (!result.ok) {
      setAlert(applyServerError(result.error, setError, fieldPaths, t));
      return;
    }
    const rma = result.value.rma;
    if (parcel) {
      const linked = await api['parcels.link']({ parcelId: parcel.id, rma });
      announce(linked.ok ? t('walkIn.created', { rma }) : t('walkIn.linkFailed', { rma, message: errorMessage(linked.error, t) }));
    } else {
      announce(t('walkIn.created', { rma }));
    }
    navigate({ screen: 'receive', rma });
  });

  // Typing the customer's name fills the name on the return address until it is changed there.
  const copyName = () => {
    if (!getValues('returnAddress.name')) setValue('returnAddress.name', getValues('customer.name'));
  };

  const a = errors.returnAddress;
  return (
    <main className="walk-in" aria-labelledby="walk-in-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: parcelId ? 'unmatched' : 'receiving' })}>
          ← {t(parcelId ? 'unmatched.title' : 'receiving.title')}
        </a>
        <h1 id="walk-in-title">{t('walkIn.title')}</h1>
        <p className="intro">{t('walkIn.intro')}</p>
      </div>
      {parcel ? <p className="notice">{t('walkIn.forParcel', { tracking: parcel.tracking })}</p> : null}
      <form className="panel walk-in-form" onSubmit={submit} noValidate>
        <FormAlert message={alert} />
        <fieldset className="grid">
          <legend>{t('walkIn.customer')}</legend>
          <Field label={t('field.customerName')} error={errors.customer?.name?.message}>
            {(p) => <input {...p} {...register('customer.name', { onBlur: copyName })} autoFocus autoComplete="off" />}
          </Field>
          <Field label={t('walkIn.customerLanguage')} error={errors.customer?.locale?.message}>
            {(p) => (
              <select {...p} {...register('customer.locale')}>
                {customerLanguages.map(([code, name]) => (
                  <option key={code} value={code} lang={code}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('field.email')} error={errors.customer?.email?.message} optional>
            {(p) => <input {...p} {...register('customer.email')} type="email" autoComplete="off" />}
          </Field>
          <Field label={t('field.phone')} error={errors.customer?.phone?.message ?? a?.phone?.message} optional>
            {(p) => <input {...p} {...register('customer.phone')} type="tel" autoComplete="off" />}
          </Field>
        </fieldset>
        <fieldset className="grid">
          <legend>{t('walkIn.returnAddress')}</legend>
          <Field label={t('field.addressName')} error={a?.name?.message} className="span-2">
            {(p) => <input {...p} {...register('returnAddress.name')} autoComplete="off" />}
          </Field>
          <Field label={t('field.line1')} error={a?.line1?.message} className="span-2">
            {(p) => <input {...p} {...register('returnAddress.line1')} autoComplete="off" />}
          </Field>
          <Field label={t('field.line2')} error={a?.line2?.message} optional className="span-2">
            {(p) => <input {...p} {...register('returnAddress.line2')} autoComplete="off" />}
          </Field>
          <Field label={t('field.city')} error={a?.city?.message}>
            {(p) => <input {...p} {...register('returnAddress.city')} autoComplete="off" />}
          </Field>
          <Field label={t('field.region')} error={a?.region?.message} optional>
            {(p) => <input {...p} {...register('returnAddress.region')} autoComplete="off" />}
          </Field>
          <Field label={t('field.postalCode')} error={a?.postalCode?.message}>
            {(p) => <input {...p} {...register('returnAddress.postalCode')} autoComplete="off" />}
          </Field>
          <Field label={t('field.country')} error={a?.country?.message} hint="KR, CN, GR, US…">
            {(p) => <input {...p} {...register('returnAddress.country')} maxLength={2} autoComplete="off" className="short" />}
          </Field>
        </fieldset>
        <fieldset className="grid">
          <legend>{t('walkIn.unit')}</legend>
          <Field label={t('field.model')} error={errors.model?.message} hint={t('walkIn.modelHint')}>
            {(p) => <input {...p} {...register('model')} list="walk-in-models" autoComplete="off" spellCheck={false} />}
          </Field>
          <datalist id="walk-in-models">
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
          <Field label={t('field.serial')} error={errors.serial?.message}>
            {(p) => <input {...p} {...register('serial')} autoComplete="off" spellCheck={false} className="mono" />}
          </Field>
          <Field label={t('walkIn.purchaseDate')} error={errors.purchaseDate?.message} hint={t('common.dateHint')} optional>
            {(p) => <DateInput {...p} {...register('purchaseDate', { setValueAs: blankToUndefined })} />}
          </Field>
          <Field label={t('walkIn.problemCategory')} error={errors.problemCategory?.message} optional>
            {(p) => <input {...p} {...register('problemCategory')} autoComplete="off" />}
          </Field>
          <Field label={t('walkIn.problem')} error={errors.problemDescription?.message} className="span-2">
            {(p) => <textarea {...p} {...register('problemDescription')} rows={3} />}
          </Field>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('walkIn.create')}
          </button>
        </div>
      </form>
    </main>
  );
}
