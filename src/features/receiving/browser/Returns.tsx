import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createReturnInput, RETURN_CSV_HEADER, type ReturnSummary } from '../common/returns.ts';
import type { CustomerReturn } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { href, navigate } from '../../../base/browser/router.ts';
import { useDepotForm } from '../../../base/browser/form.ts';
import { blankCustomer, CustomerFields, customerFieldPaths } from './CustomerFields.tsx';
import { ReturnUnits } from './ReturnBox.tsx';

/** The returns of many units, newest first: how far each box got. */
export function ReturnsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const [returns, setReturns] = useState<ReturnSummary[] | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  useEffect(() => {
    void api['returns.list']({}).then((result) => (result.ok ? setReturns(result.value) : setAlert(errorMessage(result.error, t))));
  }, [t]);
  return (
    <main className="returns" aria-labelledby="returns-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'receiving' })}>
          ← {t('receiving.title')}
        </a>
        <h1 id="returns-title">{t('returns.title')}</h1>
        <p className="intro">{t('returns.intro')}</p>
        <div className="head-links">
          <a className="button primary" href={href({ screen: 'returnNew' })}>
            {t('returns.new')}
          </a>
        </div>
      </div>
      <FormAlert message={alert} />
      {returns && returns.length === 0 ? <p className="empty">{t('returns.none')}</p> : null}
      {returns && returns.length > 0 ? (
        <table className="returns-list">
          <thead>
            <tr>
              <th>{t('returns.number')}</th>
              <th>{t('receiving.customer')}</th>
              <th>{t('field.tracking')}</th>
              <th>{t('returns.units')}</th>
              <th>{t('returns.received')}</th>
              <th>{t('box.missing')}</th>
              <th>{t('returns.strays')}</th>
              <th>{t('returns.created')}</th>
            </tr>
          </thead>
          <tbody>
            {returns.map((r) => (
              <tr key={r.number}>
                <td className="mono">
                  <a href={href({ screen: 'return', number: r.number })}>{r.number}</a>
                </td>
                <td>{r.customerName}</td>
                <td className="mono">{r.tracking ?? t('common.none')}</td>
                <td>{r.units}</td>
                <td>{r.received}</td>
                <td>{r.missing}</td>
                <td>{r.strays}</td>
                <td>{format.dateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

/** One return: its units as they are now, the missing and what the box held besides. */
export function ReturnScreen({ number }: { number: string }) {
  const { t } = useTranslation();
  const [ret, setRet] = useState<CustomerReturn | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  useEffect(() => {
    void api['returns.get']({ number }).then((result) => (result.ok ? setRet(result.value) : setAlert(errorMessage(result.error, t))));
  }, [number, t]);
  return (
    <main className="return" aria-labelledby="return-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'returns' })}>
          ← {t('returns.title')}
        </a>
        <h1 id="return-title">{t('box.title', { number })}</h1>
        {ret ? (
          <p className="intro">
            {ret.customerName}
            {ret.tracking ? ` · ${ret.tracking}` : ''}
          </p>
        ) : null}
      </div>
      <FormAlert message={alert} />
      {ret ? <ReturnUnits ret={ret} /> : null}
    </main>
  );
}

type NewReturnForm = z.input<typeof createReturnInput>;

/** A return of many units from a distributor: who sends it, the box's tracking, and the list of units as CSV. */
export function NewReturn() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [lineProblems, setLineProblems] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = useDepotForm<NewReturnForm, unknown, z.output<typeof createReturnInput>>({
    resolver: zodResolver(createReturnInput),
    defaultValues: {
      ...blankCustomer(i18n.language),
      tracking: '',
      carrier: '',
      unitsCsv: `${RETURN_CSV_HEADER.join(',')}\n`,
    },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    setLineProblems([]);
    const result = await api['returns.create']({ ...input, returnAddress: { ...input.returnAddress, phone: input.customer.phone } });
    if (!result.ok) {
      const problems = Object.keys(result.error.fieldReasons ?? {})
        .filter((path) => /^unitsCsv\.\d+$/.test(path))
        .map((path) => wordReason(result.error.fieldReasons![path]!, result.error.fields?.[path] ?? '', i18n.language));
      setLineProblems(problems);
      setAlert(applyServerError(result.error, setError, [...customerFieldPaths, 'tracking', 'carrier', 'unitsCsv'], t));
      return;
    }
    announce(t('returns.createdSaid', { number: result.value.number, count: result.value.units.length }));
    navigate({ screen: 'return', number: result.value.number });
  });

  const copyName = () => {
    if (!getValues('returnAddress.name')) setValue('returnAddress.name', getValues('customer.name'));
  };

  return (
    <main className="walk-in" aria-labelledby="new-return-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'returns' })}>
          ← {t('returns.title')}
        </a>
        <h1 id="new-return-title">{t('returns.new')}</h1>
        <p className="intro">{t('returns.newIntro')}</p>
      </div>
      <form className="panel walk-in-form" onSubmit={submit} noValidate>
        <FormAlert message={alert} />
        <CustomerFields register={register} errors={errors} onNameDone={copyName} />
        <fieldset className="grid">
          <legend>{t('returns.box')}</legend>
          <Field label={t('field.tracking')} error={errors.tracking?.message} hint={t('returns.trackingHint')} optional>
            {(p) => <input {...p} {...register('tracking', { setValueAs: (v: string) => (v.trim() === '' ? null : v) })} autoComplete="off" className="mono" />}
          </Field>
          <Field label={t('field.carrier')} error={errors.carrier?.message} optional>
            {(p) => <input {...p} {...register('carrier')} autoComplete="off" />}
          </Field>
          <Field label={t('returns.unitsCsv')} error={errors.unitsCsv?.message} hint={t('returns.unitsHint')} className="span-2">
            {(p) => <textarea {...p} {...register('unitsCsv')} rows={10} className="mono" spellCheck={false} />}
          </Field>
          {lineProblems.length > 0 ? (
            <ul className="problems span-2" aria-label={t('returns.problems')}>
              {lineProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('returns.create')}
          </button>
        </div>
      </form>
    </main>
  );
}
