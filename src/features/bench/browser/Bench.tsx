import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RepairDelays } from './RepairDelays.tsx';
import { benchQueueFilters, type BenchQueue, type BenchQueueFilter, type BenchQueueRow } from '../common/bench.ts';
import { api } from '../../../base/browser/api.ts';
import { useRefetchOnCaseChange } from '../../../base/browser/live.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { href, navigate } from '../../../base/browser/router.ts';
import { shippedWord } from '../../../base/browser/shipped.ts';
import { useStationPlace } from '../../locations/browser/index.ts';

/** Remembered while the app is open, so coming back from a case keeps the technician's view. */
let remembered: { show: BenchQueueFilter; productLine: string; mine: boolean } = { show: 'all', productLine: '', mine: false };

/** The technician's work queue: take a case, open it, release it. */
export function Bench() {
  const { t, i18n } = useTranslation();
  const { user } = useSigned();
  const format = useFormat();
  const announce = useAnnounce();
  const [filters, setFilters] = useState(remembered);
  const [queue, setQueue] = useState<BenchQueue | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const place = useStationPlace('bench');

  const load = useCallback(async () => {
    const result = await api['bench.queue']({
      show: filters.show,
      productLine: filters.productLine || null,
      mine: filters.mine,
    });
    if (result.ok) setQueue(result.value);
    else setAlert(errorMessage(result.error, t));
  }, [filters, t]);

  useEffect(() => {
    remembered = filters;
    void load();
  }, [filters, load]);
  useRefetchOnCaseChange(() => void load());

  const take = async (row: BenchQueueRow) => {
    setAlert(null);
    const result = await api['bench.take']({ rma: row.rma, version: row.version, placeAt: place.placeAt() });
    if (!result.ok) {
      if (!place.refused(result.error)) setAlert(errorMessage(result.error, t));
      return;
    }
    announce(t('bench.taken', { rma: row.rma }));
    navigate({ screen: 'case', rma: row.rma });
  };

  const release = async (row: BenchQueueRow) => {
    setAlert(null);
    const result = await api['bench.release']({ rma: row.rma, version: row.version });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    announce(t('bench.released', { rma: row.rma }));
    await load();
  };

  const mayWork = user.role === 'technician' || user.role === 'admin';

  return (
    <main className="cases-screen" aria-labelledby="bench-title">
      <div className="screen-head">
        <h1 id="bench-title">{t('bench.title')}</h1>
        <p className="intro">{t('bench.intro')}</p>
        <div className="head-links">
          <a href={href({ screen: 'parts' })}>{t('bench.partsLink')}</a>{' '}
          <a href={href({ screen: 'benchSettings' })}>{t('bench.settingsLink')}</a>
        </div>
      </div>
      <RepairDelays />
      <div className="toolbar">
        <Field label={t('bench.show')}>
          {(p) => (
            <select {...p} value={filters.show} onChange={(e) => setFilters({ ...filters, show: e.target.value as BenchQueueFilter })}>
              {benchQueueFilters.map((f) => (
                <option key={f} value={f}>
                  {t(`bench.shows.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bench.productLine')}>
          {(p) => (
            <select {...p} value={filters.productLine} onChange={(e) => setFilters({ ...filters, productLine: e.target.value })}>
              <option value="">{t('bench.allLines')}</option>
              {queue?.productLines.map((line) => (
                <option key={line} value={line}>
                  {shippedWord(i18n.language, 'productLine', line)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={filters.mine} onChange={(e) => setFilters({ ...filters, mine: e.target.checked })} />{' '}
          {t('bench.mine')}
        </label>
        {mayWork ? place.field : null}
      </div>
      <FormAlert message={alert} />
      <section className="panel">
        <table className="history" aria-label={t('bench.queueLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('bench.rma')}</th>
              <th scope="col">{t('bench.status')}</th>
              <th scope="col">{t('bench.customer')}</th>
              <th scope="col">{t('bench.model')}</th>
              <th scope="col">{t('bench.received')}</th>
              <th scope="col">{t('bench.assigned')}</th>
              <th scope="col">{t('bench.estimateUntil')}</th>
              <th scope="col">{t('bench.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {queue?.rows.map((row) => (
              <tr key={row.rma}>
                <td className="mono">
                  <a href={href({ screen: 'case', rma: row.rma })}>{row.rma}</a>
                </td>
                <td>
                  <span className={`badge badge-${row.status}`}>{t(`status.${row.status}`)}</span>
                </td>
                <td>{row.customerName}</td>
                <td>{row.model ?? t('common.none')}</td>
                <td className="nowrap">{format.dateTime(row.receivedAt)}</td>
                <td>{row.assignedTo?.name ?? t('common.none')}</td>
                <td className="nowrap">
                  {row.estimate ? (
                    <>
                      {format.date(row.estimate.validUntil)}{' '}
                      {row.estimate.expired ? <span className="tag-warning">{t('bench.expired')}</span> : null}
                    </>
                  ) : (
                    t('common.none')
                  )}
                </td>
                <td className="row-actions">
                  {mayWork && row.assignedTo?.id !== user.id ? (
                    <button type="button" onClick={() => void take(row)} aria-label={t('bench.take', { rma: row.rma })}>
                      {t('bench.take', { rma: '' }).trim()}
                    </button>
                  ) : null}
                  {mayWork && row.assignedTo && (row.assignedTo.id === user.id || user.role === 'admin') ? (
                    <button type="button" onClick={() => void release(row)} aria-label={t('bench.release', { rma: row.rma })}>
                      {t('bench.release', { rma: '' }).trim()}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue && queue.rows.length === 0 ? <p className="empty">{t('bench.empty')}</p> : null}
      </section>
    </main>
  );
}
