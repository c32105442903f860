import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { FileInput } from '../../../base/browser/FileInput.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { MONTH_PATTERN, type UnitsSold } from '../common/units.ts';

/** The units sold per model and month, entered one at a time or imported from a CSV file; the lots table divides by them. */
export function UnitsSoldEditor({ onChanged }: { onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { user } = useSigned();
  const admin = user.role === 'admin';
  const [rows, setRows] = useState<UnitsSold[]>([]);
  const [models, setModels] = useState<string[]>([]);
  const [model, setModel] = useState('');
  const [month, setMonth] = useState('');
  const [quantity, setQuantity] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);

  const load = () =>
    void api['reports.unitsSold']({}).then((result) => {
      if (result.ok) setRows(result.value);
      else setAlert(errorMessage(result.error, t));
    });
  useEffect(() => {
    load();
    void api['products.list']({ includeRetired: true }).then((result) => {
      if (result.ok) setModels(result.value.map((p) => p.model));
    });
    // Loaded once; a save or an import loads again.
  }, []);

  const worded = (error: ApiError) => {
    const { fields: english = {}, fieldReasons = {} } = error;
    return Object.fromEntries(Object.entries(fieldReasons).map(([path, reason]) => [path, wordReason(reason, english[path] ?? '', i18n.language)]));
  };

  const save = async () => {
    setAlert(null);
    setFields({});
    const result = await api['reports.saveUnitsSold']({ model, period: month, quantity: quantity.trim() === '' ? Number.NaN : Number(quantity) });
    if (!result.ok) {
      setFields(worded(result.error));
      return setAlert(errorMessage(result.error, t));
    }
    announce(t('reports.units.saved', { model: result.value.model, month: result.value.period, quantity: result.value.quantity }));
    setQuantity('');
    load();
    onChanged();
  };

  const importFile = async (file: File) => {
    setProblems([]);
    setAlert(null);
    const result = await api['reports.importUnitsSold']({ csv: await file.text() });
    if (!result.ok) {
      // Each line the file got wrong is its own message (csv.0, csv.1, …), in the reader's language.
      const said = worded(result.error);
      const lines = Object.keys(said)
        .filter((path) => /^csv\.\d+$/.test(path))
        .map((path) => said[path]!);
      return setProblems(lines.length > 0 ? lines : [errorMessage(result.error, t)]);
    }
    announce(t('reports.units.imported', { count: result.value.imported }));
    load();
    onChanged();
  };

  return (
    <section className="panel report" aria-labelledby="units-sold-title">
      <h2 id="units-sold-title">{t('reports.units.title')}</h2>
      <p className="intro">{t('reports.units.intro')}</p>
      {!admin ? <p className="notice">{t('reports.units.adminOnly')}</p> : null}
      <FormAlert message={alert} />
      {rows.length === 0 ? (
        <p className="empty">{t('reports.units.none')}</p>
      ) : (
        <div className="report-scroll units-sold">
          <table aria-labelledby="units-sold-title">
            <thead>
              <tr>
                <th scope="col">{t('reports.units.model')}</th>
                <th scope="col">{t('reports.units.month')}</th>
                <th scope="col" className="num">
                  {t('reports.units.quantity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.model} ${r.period}`}>
                  <td>{r.model}</td>
                  <td>{r.period}</td>
                  <td className="num">{r.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin ? (
        <>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Field label={t('reports.units.model')} error={fields.model}>
              {(p) => (
                <select {...p} value={model} onChange={(e) => setModel(e.target.value)}>
                  <option value="" />
                  {models.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('reports.units.month')} error={fields.period}>
              {(p) => <input {...p} type="text" inputMode="numeric" maxLength={7} placeholder="2026-11" className="short" value={month} onChange={(e) => setMonth(e.target.value.trim())} />}
            </Field>
            <Field label={t('reports.units.quantity')} error={fields.quantity}>
              {(p) => <input {...p} type="number" min={0} step={1} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
            </Field>
            <button type="submit" disabled={!model || !MONTH_PATTERN.test(month) || quantity.trim() === ''}>
              {t('reports.units.save')}
            </button>
          </form>
          <Field label={t('reports.units.importFile')} hint={t('reports.units.importHint')}>
            {(p) => (
              <FileInput
                {...p}
                accept=".csv,.txt,text/csv,text/plain"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            )}
          </Field>
          {problems.length > 0 ? (
            <ul className="alert" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
