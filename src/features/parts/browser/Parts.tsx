import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Part } from '../../bench/common/index.ts';
import { formatMoney, parseMoney } from '../../../base/common/money.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { commonMessages, zodMessage } from '../../../base/common/messages.ts';
import { benchMessages } from '../../bench/common/index.ts';
import { FileInput } from '../../../base/browser/FileInput.tsx';

interface Draft {
  id?: number;
  sku: string;
  name: string;
  price: string;
  stock: string;
  reason: string;
  vendor: string;
}

const emptyDraft: Draft = { sku: '', name: '', price: '', stock: '0', reason: '', vendor: '' };

/** The parts catalog: everyone looks, the admin edits, imports and exports CSV. */
export function PartsScreen() {
  const { t, i18n } = useTranslation();
  const { user, site } = useSigned();
  const announce = useAnnounce();
  const currency = site?.currency ?? 'KRW';
  const [query, setQuery] = useState('');
  const [parts, setParts] = useState<Part[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const admin = user.role === 'admin';

  const load = useCallback(async () => {
    const result = await api['parts.list']({ query: query.trim() || null });
    if (result.ok) setParts(result.value);
    else setAlert(errorMessage(result.error, t));
  }, [query, t]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), 150);
    return () => clearTimeout(timer);
  }, [load]);

  const save = async () => {
    setAlert(null);
    const price = parseMoney(draft.price, currency);
    const local: Record<string, string> = {};
    if (price === null) local.price = zodMessage(commonMessages.amount());
    if (!/^\d+$/.test(draft.stock.trim())) local.stock = zodMessage(benchMessages.stockWhole());
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const result = await api['parts.save']({
      ...(draft.id ? { id: draft.id } : {}),
      sku: draft.sku,
      name: draft.name,
      price: price!,
      stock: Number(draft.stock),
      reason: draft.reason,
      vendor: draft.vendor,
    });
    if (!result.ok) {
      setErrors(result.error.fields ?? {});
      return setAlert(errorMessage(result.error, t));
    }
    announce(t('bench.parts.saved', { sku: result.value.sku }));
    setDraft(emptyDraft);
    await load();
  };

  const importFile = async (file: File) => {
    setImportErrors(null);
    const result = await api['parts.import']({ csv: await file.text() });
    if (!result.ok) {
      // Each refused row is its own message (csv.0, csv.1, …), worded in the reader's language.
      const { fields = {}, fieldReasons = {} } = result.error;
      const rows = Object.keys(fieldReasons)
        .filter((path) => /^csv\.\d+$/.test(path))
        .map((path) => wordReason(fieldReasons[path]!, fields[path] ?? '', i18n.language));
      return setImportErrors(rows.length > 0 ? rows : [errorMessage(result.error, t)]);
    }
    announce(t('bench.parts.imported', { ...result.value }));
    await load();
  };

  const exportCsv = async () => {
    const result = await api['parts.export']({});
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv' }));
    link.download = 'parts.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const edit = (part: Part) =>
    setDraft({ id: part.id, sku: part.sku, name: part.name, price: formatMoney(part.price, currency, 'en').replace(/[^\d.]/g, ''), stock: String(part.stock), reason: '', vendor: part.vendor ?? '' });

  const input = (key: keyof Draft, label: string, hint?: string) => (
    <Field label={label} error={errors[key]} {...(hint ? { hint } : {})}>
      {(p) => <input {...p} value={String(draft[key] ?? '')} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </Field>
  );

  return (
    <main className="settings" aria-labelledby="parts-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'bench' })}>
          ← {t('bench.parts.back')}
        </a>
        <h1 id="parts-title">{t('bench.parts.title')}</h1>
      </div>
      <FormAlert message={alert} />
      <div className="toolbar">
        <Field label={t('bench.parts.search')}>
          {(p) => <input {...p} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />}
        </Field>
      </div>
      <section className="panel">
        <table className="history" aria-label={t('bench.parts.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('bench.parts.sku')}</th>
              <th scope="col">{t('bench.parts.name')}</th>
              <th scope="col" className="num">
                {t('bench.parts.price')}
              </th>
              <th scope="col" className="num">
                {t('bench.parts.stock')}
              </th>
              {admin ? <th scope="col">{t('bench.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {parts.map((part) => (
              <tr key={part.id}>
                <td className="mono">{part.sku}</td>
                <td>{part.name}</td>
                <td className="num">{formatMoney(part.price, currency)}</td>
                <td className="num">
                  {part.stock}
                  {part.stock < 0 ? <span className="tag-warning"> {t('bench.parts.negative')}</span> : null}
                </td>
                {admin ? (
                  <td>
                    <button type="button" onClick={() => edit(part)}>
                      {t('bench.parts.edit', { sku: part.sku })}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {parts.length === 0 ? <p className="empty">{t('bench.parts.empty')}</p> : null}
      </section>
      {admin ? (
        <>
          <section className="panel" aria-labelledby="part-edit">
            <h2 id="part-edit">{draft.id ? t('bench.parts.editPart', { sku: draft.sku }) : t('bench.parts.newPart')}</h2>
            <div className="grid">
              {input('sku', t('bench.parts.sku'))}
              {input('name', t('bench.parts.name'))}
              {input('price', t('bench.parts.price'), currency)}
              {input('stock', t('bench.parts.stock'))}
              {input('vendor', t('bench.parts.vendor'), t('bench.parts.vendorHint'))}
              {draft.id ? input('reason', t('bench.parts.reason')) : null}
            </div>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void save()}>
                {t('bench.parts.save')}
              </button>
              {draft.id ? (
                <button type="button" onClick={() => setDraft(emptyDraft)}>
                  {t('common.cancel')}
                </button>
              ) : null}
            </div>
          </section>
          <section className="panel" aria-labelledby="parts-import">
            <h2 id="parts-import">{t('bench.parts.importTitle')}</h2>
            <p className="muted">{t('bench.parts.importHint', { currency })}</p>
            <Field label={t('bench.parts.csvFile')}>
              {(p) => (
                <FileInput
                  {...p}
                  accept=".csv,text/csv"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void importFile(file);
                    e.target.value = '';
                  }}
                />
              )}
            </Field>
            {importErrors ? (
              <ul className="alert" role="alert">
                {importErrors.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
            <div className="actions">
              <button type="button" onClick={() => void exportCsv()}>
                {t('bench.parts.export')}
              </button>
            </div>
          </section>
        </>
      ) : null}
    </main>
  );
}
