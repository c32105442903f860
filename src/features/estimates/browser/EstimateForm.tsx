import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { issueEstimateInput, type BenchCase, type EstimateView, type Part } from '../../bench/common/index.ts';
import { computeEstimate, type EstimateLineInput, type EstimateTotals } from '../common/estimate.ts';
import { formatMoney, parseMoney, plainAmount, type Currency } from '../../../base/common/money.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { commonMessages, zodMessage } from '../../../base/common/messages.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

/** What the form holds: amounts as typed ("45000", "19.99"), turned into minor units by the schema. */
interface FormLine {
  kind: 'part' | 'labor' | 'shipping' | 'discount';
  sku: string;
  description: string;
  quantity: string;
  unitPrice: string;
  laborBy: 'level' | 'hours';
  hours: string;
  damageLevel: string;
  amount: string;
  covered: boolean;
}
interface EstimateFormValues {
  rma: string;
  version: number;
  lines: FormLine[];
}

function toLine(l: FormLine, currency: Currency, path: (string | number)[], ctx: z.RefinementCtx): EstimateLineInput {
  const money = (text: string, field: string) => {
    const minor = parseMoney(text, currency);
    if (minor === null) ctx.addIssue({ code: 'custom', path: [...path, field], message: zodMessage(commonMessages.amount()) });
    return minor ?? 0;
  };
  const whole = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  switch (l.kind) {
    case 'part':
      return { kind: 'part', sku: l.sku, description: l.description, quantity: whole(l.quantity), unitPrice: money(l.unitPrice, 'unitPrice'), covered: l.covered };
    case 'labor':
      return l.laborBy === 'level'
        ? { kind: 'labor', description: l.description, damageLevel: Number(l.damageLevel) as 1 | 2 | 3, covered: l.covered }
        : { kind: 'labor', description: l.description, hours: Number(l.hours), covered: l.covered };
    case 'shipping':
      return { kind: 'shipping', description: l.description, amount: money(l.amount, 'amount'), covered: l.covered };
    case 'discount':
      return { kind: 'discount', description: l.description, amount: money(l.amount, 'amount') };
  }
}

/** The form's schema: amounts parsed in the site's currency, then the shared estimate schema. */
const schemaFor = (currency: Currency) =>
  z
    .object({ rma: z.string(), version: z.number(), lines: z.array(z.custom<FormLine>()) })
    .transform((v, ctx) => ({ ...v, lines: v.lines.map((l, i) => toLine(l, currency, ['lines', i], ctx)) }))
    .pipe(issueEstimateInput);

const blank = (kind: FormLine['kind'], bench: BenchCase): FormLine => ({
  kind,
  sku: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  laborBy: 'level',
  hours: '',
  damageLevel: String(bench.diagnosis.damageLevel ?? 1),
  amount: kind === 'shipping' ? plainAmount(bench.returnShippingFee, bench.currency) : '',
  covered: kind !== 'discount' && (bench.warranty?.covered ?? false),
});

interface Props {
  bench: BenchCase;
  onIssued: (bench: BenchCase) => void;
}

/** Builds a new estimate version from parts, labor, return shipping and discounts, with totals as you type. */
export function EstimateForm({ bench, onIssued }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [parts, setParts] = useState<Part[]>([]);
  const current = bench.estimates.find((e) => e.state !== 'superseded');
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useDepotForm<EstimateFormValues, unknown, z.output<typeof issueEstimateInput>>({
    resolver: zodResolver(schemaFor(bench.currency)),
    defaultValues: { rma: bench.rma, version: bench.version, lines: [] },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const lines = useWatch({ control, name: 'lines' });

  useEffect(() => {
    void api['parts.list']({}).then((r) => {
      if (r.ok) setParts(r.value);
    });
  }, []);

  useEffect(() => setValue('version', bench.version), [bench.version, setValue]);

  let preview: EstimateTotals | null = null;
  try {
    const parsed = schemaFor(bench.currency).safeParse({ rma: bench.rma, version: bench.version, lines });
    if (parsed.success) preview = computeEstimate(parsed.data.lines, bench.rates, bench.currency);
  } catch {
    preview = null;
  }

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['bench.issueEstimate'](input);
    if (!result.ok) {
      const paths = lines.flatMap((_, i) => ['sku', 'description', 'quantity', 'unitPrice', 'hours', 'damageLevel', 'amount'].map((f) => `lines.${i}.${f}`));
      setAlert(applyServerError(result.error, setError, paths, t));
      return;
    }
    const issued = result.value.estimates[0]!;
    announce(t('bench.issued', { version: issued.version, rma: bench.rma }));
    onIssued(result.value);
  });

  const lineError = (i: number, field: keyof FormLine) => errors.lines?.[i]?.[field]?.message;
  const money = (minor: number) => formatMoney(minor, bench.currency);
  const labelFor = (field: string, i: number) => t('bench.lineField', { field, n: i + 1 });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="estimate-new">
      <h3 id="estimate-new">{current ? t('bench.newVersion', { version: current.version }) : t('bench.newEstimate')}</h3>
      <FormAlert message={alert} />
      {fields.map((field, i) => {
        const line = lines[i] ?? field;
        return (
          <fieldset key={field.id} className="grid">
            <legend>
              {i + 1}. {t(`bench.kind.${line.kind}`)}
            </legend>
            {line.kind === 'part' ? (
              <>
                <Field label={labelFor(t('bench.sku'), i)} error={lineError(i, 'sku')}>
                  {(p) => (
                    <select
                      {...p}
                      {...register(`lines.${i}.sku`, {
                        onChange: (e: { target: { value: string } }) => {
                          const part = parts.find((x) => x.sku === e.target.value);
                          if (!part) return;
                          setValue(`lines.${i}.description`, part.name);
                          setValue(`lines.${i}.unitPrice`, plainAmount(part.price, bench.currency));
                        },
                      })}
                    >
                      <option value="">{t('common.choose')}</option>
                      {parts.map((part) => (
                        <option key={part.sku} value={part.sku}>
                          {part.sku} · {part.name} · {money(part.price)} ({part.stock})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={labelFor(t('bench.description'), i)} error={lineError(i, 'description')}>
                  {(p) => <input {...p} {...register(`lines.${i}.description`)} />}
                </Field>
                <Field label={labelFor(t('bench.quantity'), i)} error={lineError(i, 'quantity')}>
                  {(p) => <input {...p} inputMode="numeric" {...register(`lines.${i}.quantity`)} />}
                </Field>
                <Field label={labelFor(t('bench.unitPrice'), i)} error={lineError(i, 'unitPrice')}>
                  {(p) => <input {...p} inputMode="decimal" {...register(`lines.${i}.unitPrice`)} />}
                </Field>
              </>
            ) : null}
            {line.kind === 'labor' ? (
              <>
                <Field label={labelFor(t('bench.laborBy'), i)}>
                  {(p) => (
                    <select {...p} {...register(`lines.${i}.laborBy`)}>
                      <option value="level">{t('bench.byLevel')}</option>
                      <option value="hours">{t('bench.byHours', { rate: money(bench.rates.laborHourlyRate) })}</option>
                    </select>
                  )}
                </Field>
                {line.laborBy === 'level' ? (
                  <Field label={labelFor(t('bench.damageLevel'), i)} error={lineError(i, 'damageLevel')}>
                    {(p) => (
                      <select {...p} {...register(`lines.${i}.damageLevel`)}>
                        {bench.rates.laborLevelFees.map((fee, level) => (
                          <option key={level} value={level + 1}>
                            {t('bench.levelFee', { level: level + 1, fee: money(fee) })}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : (
                  <Field label={labelFor(t('bench.hours'), i)} error={lineError(i, 'hours')}>
                    {(p) => <input {...p} inputMode="decimal" {...register(`lines.${i}.hours`)} />}
                  </Field>
                )}
              </>
            ) : null}
            {line.kind === 'shipping' || line.kind === 'discount' ? (
              <>
                <Field label={labelFor(t('bench.description'), i)} error={lineError(i, 'description')} optional>
                  {(p) => <input {...p} {...register(`lines.${i}.description`)} />}
                </Field>
                <Field label={labelFor(t('bench.amount'), i)} error={lineError(i, 'amount')}>
                  {(p) => <input {...p} inputMode="decimal" {...register(`lines.${i}.amount`)} />}
                </Field>
              </>
            ) : null}
            {line.kind !== 'discount' ? (
              <label className="check">
                <input type="checkbox" {...register(`lines.${i}.covered`)} /> {labelFor(t('bench.coveredLine'), i)}
              </label>
            ) : null}
            <button type="button" onClick={() => remove(i)}>
              {t('bench.removeLine', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      {errors.lines?.message || errors.lines?.root?.message ? (
        <p className="error">{errors.lines.message ?? errors.lines.root?.message}</p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => append(blank('part', bench))}>
          {t('bench.addPart')}
        </button>
        <button type="button" onClick={() => append(blank('labor', bench))}>
          {t('bench.addLabor')}
        </button>
        <button type="button" onClick={() => append(blank('shipping', bench))}>
          {t('bench.addShipping')}
        </button>
        <button type="button" onClick={() => append(blank('discount', bench))}>
          {t('bench.addDiscount')}
        </button>
      </div>
      {preview ? <Totals totals={preview} currency={bench.currency} taxRateBp={bench.rates.taxRateBp} label={t('bench.preview')} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSubmitting || fields.length === 0}>
          {t('bench.issue')}
        </button>
      </div>
    </form>
  );
}

export function Totals({
  totals,
  currency,
  taxRateBp,
  label,
}: {
  totals: Omit<EstimateTotals, 'lines' | 'currency'>;
  currency: Currency;
  taxRateBp: number;
  label: string;
}) {
  const { t } = useTranslation();
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <dl className="facts" aria-label={label}>
      <div className="fact">
        <dt>{t('bench.subtotal')}</dt>
        <dd>{money(totals.subtotal)}</dd>
      </div>
      {totals.discount > 0 ? (
        <div className="fact">
          <dt>{t('bench.discount')}</dt>
          <dd>−{money(totals.discount)}</dd>
        </div>
      ) : null}
      <div className="fact">
        <dt>{t('bench.tax', { rate: taxRateBp / 100 })}</dt>
        <dd>{money(totals.tax)}</dd>
      </div>
      <div className="fact">
        <dt>{t('bench.total')}</dt>
        <dd>
          <strong>{money(totals.total)}</strong>
        </dd>
      </div>
      {totals.coveredCost > 0 ? (
        <div className="fact">
          <dt>{t('bench.coveredCost')}</dt>
          <dd>{money(totals.coveredCost)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** One issued version: its lines, totals, validity, decision and payments. */
export function EstimateCard({ estimate }: { estimate: EstimateView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => formatMoney(minor, estimate.currency);
  const state = estimate.expired ? 'expired' : estimate.state;
  return (
    <article className="panel" aria-label={t('bench.version', { version: estimate.version })}>
      <h3>
        {t('bench.version', { version: estimate.version })} · <span className="badge">{t(`bench.state.${state}`)}</span> ·{' '}
        {t('bench.validUntil', { date: format.date(estimate.validUntil) })}
      </h3>
      <table className="history">
        <thead>
          <tr>
            <th scope="col">{t('bench.line')}</th>
            <th scope="col">{t('bench.quantity')}</th>
            <th scope="col">{t('bench.lineTotal')}</th>
            <th scope="col">{t('bench.coveredLine')}</th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {t(`bench.kind.${l.kind}`)}
                {l.kind === 'part' ? ` · ${l.sku ?? ''} ${l.description}` : ''}
                {l.kind === 'labor' ? ` · ${l.damageLevel !== null ? t('bench.level', { level: l.damageLevel }) : `${l.hours} h`}` : ''}
              </td>
              <td className="num">{l.kind === 'part' ? l.quantity : ''}</td>
              <td className="num">{money(l.lineTotal)}</td>
              <td>{l.kind !== 'discount' && l.covered ? t('bench.coveredLine') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Totals totals={estimate.totals} currency={estimate.currency} taxRateBp={estimate.taxRateBp} label={t('bench.total')} />
      {estimate.decision ? (
        <p>
          {t('bench.decisionLine', {
            decision: t(`bench.${estimate.decision.decision}`),
            source: t(estimate.decision.source === 'portal' ? 'bench.fromPortal' : 'bench.atDesk'),
            when: format.dateTime(estimate.decision.at),
          })}
          {estimate.decision.note ? ` · ${estimate.decision.note}` : ''}
        </p>
      ) : null}
      {estimate.paid > 0 ? <p>{t('bench.paid', { amount: money(estimate.paid) })}</p> : null}
    </article>
  );
}
