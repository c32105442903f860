import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import i18next, { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { localeTag } from '../../../base/browser/i18n.ts';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { formatMoney, parseMoney, plainAmount, type Currency } from '../../../base/common/money.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { RMA_PATTERN } from '../../../base/common/schemas.ts';
import { showPdf } from '../../../base/browser/pdf.ts';
import type { SupplierOutcome, SupplierReturnDetail, SupplierReturnItem, SupplierReturnSummary } from '../common/index.ts';

/** What a refusal says at one field, in the reader's language: that field's reason, or the call's general one. */
function refusalAt(error: ApiError, t: TFunction): { field: string | null; text: string } {
  const [field] = Object.keys(error.fieldReasons ?? {});
  const reason = field ? error.fieldReasons?.[field] : undefined;
  return reason
    ? { field: field!, text: wordReason(reason, error.fields?.[field!] ?? error.message, i18next.language) }
    : { field: null, text: errorMessage(error, t) };
}

/** Saves the CSV the way a browser does: a download. */
function downloadCsv(fileName: string, csv: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

const itemName = (item: SupplierReturnItem) => (item.kind === 'part' ? `${item.sku} · ${item.rma}` : item.rma);

/**
 * Returns to the supplier, for a scanner: pick or open the vendor's return, then scan units (their
 * RMA barcode) and parts (the SKU, then the RMA they came out of) into it. Enter submits each scan
 * and the scan field keeps focus after every scan and every refusal. Then the master list, the
 * shipment, the vendor's answer per item, and closing.
 */
export function SupplierReturnsScreen() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const format = useFormat();
  const currency: Currency = useSigned().site?.currency ?? 'USD';
  const [returns, setReturns] = useState<SupplierReturnSummary[]>([]);
  const [vendors, setVendors] = useState<string[]>([]);
  const [vendor, setVendor] = useState('');
  const [vendorError, setVendorError] = useState<string | null>(null);
  const [current, setCurrent] = useState<SupplierReturnDetail | null>(null);
  const [code, setCode] = useState('');
  const [pendingSku, setPendingSku] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [scanError, setScanError] = useState<string | null>(null);
  const [quantityError, setQuantityError] = useState<string | null>(null);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [shipErrors, setShipErrors] = useState<{ carrier?: string; tracking?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scan = useRef<HTMLInputElement>(null);

  const refreshList = useCallback(async () => {
    const [list, names] = await Promise.all([api['supplierReturns.list']({}), api['supplierReturns.vendors']({})]);
    if (list.ok) setReturns(list.value);
    if (names.ok) setVendors(names.value);
  }, []);
  useEffect(() => {
    void refreshList();
  }, [refreshList]);
  useEffect(() => {
    if (!busy && current?.status === 'open') scan.current?.focus();
  }, [busy, current, scanError, done]);

  const said = (text: string) => {
    setDone(text);
    announce(text);
  };

  const show = async (id: number) => {
    const result = await api['supplierReturns.get']({ id });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    setCurrent(result.value);
    setPendingSku(null);
    setScanError(null);
    setAlert(null);
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    setVendorError(null);
    const result = await api['supplierReturns.open']({ vendor });
    if (!result.ok) return setVendorError(refusalAt(result.error, t).text);
    await show(result.value.id);
    await refreshList();
  };

  const submitScan = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || busy) return;
    // A scanner may send tabs, CR/LF and spaces around the code.
    const typed = code.replace(/\s+/g, '');
    setCode('');
    if (!typed) return scan.current?.focus();
    setBusy(true);
    setScanError(null);
    setQuantityError(null);
    setDone(null);
    try {
      const isRma = RMA_PATTERN.test(typed.toUpperCase());
      if (pendingSku && isRma) {
        const result = await api['supplierReturns.addPart']({ id: current.id, sku: pendingSku, rma: typed, quantity: Number(quantity) });
        if (!result.ok) {
          const refusal = refusalAt(result.error, t);
          if (refusal.field === 'quantity') setQuantityError(refusal.text);
          else setScanError(refusal.text);
          if (refusal.field === 'sku') setPendingSku(null);
          return;
        }
        setCurrent(result.value);
        said(t('supplierReturns.added', { what: `${pendingSku} · ${typed.toUpperCase()}`, number: current.number }));
        setPendingSku(null);
        setQuantity('1');
      } else if (isRma) {
        const result = await api['supplierReturns.addUnit']({ id: current.id, code: typed });
        if (!result.ok) return setScanError(refusalAt(result.error, t).text);
        setCurrent(result.value);
        said(t('supplierReturns.added', { what: typed.toUpperCase(), number: current.number }));
        setPendingSku(null);
      } else {
        // A SKU: the RMA it came out of is the next scan.
        setPendingSku(typed);
      }
    } finally {
      setBusy(false);
      void refreshList();
    }
  };

  const ship = async (event: FormEvent) => {
    event.preventDefault();
    if (!current) return;
    setShipErrors({});
    const result = await api['supplierReturns.ship']({ id: current.id, version: current.version, carrier, tracking });
    if (!result.ok) {
      const refusal = refusalAt(result.error, t);
      if (refusal.field === 'carrier' || refusal.field === 'tracking') setShipErrors({ [refusal.field]: refusal.text });
      else setShipErrors({ tracking: refusal.text });
      // Changed at another station: show it as it is now.
      if (result.error.code === 'conflict' || refusal.field === 'tracking') await show(current.id);
      return;
    }
    setCurrent(result.value);
    said(t('supplierReturns.shipped', { number: result.value.number, carrier: result.value.carrier, tracking: result.value.tracking }));
    await refreshList();
  };

  const close = async () => {
    if (!current) return;
    const result = await api['supplierReturns.close']({ id: current.id, version: current.version });
    if (!result.ok) {
      setAlert(errorMessage(result.error, t));
      if (result.error.code === 'conflict') await show(current.id);
      return;
    }
    setCurrent(result.value);
    setAlert(null);
    said(t('supplierReturns.closed', { number: result.value.number }));
    await refreshList();
  };

  const masterList = async () => {
    if (!current) return;
    const result = await api['supplierReturns.masterList']({ id: current.id });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    said(t('supplierReturns.listShown', { file: showPdf(result.value).fileName }));
    scan.current?.focus();
  };
  const masterListCsv = async () => {
    if (!current) return;
    const result = await api['supplierReturns.masterListCsv']({ id: current.id });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    downloadCsv(result.value.fileName, result.value.csv);
    said(t('supplierReturns.listShown', { file: result.value.fileName }));
    scan.current?.focus();
  };

  return (
    <main className="supplier-returns" aria-labelledby="supplier-returns-title">
      <div className="screen-head">
        <h1 id="supplier-returns-title">{t('supplierReturns.title')}</h1>
        <p className="intro">{t('supplierReturns.intro')}</p>
      </div>
      <form className="panel inline-form" onSubmit={(e) => void open(e)} noValidate>
        <Field label={t('supplierReturns.vendor')} error={vendorError ?? undefined} hint={t('supplierReturns.vendorHint')}>
          {(p) => <input {...p} value={vendor} onChange={(e) => setVendor(e.target.value)} list="supplier-vendors" autoComplete="off" />}
        </Field>
        <datalist id="supplier-vendors">
          {vendors.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <button type="submit">{t('supplierReturns.openReturn')}</button>
      </form>
      <FormAlert message={alert} />
      {done ? (
        <div className="notice" role="status">
          {done}
        </div>
      ) : null}
      {current ? (
        <section className="panel" aria-labelledby="supplier-return-current">
          <h2 id="supplier-return-current">
            {t('supplierReturns.heading', { number: current.number, vendor: current.vendor })}{' '}
            <span className={`badge badge-${current.status}`}>{t(`supplierReturns.statuses.${current.status}`)}</span>
          </h2>
          {current.shippedAt ? (
            <p>{t('supplierReturns.shippedOn', { when: format.dateTime(current.shippedAt), carrier: current.carrier, tracking: current.tracking })}</p>
          ) : null}
          {current.status === 'open' ? (
            <form className="scan-form" onSubmit={(e) => void submitScan(e)} noValidate>
              <Field
                label={t('supplierReturns.scan')}
                error={scanError ?? undefined}
                hint={pendingSku ? t('supplierReturns.scanRmaOfPart', { sku: pendingSku }) : t('supplierReturns.scanHint')}
              >
                {(p) => (
                  <input
                    {...p}
                    ref={scan}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape' && pendingSku) {
                        setPendingSku(null);
                        setScanError(null);
                      }
                    }}
                    autoFocus
                    autoComplete="off"
                    spellCheck={false}
                    className="mono scan-input"
                  />
                )}
              </Field>
            </form>
          ) : null}
          {current.status === 'open' && pendingSku ? (
            // Its own form: Enter here goes back to the scan field, whose form stays a one-field form that Enter submits.
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                scan.current?.focus();
              }}
              noValidate
            >
              <Field label={t('supplierReturns.quantity')} error={quantityError ?? undefined}>
                {(p) => <input {...p} type="number" min={1} max={1000} value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
              </Field>
            </form>
          ) : null}
          <ItemTable detail={current} currency={currency} onChanged={(d, text) => (setCurrent(d), said(text))} />
          <p className="actions">
            <button type="button" onClick={() => void masterList()} disabled={current.list.length === 0}>
              {t('supplierReturns.masterList')}
            </button>
            <button type="button" onClick={() => void masterListCsv()} disabled={current.list.length === 0}>
              {t('supplierReturns.masterListCsv')}
            </button>
            {current.status === 'shipped' ? (
              <button type="button" onClick={() => void close()}>
                {t('supplierReturns.close')}
              </button>
            ) : null}
          </p>
          {current.status === 'open' && current.list.length > 0 ? (
            <form className="inline-form" onSubmit={(e) => void ship(e)} noValidate>
              <Field label={t('supplierReturns.carrier')} error={shipErrors.carrier}>
                {(p) => <input {...p} value={carrier} onChange={(e) => setCarrier(e.target.value)} autoComplete="off" />}
              </Field>
              <Field label={t('supplierReturns.tracking')} error={shipErrors.tracking}>
                {(p) => <input {...p} value={tracking} onChange={(e) => setTracking(e.target.value)} autoComplete="off" className="mono" />}
              </Field>
              <button type="submit">{t('supplierReturns.ship')}</button>
            </form>
          ) : null}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="supplier-returns-list">
        <h2 id="supplier-returns-list">{t('supplierReturns.list')}</h2>
        {returns.length === 0 ? (
          <p className="muted">{t('supplierReturns.none')}</p>
        ) : (
          <table aria-labelledby="supplier-returns-list">
            <thead>
              <tr>
                <th scope="col">{t('supplierReturns.number')}</th>
                <th scope="col">{t('supplierReturns.vendor')}</th>
                <th scope="col">{t('supplierReturns.status')}</th>
                <th scope="col">{t('supplierReturns.items')}</th>
                <th scope="col">{t('supplierReturns.opened')}</th>
                <th scope="col">{t('supplierReturns.show')}</th>
              </tr>
            </thead>
            <tbody>
              {returns.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.number}</td>
                  <td>{r.vendor}</td>
                  <td>{t(`supplierReturns.statuses.${r.status}`)}</td>
                  <td>{r.items}</td>
                  <td className="nowrap">{format.dateTime(r.openedAt)}</td>
                  <td>
                    <button type="button" aria-label={t('supplierReturns.showReturn', { number: r.number })} onClick={() => void show(r.id)}>
                      {t('supplierReturns.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function ItemTable({
  detail,
  currency,
  onChanged,
}: {
  detail: SupplierReturnDetail;
  currency: Currency;
  onChanged: (detail: SupplierReturnDetail, said: string) => void;
}) {
  const { t } = useTranslation();
  if (detail.list.length === 0) return <p className="muted">{t('supplierReturns.empty')}</p>;
  return (
    <table aria-label={t('supplierReturns.items')}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('supplierReturns.rma')}</th>
          <th scope="col">{t('supplierReturns.serial')}</th>
          <th scope="col">{t('supplierReturns.item')}</th>
          <th scope="col">{t('supplierReturns.qty')}</th>
          <th scope="col">{t('supplierReturns.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.list.map((item, n) => (
          <tr key={item.id}>
            <td>{n + 1}</td>
            <td className="mono">{item.rma}</td>
            <td className="mono">{item.serial}</td>
            <td>{item.kind === 'part' ? `${item.sku} ${item.partName ?? ''}` : t('supplierReturns.unit', { model: item.model ?? '' })}</td>
            <td>{item.quantity}</td>
            <td>
              {detail.status === 'shipped' && item.outcome === null ? (
                <OutcomeForm detail={detail} item={item} currency={currency} onChanged={onChanged} />
              ) : (
                <OutcomeText item={item} currency={currency} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OutcomeText({ item, currency }: { item: SupplierReturnItem; currency: Currency }) {
  const { t, i18n } = useTranslation();
  if (item.outcome === 'replacement') return <>{t('supplierReturns.outcomes.replacement')}</>;
  if (item.outcome === 'credit') return <>{t('supplierReturns.credited', { amount: formatMoney(item.creditMinor ?? 0, currency, localeTag(i18n.language)) })}</>;
  return <span className="muted">{t('supplierReturns.awaiting')}</span>;
}

function OutcomeForm({
  detail,
  item,
  currency,
  onChanged,
}: {
  detail: SupplierReturnDetail;
  item: SupplierReturnItem;
  currency: Currency;
  onChanged: (detail: SupplierReturnDetail, said: string) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<SupplierOutcome>('credit');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const what = itemName(item);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let minor: number | null = null;
    if (outcome === 'credit') {
      minor = amount.trim() === '' ? null : parseMoney(amount, currency);
      if (minor === null && amount.trim() !== '') return setError(t('supplierReturns.amountFormat', { example: plainAmount(12345, currency) }));
    }
    const result = await api['supplierReturns.credit']({ id: detail.id, itemId: item.id, outcome, amount: minor });
    if (!result.ok) return setError(refusalAt(result.error, t).text);
    onChanged(result.value, t('supplierReturns.recorded', { what }));
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('supplierReturns.outcomeFor', { what })}>
        {(p) => (
          <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as SupplierOutcome)}>
            <option value="credit">{t('supplierReturns.outcomes.credit')}</option>
            <option value="replacement">{t('supplierReturns.outcomes.replacement')}</option>
          </select>
        )}
      </Field>
      {outcome === 'credit' ? (
        <Field label={t('supplierReturns.amountFor', { what })} error={error ?? undefined}>
          {(p) => <input {...p} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" autoComplete="off" />}
        </Field>
      ) : error ? (
        <p className="field-error">{error}</p>
      ) : null}
      <button type="submit" aria-label={t('supplierReturns.recordFor', { what })}>
        {t('supplierReturns.record')}
      </button>
    </form>
  );
}
