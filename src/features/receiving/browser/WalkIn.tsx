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
import { blankCustomer, CustomerFields, customerFieldPaths } from './CustomerFields.tsx';

type WalkInForm = z.input<typeof createCaseInput>;

const fieldPaths = [...customerFieldPaths, 'model', 'serial', 'purchaseDate', 'problemCategory', 'problemDescription'] as const;


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
      ...blankCustomer(i18n.language),
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
        <CustomerFields register={register} errors={errors} onNameDone={copyName} />
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
