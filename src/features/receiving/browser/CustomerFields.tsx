import type { FieldErrors, Path, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createCaseInput } from '../../cases/common/index.ts';
import { Field } from '../../../base/browser/Field.tsx';

type Customer = Pick<z.input<typeof createCaseInput>, 'customer' | 'returnAddress'>;

/** Each customer language by its own name, marked as that language. */
export const customerLanguages = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['zh', '中文'],
  ['el', 'Ελληνικά'],
] as const;

/** An empty customer and return address, the customer's language preset to the desk's. */
export function blankCustomer(deskLanguage: string): Customer {
  const locale = customerLanguages.find(([code]) => code === deskLanguage)?.[0] ?? 'en';
  return {
    customer: { name: '', email: '', phone: '', locale },
    returnAddress: { name: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' },
  };
}

/** The customer fields' paths, for the server's field errors. */
export const customerFieldPaths = [
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
] as const;

interface Props<T extends Customer> {
  register: UseFormRegister<T>;
  errors: FieldErrors<Customer>;
  /** Leaving the customer's name: the desk copies it to the return address. */
  onNameDone: () => void;
}

/** Who the customer is and where their units go back: a walk-in's, or a distributor's for a whole return. */
export function CustomerFields<T extends Customer>({ register, errors, onNameDone }: Props<T>) {
  const { t } = useTranslation();
  const r = (name: (typeof customerFieldPaths)[number], options?: Parameters<UseFormRegister<T>>[1]) => register(name as Path<T>, options);
  const a = errors.returnAddress;
  return (
    <>
      <fieldset className="grid">
        <legend>{t('walkIn.customer')}</legend>
        <Field label={t('field.customerName')} error={errors.customer?.name?.message}>
          {(p) => <input {...p} {...r('customer.name', { onBlur: onNameDone })} autoFocus autoComplete="off" />}
        </Field>
        <Field label={t('walkIn.customerLanguage')} error={errors.customer?.locale?.message}>
          {(p) => (
            <select {...p} {...r('customer.locale')}>
              {customerLanguages.map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('field.email')} error={errors.customer?.email?.message} optional>
          {(p) => <input {...p} {...r('customer.email')} type="email" autoComplete="off" />}
        </Field>
        <Field label={t('field.phone')} error={errors.customer?.phone?.message ?? a?.phone?.message} optional>
          {(p) => <input {...p} {...r('customer.phone')} type="tel" autoComplete="off" />}
        </Field>
      </fieldset>
      <fieldset className="grid">
        <legend>{t('walkIn.returnAddress')}</legend>
        <Field label={t('field.addressName')} error={a?.name?.message} className="span-2">
          {(p) => <input {...p} {...r('returnAddress.name')} autoComplete="off" />}
        </Field>
        <Field label={t('field.line1')} error={a?.line1?.message} className="span-2">
          {(p) => <input {...p} {...r('returnAddress.line1')} autoComplete="off" />}
        </Field>
        <Field label={t('field.line2')} error={a?.line2?.message} optional className="span-2">
          {(p) => <input {...p} {...r('returnAddress.line2')} autoComplete="off" />}
        </Field>
        <Field label={t('field.city')} error={a?.city?.message}>
          {(p) => <input {...p} {...r('returnAddress.city')} autoComplete="off" />}
        </Field>
        <Field label={t('field.region')} error={a?.region?.message} optional>
          {(p) => <input {...p} {...r('returnAddress.region')} autoComplete="off" />}
        </Field>
        <Field label={t('field.postalCode')} error={a?.postalCode?.message}>
          {(p) => <input {...p} {...r('returnAddress.postalCode')} autoComplete="off" />}
        </Field>
        <Field label={t('field.country')} error={a?.country?.message} hint="KR, CN, GR, US…">
          {(p) => <input {...p} {...r('returnAddress.country')} maxLength={2} autoComplete="off" className="short" />}
        </Field>
      </fieldset>
    </>
  );
}
