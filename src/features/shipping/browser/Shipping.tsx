import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { knownCarriers, shipmentSchema, type BatchProgress, type PrintOutcome, type Shipment, type ShipmentInput, type ShippingQueueRow } from '../common/shipping.ts';
import { api } from '../../../base/browser/api.ts';
import { useRefetchOnCaseChange } from '../../../base/browser/live.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, saidIn, wordReason } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { typedNumber } from '../../../base/browser/numbers.ts';
import { pdfObjectUrl, showPdf } from '../../../base/browser/pdf.ts';
import { useDepotForm } from '../../../base/browser/form.ts';
import { useStationPlace } from '../../locations/browser/index.ts';

interface Printed {
  outcome: PrintOutcome;
  url: string | null;
}

function PrintResults({ results }: { results: Printed[] }) {
  const { t, i18n } = useTranslation();
  if (results.length === 0) return null;
  return (
    <ul className="print-results" aria-label={t('shipping.print')}>
      {results.map(({ outcome, url }) => (
        <li key={outcome.jobId} className={outcome.outcome === 'failed' ? 'tag-warning' : undefined}>
          <strong>{t(`shipping.kind.${outcome.kind}`)}</strong>{' '}
          {outcome.outcome === 'printed' ? t('shipping.printed', { printer: outcome.printer }) : null}
          {outcome.outcome === 'failed'
            ? t('shipping.failed', { message: outcome.reason ? wordReason(outcome.reason, outcome.message, i18n.language) : outcome.message })
            : null}
          {outcome.outcome === 'download' && url ? (
            <a href={url} download={outcome.fileName}>
              {t('shipping.download', { file: outcome.fileName })}
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** PDFs handed back (no printer set): the first is shown at once, the others are one click away. */
function useDownloads() {
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  return useCallback((outcomes: PrintOutcome[]): Printed[] => {
    let first = true;
    const printed = outcomes.map((outcome): Printed => {
      if (outcome.outcome !== 'download') return { outcome, url: null };
      const url = first ? showPdf(outcome).url : pdfObjectUrl(outcome.pdfBase64);
      first = false;
      return { outcome, url };
    });
    urls.current.push(...printed.flatMap((p) => (p.url ? [p.url] : [])));
    return printed;
  }, []);
}

/** Why a case cannot be shipped yet, in the reader's language. */

/** The API names the shipment's fields `shipment.<field>`; the form names them `<field>`. */
const unprefixed = <T,>(fields: Record<string, T> = {}): Record<string, T> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^shipment\./, ''), v]));

function ShipForm({ row, onShipped }: { row: ShippingQueueRow; onShipped: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const downloads = useDownloads();
  const [alert, setAlert] = useState<string | null>(null);
  const [results, setResults] = useState<Printed[]>([]);
  const [busy, setBusy] = useState(false);
  const place = useStationPlace('shipping');
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useDepotForm<ShipmentInput, unknown, Shipment>({
    resolver: zodResolver(shipmentSchema),
    defaultValues: { carrier: 'CJ Logistics', service: 'Standard', weightGrams: 1000, tracking: '' },
  });
  const fields = ['carrier', 'service', 'weightGrams', 'tracking'];
  const serverError = (error: Parameters<typeof applyServerError>[0]) =>
    setAlert(
      applyServerError(
        { ...error, fields: unprefixed(error.fields), fieldReasons: unprefixed(error.fieldReasons) },
        setError,
        fields,
        t,
      ),
    );

  useEffect(() => setFocus('tracking'), [setFocus]);

  const print = handleSubmit(async (shipment) => {
    setAlert(null);
    setBusy(true);
    const result = await api['shipping.print']({ rma: row.rma, kinds: ['label', 'packing_slip', 'repair_report'], shipment });
    setBusy(false);
    if (!result.ok) return serverError(result.error);
    setResults(downloads(result.value));
  });

  const ship = handleSubmit(async (shipment) => {
    setAlert(null);
    setBusy(true);
    const result = await api['shipping.ship']({ rma: row.rma, version: row.version, shipment, placeAt: place.placeAt() });
    setBusy(false);
    if (!result.ok) {
      if (!place.refused(result.error)) serverError(result.error);
      return;
    }
    announce(t('shipping.shipped', { rma: row.rma, carrier: shipment.carrier, tracking: shipment.tracking }));
    onShipped();
  });

  return (
    <section className="panel" aria-labelledby="ship-title">
      <h2 id="ship-title">{t('shipping.selected', { rma: row.rma })}</h2>
      <p>
        {row.customerName} · {row.model ?? t('common.none')} · <span className="mono">{row.serial}</span>{' '}
        <a href={href({ screen: 'case', rma: row.rma })}>{t('receiving.openCase', { rma: row.rma })}</a>
      </p>
      {row.problem ? <div className="warning">{t('shipping.problem', { problem: saidIn(row.problem, i18n.language) })}</div> : null}
      {/* A scanned tracking number ends with Enter: that prints the documents; shipping is its own click. */}
      <form onSubmit={print} noValidate className="ship-form">
        <Field label={t('shipping.carrier')} error={errors.carrier?.message}>
          {(p) => (
            <>
              <input {...p} {...register('carrier')} list="known-carriers" autoComplete="off" />
              <datalist id="known-carriers">
                {knownCarriers.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('shipping.service')} error={errors.service?.message} optional>
          {(p) => <input {...p} {...register('service')} autoComplete="off" />}
        </Field>
        <Field label={t('shipping.weight')} error={errors.weightGrams?.message}>
          {(p) => <input {...p} {...register('weightGrams', { setValueAs: typedNumber })} inputMode="numeric" autoComplete="off" />}
        </Field>
        <Field label={t('shipping.tracking')} error={errors.tracking?.message} hint={t('shipping.trackingHint')}>
          {(p) => <input {...p} {...register('tracking')} className="mono scan-input" autoComplete="off" spellCheck={false} />}
        </Field>
        {place.field}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('shipping.print')}
          </button>
          <button type="button" className="primary" onClick={() => void ship()} disabled={busy}>
            {t('shipping.ship')}
          </button>
        </div>
      </form>
      <FormAlert message={alert} />
      <PrintResults results={results} />
    </section>
  );
}

function Batch() {
  const { t } = useTranslation();
  const downloads = useDownloads();
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [results, setResults] = useState<Printed[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const { site } = useSigned();

  useEffect(() => {
    if (progress?.state !== 'running') return;
    const timer = setTimeout(async () => {
      const status = await api['shipping.batchStatus']({ id: progress.id });
      if (!status.ok) return setAlert(errorMessage(status.error, t));
      setProgress(status.value);
      if (status.value.result) setResults(downloads([status.value.result]));
    }, 300);
    return () => clearTimeout(timer);
  }, [progress, downloads, t]);


  const start = async (status: 'ready_to_ship' | 'shipped', today: boolean) => {
    setAlert(null);
    setResults([]);
    // "Today" is the site's day, as the server counts it.
    const day = today ? new Date().toLocaleDateString('en-CA', { timeZone: site?.timeZone }) : undefined;
    const result = await api['shipping.batchLabels']({ status, ...(day ? { day } : {}) });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    setProgress(result.value);
  };

  return (
    <section className="panel" aria-labelledby="batch-title">
      <h2 id="batch-title">{t('shipping.batchTitle')}</h2>
      <div className="actions">
        <button type="button" disabled={progress?.state === 'running'} onClick={() => void start('ready_to_ship', false)}>
          {t('shipping.batchReady')}
        </button>
        <button type="button" disabled={progress?.state === 'running'} onClick={() => void start('shipped', true)}>
          {t('shipping.batchShippedToday')}
        </button>
      </div>
      {progress ? (
        <div className="batch-progress">
          <progress max={progress.total || 1} value={progress.done} aria-label={t('shipping.batchProgress', { done: progress.done, total: progress.total })} />{' '}
          {t('shipping.batchProgress', { done: progress.done, total: progress.total })}{' '}
          {progress.state === 'running' ? (
            <button type="button" onClick={() => void api['shipping.batchCancel']({ id: progress.id }).then((r) => r.ok && setProgress(r.value))}>
              {t('shipping.batchCancel')}
            </button>
          ) : null}
          {progress.state === 'cancelled' ? <span>{t('shipping.batchCancelled')}</span> : null}
          {progress.state === 'failed' && progress.error ? <span className="tag-warning">{errorMessage(progress.error, t)}</span> : null}
        </div>
      ) : null}
      {progress?.skipped.length ? (
        <p className="notice" role="status">
          {t('shipping.batchSkipped', { count: progress.skipped.length, rmas: progress.skipped.join(', ') })}
        </p>
      ) : null}
      <FormAlert message={alert} />
      <PrintResults results={results} />
    </section>
  );
}

/** The clerk's desk: the queue of units going back, one case at a time, and labels in bulk. */
export function ShippingDesk() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const format = useFormat();
  const [rows, setRows] = useState<ShippingQueueRow[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api['shipping.queue']({});
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    setRows(result.value);
  }, [t]);
  useEffect(() => void load(), [load]);
  useRefetchOnCaseChange(() => void load());

  const closeOld = async () => {
    const result = await api['shipping.closeOld']({});
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    announce(t('shipping.closedOld', { count: result.value.closed.length, days: result.value.days }));
  };

  const current = rows?.find((r) => r.rma === selected) ?? null;
  const now = Date.now();
  return (
    <main className="shipping" aria-labelledby="shipping-title">
      <div className="screen-head">
        <h1 id="shipping-title">{t('shipping.title')}</h1>
        <p className="intro">{t('shipping.intro')}</p>
        <div className="head-links">
          <button type="button" onClick={() => void closeOld()}>
            {t('shipping.closeOld')}
          </button>
        </div>
      </div>
      <FormAlert message={alert} />
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">{t('shipping.queue')}</h2>
        {rows && rows.length === 0 ? <p>{t('shipping.empty')}</p> : null}
        <ul className="pick-list" aria-label={t('shipping.queue')}>
          {(rows ?? []).map((r) => (
            <li key={r.rma} aria-current={r.rma === selected ? 'true' : undefined}>
              <button type="button" onClick={() => setSelected(r.rma)}>
                {t('shipping.choose', { rma: r.rma })}
              </button>
              <span>{r.customerName}</span>
              <span>{r.model ?? t('common.none')}</span>
              <span className={`badge badge-${r.status}`}>{t(`status.${r.status}`)}</span>
              <span>{format.age(r.statusChangedAt, now)}</span>
              {r.problem ? <span className="tag-warning">{saidIn(r.problem, i18n.language)}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {current ? (
        <ShipForm
          key={current.rma}
          row={current}
          onShipped={() => {
            setSelected(null);
            void load();
          }}
        />
      ) : null}
      <Batch />
    </main>
  );
}
