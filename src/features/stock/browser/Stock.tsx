import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { stockGrades, stockSources, stockStatuses, type StockGrade, type StockLevel, type StockSource, type StockStatus, type StockUnit } from '../common/index.ts';

/** What a call's refusal says at `field`, in the reader's language; null when it names another field or none. */
function atField(error: ApiError, field: string, language: string): string | null {
  const reason = error.fieldReasons?.[field];
  return reason ? wordReason(reason, error.fields?.[field] ?? error.message, language) : null;
}

interface Batch {
  productId: number;
  grade: StockGrade;
  source: StockSource;
}

/** A scan field: the scanner types into it, so nothing of the browser's own help gets in the way. */
const scanner = { autoFocus: true, autoComplete: 'off', spellCheck: false, className: 'mono scan-input' } as const;

/** A labelled choice among a few values, each with its words. */
function Choice<T extends string>({ label, value, choices, onChange }: { label: string; value: T; choices: readonly (readonly [T, string])[]; onChange: (value: T) => void }) {
  return (
    <Field label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {choices.map(([key, words]) => (
            <option key={key} value={key}>
              {words}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * Replacement stock, for a scanner: the model, grade and source are chosen once, then each scan
 * (a serial, or the RMA barcode of a repaired faulty unit) puts one unit into stock. Enter submits
 * each scan and the scan field keeps focus after every scan and every refusal. Below: the levels
 * per model against the admin's minimum, with the low-stock warning, and the units.
 */
export function StockScreen() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { user } = useSigned();
  const [levels, setLevels] = useState<StockLevel[]>([]);
  const [units, setUnits] = useState<StockUnit[]>([]);
  const [filter, setFilter] = useState<StockStatus | ''>('in_stock');
  // Chosen once for a run of scans.
  const [batch, setBatch] = useState<Batch>({ productId: 0, grade: 'new', source: 'supplier' });
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ productId?: string; code?: string; alert?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scan = useRef<HTMLInputElement>(null);
  const choose = (change: Partial<Batch>) => {
    setBatch({ ...batch, ...change });
    scan.current?.focus();
  };

  const refresh = useCallback(async () => {
    const [levelList, unitList] = await Promise.all([api['stock.levels']({}), api['stock.units'](filter ? { status: filter } : {})]);
    if (levelList.ok) setLevels(levelList.value);
    if (unitList.ok) setUnits(unitList.value);
  }, [filter]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!busy) scan.current?.focus();
  }, [busy, errors, done]);

  const said = (text: string) => {
    setDone(text);
    announce(text);
  };

  const submitScan = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // A scanner may send tabs, CR/LF and spaces around the code.
    const typed = code.replace(/\s+/g, '');
    setCode('');
    if (!typed) return scan.current?.focus();
    setBusy(true);
    setErrors({});
    setDone(null);
    try {
      const result = await api['stock.receive']({ ...batch, code: typed });
      if (!result.ok) {
        const model = atField(result.error, 'productId', i18n.language) ?? undefined;
        const scanned = atField(result.error, 'code', i18n.language) ?? undefined;
        return setErrors({ productId: model, code: scanned, alert: model || scanned ? undefined : errorMessage(result.error, t) });
      }
      said(t('stock.received', { serial: result.value.serial, model: result.value.model }));
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const low = levels.filter((l) => l.low);

  return (
    <main className="stock" aria-labelledby="stock-title">
      <div className="screen-head">
        <h1 id="stock-title">{t('stock.title')}</h1>
        <p className="intro">{t('stock.intro')}</p>
      </div>
      {low.length > 0 ? (
        <p className="warning" role="status">
          {t('stock.lowWarning', { models: low.map((l) => `${l.model} (${l.inStock}/${l.minimum})`).join(', ') })}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="stock-receive">
        <h2 id="stock-receive">{t('stock.receiveTitle')}</h2>
        <div className="grid grid-3">
          <Field label={t('stock.model')} error={errors.productId}>
            {(p) => (
              <select {...p} value={batch.productId} onChange={(e) => choose({ productId: Number(e.target.value) })}>
                <option value={0}>{t('stock.chooseModel')}</option>
                {levels.map((l) => (
                  <option key={l.productId} value={l.productId}>
                    {l.model} · {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Choice label={t('stock.grade')} value={batch.grade} choices={stockGrades.map((g) => [g, t(`stock.grades.${g}`)])} onChange={(grade) => choose({ grade })} />
          <Choice label={t('stock.source')} value={batch.source} choices={stockSources.map((c) => [c, t(`stock.sources.${c}`)])} onChange={(source) => choose({ source })} />
        </div>
        <form className="scan-form" onSubmit={(e) => void submitScan(e)} noValidate>
          <Field label={t('stock.scan')} error={errors.code} hint={batch.source === 'supplier' ? t('stock.scanSerial') : t('stock.scanRma')}>
            {(p) => (
<input {...p} {...scanner} ref={scan} value={code} onChange={(e) => setCode(e.target.value)} />
            )}
          </Field>
        </form>
        <FormAlert message={errors.alert ?? null} />
        {done ? (
          <div className="notice" role="status">
            {done}
          </div>
        ) : null}
      </section>
      <Levels levels={levels} admin={user.role === 'admin'} onSaved={(text) => (said(text), void refresh())} />
      <section className="panel" aria-labelledby="stock-units">
        <h2 id="stock-units">{t('stock.unitsTitle')}</h2>
        <Choice
          label={t('stock.filter')}
          value={filter}
          choices={[['', t('stock.all')], ...stockStatuses.map((c): [StockStatus, string] => [c, t(`stock.statuses.${c}`)])]}
          onChange={setFilter}
        />
        <UnitTable units={units} />
      </section>
    </main>
  );
}

function UnitTable({ units }: { units: StockUnit[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (units.length === 0) return <p className="muted">{t('stock.none')}</p>;
  return (
    <table aria-labelledby="stock-units">
      <thead>
        <tr>
          <th scope="col">{t('stock.serial')}</th>
          <th scope="col">{t('stock.model')}</th>
          <th scope="col">{t('stock.grade')}</th>
          <th scope="col">{t('stock.status')}</th>
          <th scope="col">{t('stock.source')}</th>
          <th scope="col">{t('stock.receivedAt')}</th>
          <th scope="col">{t('stock.receivedBy')}</th>
          <th scope="col">{t('stock.case')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.id}>
            <td className="mono">{u.serial}</td>
            <td>{u.model}</td>
            <td>{t(`stock.grades.${u.grade}`)}</td>
            <td>{t(`stock.statuses.${u.status}`)}</td>
            <td>{u.sourceRma ? <a href={href({ screen: 'case', rma: u.sourceRma })}>{u.sourceRma}</a> : t(`stock.sources.${u.source}`)}</td>
            <td className="nowrap">{format.dateTime(u.receivedAt)}</td>
            <td>{u.receivedBy}</td>
            <td>{u.rma ? <a href={href({ screen: 'case', rma: u.rma })}>{u.rma}</a> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Levels({ levels, admin, onSaved }: { levels: StockLevel[]; admin: boolean; onSaved: (said: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="stock-levels">
      <h2 id="stock-levels">{t('stock.levelsTitle')}</h2>
      <table aria-labelledby="stock-levels">
        <thead>
          <tr>
            <th scope="col">{t('stock.model')}</th>
            <th scope="col">{t('stock.inStock')}</th>
            <th scope="col">{t('stock.newInStock')}</th>
            <th scope="col">{t('stock.refurbishedInStock')}</th>
            <th scope="col">{t('stock.used')}</th>
            <th scope="col">{t('stock.minimum')}</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr key={l.productId}>
              <td>
                {l.model} · {l.name}
              </td>
              <td>
                {l.inStock}
                {l.low ? <span className="tag-warning"> {t('stock.low')}</span> : null}
              </td>
              <td>{l.newInStock}</td>
              <td>{l.refurbishedInStock}</td>
              <td>{l.used}</td>
              <td>{admin ? <MinimumForm level={l} onSaved={onSaved} /> : l.minimum}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MinimumForm({ level, onSaved }: { level: StockLevel; onSaved: (said: string) => void }) {
  const { t, i18n } = useTranslation();
  const [minimum, setMinimum] = useState(String(level.minimum));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setMinimum(String(level.minimum)), [level.minimum]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await api['stock.setMinimum']({ productId: level.productId, minimum: minimum.trim() === '' ? Number.NaN : Number(minimum), version: level.version });
    if (!result.ok) {
      setError(atField(result.error, 'minimum', i18n.language) ?? errorMessage(result.error, t));
      // Changed at another station: the list shows it as it is now.
      if (result.error.code === 'conflict') onSaved(errorMessage(result.error, t));
      return;
    }
    onSaved(t('stock.saved', { model: level.model, minimum: result.value.minimum }));
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('stock.minimumFor', { model: level.model })} error={error ?? undefined} className="inline">
        {(p) => <input {...p} type="number" min={0} value={minimum} onChange={(e) => setMinimum(e.target.value)} />}
      </Field>
      <button type="submit" aria-label={t('stock.saveFor', { model: level.model })}>
        {t('stock.save')}
      </button>
    </form>
  );
}
