import { useEffect, useState } from 'react';
import { type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { benchSettingsSchema, type BenchSettings as Settings, type BenchSettingsView } from '../common/bench.ts';
import { formatMoney, parseMoney } from '../../../base/common/money.ts';
import { damageKinds, type DamageKind, type RegionalRuleSet } from '../../warranty/common/index.ts';
import { RegionalRules } from '../../warranty/browser/index.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { commonMessages, zodMessage } from '../../../base/common/messages.ts';
import { typedNumber } from '../../../base/browser/numbers.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

/** The form: numbers as typed, lists one per line ("Tablets = 24", "KR / Speakers = 12"). */
interface FormValues {
  standardMonths: string;
  noReasonReturnDays: string;
  companyPaidShippingMonths: string;
  extendedMaxYears: string;
  repairWarrantyDays: string;
  voidingDamage: DamageKind[];
  productLines: string;
  regions: string;
  taxRateBp: string;
  hourlyRate: string;
  level1: string;
  level2: string;
  level3: string;
  returnShippingFee: string;
  validityDays: string;
  faultCategories: string;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function toSettings(v: FormValues, saved: BenchSettingsView, ctx: z.RefinementCtx): z.input<typeof benchSettingsSchema> {
  const { currency } = saved;
  const money = (text: string, path: string) => {
    const minor = parseMoney(text, currency);
    if (minor === null) ctx.addIssue({ code: 'custom', path: [path], message: zodMessage(commonMessages.amount()) });
    return minor ?? 0;
  };
  const term = (text: string, i: number, path: string, example: string) => {
    const m = /^(.+?)\s*=\s*(\d+)$/.exec(text);
    if (!m) ctx.addIssue({ code: 'custom', path: [path], message: `Line ${i + 1}: write it as ${example}` });
    return { name: m?.[1]?.trim() ?? '', months: Number(m?.[2] ?? 0) };
  };
  return {
    policy: {
      standardMonths: typedNumber(v.standardMonths),
      noReasonReturnDays: typedNumber(v.noReasonReturnDays),
      companyPaidShippingMonths: typedNumber(v.companyPaidShippingMonths),
      extendedMaxYears: typedNumber(v.extendedMaxYears),
      repairWarrantyDays: typedNumber(v.repairWarrantyDays),
      voidingDamage: v.voidingDamage,
      // Saved on their own, with the consumer rules below.
      regional: saved.policy.regional,
      productLines: lines(v.productLines).map((l, i) => {
        const { name, months } = term(l, i, 'productLines', 'Tablets = 24');
        return { productLine: name, months };
      }),
      regions: lines(v.regions).map((l, i) => {
        const { name, months } = term(l, i, 'regions', 'KR / Speakers = 12');
        const [region, productLine] = name.split('/').map((s) => s.trim());
        return { region: region ?? '', productLine: productLine ?? null, months };
      }),
    },
    rates: {
      taxRateBp: typedNumber(v.taxRateBp),
      laborHourlyRate: money(v.hourlyRate, 'hourlyRate'),
      laborLevelFees: [money(v.level1, 'level1'), money(v.level2, 'level2'), money(v.level3, 'level3')],
    },
    returnShippingFee: money(v.returnShippingFee, 'returnShippingFee'),
    validityDays: typedNumber(v.validityDays),
    faultCategories: lines(v.faultCategories),
  };
}

const schemaFor = (saved: BenchSettingsView) =>
  z
    .custom<FormValues>()
    .transform((v, ctx) => toSettings(v, saved, ctx))
    .pipe(benchSettingsSchema);

function valuesOf(s: BenchSettingsView): FormValues {
  const plain = (minor: number) => formatMoney(minor, s.currency, 'en').replace(/[^\d.]/g, '');
  const p = s.policy;
  return {
    standardMonths: String(p.standardMonths),
    noReasonReturnDays: String(p.noReasonReturnDays),
    companyPaidShippingMonths: String(p.companyPaidShippingMonths),
    extendedMaxYears: String(p.extendedMaxYears),
    repairWarrantyDays: String(p.repairWarrantyDays),
    voidingDamage: p.voidingDamage,
    productLines: p.productLines.map((l) => `${l.productLine} = ${l.months}`).join('\n'),
    regions: p.regions.map((r) => `${r.region}${r.productLine ? ` / ${r.productLine}` : ''} = ${r.months}`).join('\n'),
    taxRateBp: String(s.rates.taxRateBp),
    hourlyRate: plain(s.rates.laborHourlyRate),
    level1: plain(s.rates.laborLevelFees[0]),
    level2: plain(s.rates.laborLevelFees[1]),
    level3: plain(s.rates.laborLevelFees[2]),
    returnShippingFee: plain(s.returnShippingFee),
    validityDays: String(s.validityDays),
    faultCategories: s.faultCategories.join('\n'),
  };
}

/** A path of the settings (as the schema and the server name it) → the form field that holds it. */
function fieldOf(path: string): keyof FormValues {
  const [head, second, index] = path.split('.');
  if (head === 'policy' && (second === 'productLines' || second === 'regions' || second === 'voidingDamage')) return second;
  if (head === 'policy' || head === 'rates') {
    if (second === 'laborHourlyRate') return 'hourlyRate';
    if (second === 'laborLevelFees') return (['level1', 'level2', 'level3'] as const)[Number(index)] ?? 'level1';
    return second as keyof FormValues;
  }
  return head as keyof FormValues;
}

/** The shared schema checks the form; its messages land on the fields that hold the values. */
const resolverFor =
  (saved: BenchSettingsView): Resolver<FormValues, unknown, Settings> =>
  async (values) => {
    const parsed = schemaFor(saved).safeParse(values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: FieldErrors<FormValues> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.map(String).join('.'));
      errors[field] ??= { type: 'validation', message: issue.message };
    }
    return { values: {}, errors };
  };

/** The warranty policy, labor rates, tax and fault categories: the admin edits, everyone may read. */
export function BenchSettings() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<BenchSettingsView | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  useEffect(() => {
    void api['bench.settings']({}).then((r) => {
      if (r.ok) setSettings(r.value);
      else setAlert(errorMessage(r.error, t));
    });
  }, [t]);
  return (
    <main className="settings" aria-labelledby="bench-settings-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'bench' })}>
          ← {t('bench.parts.back')}
        </a>
        <h1 id="bench-settings-title">{t('bench.settings.title')}</h1>
      </div>
      <FormAlert message={alert} />
      {settings ? <SettingsForm settings={settings} onSaved={setSettings} /> : null}
      {settings ? <ConsumerRules settings={settings} onSaved={setSettings} /> : null}
    </main>
  );
}

function SettingsForm({ settings, onSaved }: { settings: BenchSettingsView; onSaved: (s: BenchSettingsView) => void }) {
  const { t } = useTranslation();
  const { user } = useSigned();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const admin = user.role === 'admin';
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<FormValues, unknown, Settings>({ resolver: resolverFor(settings), values: valuesOf(settings) });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['bench.updateSettings'](input);
    if (!result.ok) {
      const renamed = Object.fromEntries(Object.entries(result.error.fields ?? {}).map(([path, message]) => [fieldOf(path), message]));
      return setAlert(applyServerError({ ...result.error, fields: renamed }, setError, Object.keys(errorsShape), t));
    }
    announce(t('bench.settings.saved'));
    onSaved(result.value);
  });

  const text = (name: keyof FormValues, label: string, hint?: string) => (
    <Field label={label} error={errors[name]?.message} {...(hint ? { hint } : {})}>
      {(p) => <input {...p} inputMode="numeric" {...register(name)} />}
    </Field>
  );
  const area = (name: keyof FormValues, label: string) => (
    <Field label={label} error={errors[name]?.message} optional>
      {(p) => <textarea {...p} rows={4} {...register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate>
      {admin ? null : <p className="muted">{t('bench.settings.readOnly')}</p>}
      <FormAlert message={alert} />
      <fieldset disabled={!admin} className="panel">
        <legend>{t('bench.settings.policy')}</legend>
        <div className="grid">
          {text('standardMonths', t('bench.settings.standardMonths'))}
          {text('noReasonReturnDays', t('bench.settings.noReasonReturnDays'))}
          {text('companyPaidShippingMonths', t('bench.settings.companyPaidShippingMonths'))}
          {text('extendedMaxYears', t('bench.settings.extendedMaxYears'))}
          {text('repairWarrantyDays', t('bench.settings.repairWarrantyDays'))}
        </div>
        <fieldset className="checks">
          <legend>{t('bench.settings.voiding')}</legend>
          {damageKinds.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" value={kind} {...register('voidingDamage')} />{' '}
              {t(kind === 'physical' ? 'bench.physicalDamage' : kind === 'liquid' ? 'bench.liquidDamage' : 'bench.tampering')}
            </label>
          ))}
        </fieldset>
        {area('productLines', t('bench.settings.productLines'))}
        {area('regions', t('bench.settings.regions'))}
      </fieldset>
      <fieldset disabled={!admin} className="panel">
        <legend>{t('bench.settings.rates')}</legend>
        <div className="grid">
          {text('taxRateBp', t('bench.settings.taxRate'))}
          {text('hourlyRate', t('bench.settings.hourlyRate'), settings.currency)}
          {text('level1', t('bench.settings.levelFee', { level: 1 }), settings.currency)}
          {text('level2', t('bench.settings.levelFee', { level: 2 }), settings.currency)}
          {text('level3', t('bench.settings.levelFee', { level: 3 }), settings.currency)}
          {text('returnShippingFee', t('bench.settings.returnShippingFee'), settings.currency)}
          {text('validityDays', t('bench.settings.validityDays'))}
        </div>
        {area('faultCategories', t('bench.settings.faultCategories'))}
      </fieldset>
      {admin ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('bench.settings.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** The regional consumer rules, saved with the rest of the settings as they were last saved. */
function ConsumerRules({ settings, onSaved }: { settings: BenchSettingsView; onSaved: (s: BenchSettingsView) => void }) {
  const { user } = useSigned();
  const save = async (regional: RegionalRuleSet[]) => {
    const { currency: _currency, ...saved } = settings;
    const result = await api['bench.updateSettings']({ ...saved, policy: { ...saved.policy, regional } });
    if (result.ok) onSaved(result.value);
    return result;
  };
  return <RegionalRules rules={settings.policy.regional} editable={user.role === 'admin'} onSave={save} fieldPrefix="policy.regional" />;
}

const errorsShape: Record<keyof FormValues, true> = {
  standardMonths: true,
  noReasonReturnDays: true,
  companyPaidShippingMonths: true,
  extendedMaxYears: true,
  repairWarrantyDays: true,
  voidingDamage: true,
  productLines: true,
  regions: true,
  taxRateBp: true,
  hourlyRate: true,
  level1: true,
  level2: true,
  level3: true,
  returnShippingFee: true,
  validityDays: true,
  faultCategories: true,
};
