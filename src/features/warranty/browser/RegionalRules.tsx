import { useState } from 'react';
import { useFieldArray, type Control, type FieldErrors, type Resolver, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { typedNumber } from '../../../base/browser/numbers.ts';
import {
  regionalRemedies,
  regionalRuleKinds,
  regionalRuleSetSchema,
  type RegionalRemedy,
  type RegionalRule,
  type RegionalRuleKind,
  type RegionalRuleSet,
  type RegionalRuleSetInput,
} from '../common/index.ts';
import type { Result } from '../../../base/common/result.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { translateMessage } from '../../../base/browser/messages.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

/** One rule as the form holds it: every field any kind may need, as typed. */
interface RuleRow {
  kind: RegionalRuleKind;
  count: string;
  unit: 'days' | 'months';
  remedies: RegionalRemedy[];
  majorOnly: boolean;
  freight: 'customer' | 'company';
  clause: string;
}
interface SetRow {
  region: string;
  productLine: string;
  rules: RuleRow[];
}
interface FormValues {
  sets: SetRow[];
}

/** Which of the row's fields a kind uses, and what its number is called. */
const countOf: Partial<Record<RegionalRuleKind, 'within' | 'afterRepairs' | 'overDays' | 'withinDays'>> = {
  early_fault: 'within',
  paid_repair_recurrence: 'within',
  repeat_same_fault: 'afterRepairs',
  repeat_any_fault: 'afterRepairs',
  repair_delay: 'overDays',
  parts_delay: 'overDays',
  distance_withdrawal: 'withinDays',
  defect_return: 'withinDays',
};
const withRemedies: readonly RegionalRuleKind[] = ['early_fault', 'repeat_same_fault', 'repeat_any_fault', 'repair_delay', 'parts_delay', 'lost_unit'];
const withFreight: readonly RegionalRuleKind[] = ['distance_withdrawal', 'defect_return'];

function rowOf(rule: RegionalRule): RuleRow {
  const row: RuleRow = { kind: rule.kind, count: '', unit: 'days', remedies: [], majorOnly: false, freight: 'customer', clause: rule.clause };
  if ('within' in rule) Object.assign(row, { count: String(rule.within.count), unit: rule.within.unit });
  if ('afterRepairs' in rule) row.count = String(rule.afterRepairs);
  if ('overDays' in rule) row.count = String(rule.overDays);
  if ('withinDays' in rule) row.count = String(rule.withinDays);
  if ('remedies' in rule) row.remedies = rule.remedies;
  if ('majorOnly' in rule) row.majorOnly = rule.majorOnly;
  if ('freight' in rule) row.freight = rule.freight;
  return row;
}

/** The row as the schema reads it: only the fields of its kind, under their names. */
function ruleOfRow(row: RuleRow): Record<string, unknown> {
  const count = countOf[row.kind];
  return {
    kind: row.kind,
    clause: row.clause,
    ...(count === 'within' ? { within: { count: row.count, unit: row.unit } } : count ? { [count]: row.count } : {}),
    ...(withRemedies.includes(row.kind) ? { remedies: row.remedies } : {}),
    ...(row.kind === 'early_fault' ? { majorOnly: row.majorOnly } : {}),
    ...(withFreight.includes(row.kind) ? { freight: row.freight } : {}),
  };
}

const setOfRow = (set: SetRow): RegionalRuleSetInput =>
  ({ region: set.region, productLine: set.productLine, rules: set.rules.map(ruleOfRow) }) as RegionalRuleSetInput;

const formSchema = z.object({ sets: z.array(regionalRuleSetSchema) });
type Saved = z.output<typeof formSchema>;

/** A path of the rules as the schema names it (`0.rules.1.within.count`) → the form's field (`sets.0.rules.1.count`). */
function fieldOf(path: readonly (string | number)[]): string {
  const [set, list, rule, name] = path;
  if (list !== 'rules' || rule === undefined) return `sets.${set}.${list ?? 'region'}`;
  const field = name === 'within' ? (path[4] === 'unit' ? 'unit' : 'count') : name;
  const known = ['kind', 'remedies', 'majorOnly', 'freight', 'clause'];
  return `sets.${set}.rules.${rule}.${known.includes(String(field)) ? field : field === undefined ? 'kind' : 'count'}`;
}

const resolver: Resolver<FormValues, unknown, Saved> = async (values) => {
  const parsed = formSchema.safeParse({ sets: values.sets.map(setOfRow) });
  if (parsed.success) return { values: parsed.data, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const issue of parsed.error.issues) {
    const keys = fieldOf(issue.path.slice(1) as (string | number)[]).split('.');
    let at = errors;
    keys.slice(0, -1).forEach((key) => (at = (at[key] ??= {}) as Record<string, unknown>));
    at[keys.at(-1)!] ??= { type: 'validation', message: issue.message };
  }
  return { values: {}, errors: errors as FieldErrors<FormValues> };
};

interface Props {
  rules: readonly RegionalRuleSet[];
  editable: boolean;
  /** Saves the rules; a refusal names fields under `fieldPrefix` (`policy.regional.0.rules.1.clause`). */
  onSave: (rules: RegionalRuleSet[]) => Promise<Result<unknown>>;
  fieldPrefix: string;
}

/** The consumer rules of each region: the rules, their numbers, the remedies they give and the clause they cite. */
export function RegionalRules({ rules, editable, onSave, fieldPrefix }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useDepotForm<FormValues, unknown, Saved>({
    resolver,
    values: { sets: rules.map((s) => ({ region: s.region, productLine: s.productLine ?? '', rules: s.rules.map(rowOf) })) },
    resetOptions: { keepDirtyValues: true },
  });
  const sets = useFieldArray({ control, name: 'sets' });
  const watched = watch('sets');

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await onSave(input.sets);
    if (!result.ok) {
      const prefix = `${fieldPrefix}.`;
      const fields = Object.fromEntries(
        Object.entries(result.error.fields ?? {})
          .filter(([path]) => path.startsWith(prefix))
          .map(([path, message]) => [fieldOf(path.slice(prefix.length).split('.')), message]),
      );
      const reasons = Object.fromEntries(
        Object.entries(result.error.fieldReasons ?? {})
          .filter(([path]) => path.startsWith(prefix))
          .map(([path, reason]) => [fieldOf(path.slice(prefix.length).split('.')), reason]),
      );
      return setAlert(applyServerError({ ...result.error, fields, fieldReasons: reasons }, setError, Object.keys(fields), t));
    }
    announce(t('remedies.settings.saved'));
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="regional-rules-title">
      <fieldset disabled={!editable} className="panel">
        <legend id="regional-rules-title">{t('remedies.settings.title')}</legend>
        <p className="muted">{t('remedies.settings.intro')}</p>
        <FormAlert message={alert} />
        {sets.fields.map((field, i) => {
          const set = watched[i] ?? field;
          const name = set.region ? (set.productLine ? `${set.region} / ${set.productLine}` : set.region) : null;
          const setName = name ?? String(i + 1);
          return (
            <fieldset key={field.id} className="panel">
              <legend>{name ? t('remedies.settings.set', { name }) : t('remedies.settings.newSet')}</legend>
              <div className="grid">
                <Field label={t('remedies.settings.region', { n: i + 1 })} error={errors.sets?.[i]?.region?.message}>
                  {(p) => <input {...p} {...register(`sets.${i}.region`)} />}
                </Field>
                <Field label={t('remedies.settings.productLine', { n: i + 1 })} error={errors.sets?.[i]?.productLine?.message} optional>
                  {(p) => <input {...p} {...register(`sets.${i}.productLine`)} />}
                </Field>
              </div>
              <RuleRows control={control} register={register} errors={errors} setIndex={i} setName={setName} rows={set.rules} />
              {editable ? (
                <div className="actions">
                  <button type="button" onClick={() => sets.remove(i)}>
                    {t('remedies.settings.removeSet', { set: setName })}
                  </button>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        {editable ? (
          <div className="actions">
            <button type="button" onClick={() => sets.append({ region: '', productLine: '', rules: [] })}>
              {t('remedies.settings.addSet')}
            </button>
            <button type="submit" className="primary" disabled={isSubmitting}>
              {t('remedies.settings.save')}
            </button>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

interface RowsProps {
  control: Control<FormValues, unknown, Saved>;
  register: UseFormRegister<FormValues>;
  errors: FieldErrors<FormValues>;
  setIndex: number;
  setName: string;
  rows: readonly RuleRow[];
}

function RuleRows({ control, register, errors, setIndex, setName, rows }: RowsProps) {
  const { t } = useTranslation();
  const list = useFieldArray({ control, name: `sets.${setIndex}.rules` });
  const label = (field: string, j: number) => t('remedies.settings.field', { field, set: setName, n: j + 1 });
  return (
    <>
      {list.fields.map((field, j) => {
        const row = rows[j] ?? field;
        const error = errors.sets?.[setIndex]?.rules?.[j];
        const count = countOf[row.kind];
        const path = `sets.${setIndex}.rules.${j}` as const;
        return (
          <fieldset key={field.id} className="grid">
            <legend>
              {j + 1}. {t(`remedies.rule.${row.kind}`)}
            </legend>
            <Field label={label(t('remedies.settings.kind'), j)} error={error?.kind?.message}>
              {(p) => (
                <select {...p} {...register(`${path}.kind`)}>
                  {regionalRuleKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`remedies.rule.${kind}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {count ? (
              <Field label={label(t(`remedies.settings.${count}`), j)} error={error?.count?.message}>
                {(p) => <input {...p} inputMode="numeric" {...register(`${path}.count`, { setValueAs: typedNumber })} />}
              </Field>
            ) : null}
            {count === 'within' ? (
              <Field label={label(t('remedies.settings.unit'), j)} error={error?.unit?.message}>
                {(p) => (
                  <select {...p} {...register(`${path}.unit`)}>
                    <option value="days">{t('remedies.settings.days')}</option>
                    <option value="months">{t('remedies.settings.months')}</option>
                  </select>
                )}
              </Field>
            ) : null}
            {withFreight.includes(row.kind) ? (
              <Field label={label(t('remedies.settings.freight'), j)} error={error?.freight?.message}>
                {(p) => (
                  <select {...p} {...register(`${path}.freight`)}>
                    <option value="customer">{t('remedies.settings.freightCustomer')}</option>
                    <option value="company">{t('remedies.settings.freightCompany')}</option>
                  </select>
                )}
              </Field>
            ) : null}
            <Field label={label(t('remedies.settings.clause'), j)} error={error?.clause?.message}>
              {(p) => <input {...p} {...register(`${path}.clause`)} />}
            </Field>
            {withRemedies.includes(row.kind) ? (
              <fieldset className="checks">
                <legend>{label(t('remedies.settings.remedies'), j)}</legend>
                {regionalRemedies.map((remedy) => (
                  <label key={remedy} className="check">
                    <input type="checkbox" value={remedy} {...register(`${path}.remedies`)} /> {t(`remedies.kind.${remedy}`)}
                  </label>
                ))}
                {error?.remedies?.message ? <div className="error">{translateMessage(error.remedies.message)}</div> : null}
              </fieldset>
            ) : null}
            {row.kind === 'early_fault' ? (
              <label className="check">
                <input type="checkbox" {...register(`${path}.majorOnly`)} /> {label(t('remedies.settings.majorOnly'), j)}
              </label>
            ) : null}
            <div className="actions">
              <button type="button" onClick={() => list.remove(j)}>
                {t('remedies.settings.removeRule', { set: setName, n: j + 1 })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="actions">
        <button
          type="button"
          onClick={() => list.append({ kind: 'early_fault', count: '', unit: 'days', remedies: [], majorOnly: false, freight: 'customer', clause: '' })}
        >
          {t('remedies.settings.addRule', { set: setName })}
        </button>
      </div>
    </>
  );
}
