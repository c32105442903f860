import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, DashboardCounts } from '../common/types.ts';
import { openStatuses, statuses as allStatuses, type Status } from '../common/status.ts';
import { api } from '../../../base/browser/api.ts';
import { useRefetchOnCaseChange } from '../../../base/browser/live.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useFormat, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import type { QueueName } from './queues.ts';
import { RepairDelays } from '../../bench/browser/index.ts';
import { OverdueSupplierReturns } from '../../supplier-returns/browser/index.ts';
import type { LocationInfo } from '../../locations/common/index.ts';
import { href, navigate } from '../../../base/browser/router.ts';
import { markPainted } from '../../../base/browser/timing.ts';

const PAGE = 200;
/** The most rows one read of the list returns (the API's limit). */
const MAX_ROWS = 500;
const ROW_HEIGHT = 32;
/** Start fetching the next page this many rows before the loaded ones run out. */
const PREFETCH = 60;
const DEBOUNCE_MS = 200;

type Filter = '' | 'open' | Status;

/** Search and filter survive opening a case and coming back. */
const remembered = new Map<string, { query: string; filter: Filter; locationId: number | null }>();

interface Props {
  /** A role's queue, or null for all cases. */
  queue: QueueName | null;
  statuses: readonly Status[] | null;
}

export function CasesScreen({ queue, statuses }: Props) {
  const { t } = useTranslation();
  const role = useSigned().user.role;
  const memoryKey = queue ?? 'cases';
  const [query, setQuery] = useState(() => remembered.get(memoryKey)?.query ?? '');
  const [searched, setSearched] = useState(query);
  const [filter, setFilter] = useState<Filter>(() => remembered.get(memoryKey)?.filter ?? '');
  const [locationId, setLocationId] = useState<number | null>(() => remembered.get(memoryKey)?.locationId ?? null);
  const [locations, setLocations] = useState<LocationInfo[]>([]);
  const [rows, setRows] = useState<CaseSummary[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<DashboardCounts | null>(null);
  const generation = useRef(0);
  const fetching = useRef(false);
  // Read when an answer arrives, so changing language does not search again.
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  });

  useEffect(() => {
    remembered.set(memoryKey, { query, filter, locationId });
  }, [memoryKey, query, filter, locationId]);

  useEffect(() => {
    void api['locations.list']({ includeRetired: true }).then((result) => {
      if (result.ok) setLocations(result.value);
    });
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const filterStatuses: Status[] | undefined =
    filter === 'open' ? [...openStatuses] : filter ? [filter] : statuses ? [...statuses] : undefined;
  const statusKey = filterStatuses?.join(',') ?? '';

  const fetchPage = useCallback(
    (offset: number, limit = PAGE) => {
      const statusList = statusKey ? (statusKey.split(',') as Status[]) : undefined;
      return api['cases.list']({
        ...(searched ? { query: searched } : {}),
        ...(statusList ? { statuses: statusList } : {}),
        ...(locationId !== null ? { locationId } : {}),
        offset,
        limit,
      });
    },
    [searched, statusKey, locationId],
  );

  // A new search or filter starts again from the first page; answers to older ones are dropped.
  useEffect(() => {
    const mine = ++generation.current;
    fetching.current = true;
    setLoading(true);
    setError(null);
    void fetchPage(0).then((result) => {
      if (mine !== generation.current) return;
      fetching.current = false;
      setLoading(false);
      if (!result.ok) {
        setRows([]);
        setMore(false);
        setError(errorMessage(result.error, tRef.current));
        return;
      }
      setRows(result.value.rows);
      setMore(result.value.more);
    });
  }, [fetchPage]);

  // The first rows on screen: what a person waits for after signing in.
  const shownOnce = useRef(false);
  useEffect(() => {
    if (shownOnce.current || rows.length === 0) return;
    shownOnce.current = true;
    markPainted('cases.listShown');
  }, [rows]);

  const loadMore = useCallback(() => {
    if (fetching.current || !more) return;
    const mine = generation.current;
    fetching.current = true;
    void fetchPage(rows.length).then((result) => {
      if (mine !== generation.current) return;
      fetching.current = false;
      if (!result.ok) {
        setMore(false);
        setError(errorMessage(result.error, t));
        return;
      }
      setRows((before) => before.concat(result.value.rows));
      setMore(result.value.more);
    });
  }, [fetchPage, more, rows.length, t]);

  const loadCounts = useCallback(() => {
    void api['dashboard.counts']({}).then((result) => {
      if (result.ok) setCounts(result.value);
    });
  }, []);
  useEffect(loadCounts, [loadCounts]);

  // Another station changed a case: the rows shown so far and the counts are read again, in place.
  const shown = useRef(0);
  shown.current = rows.length;
  useRefetchOnCaseChange(() => {
    loadCounts();
    const mine = ++generation.current;
    fetching.current = true;
    void fetchPage(0, Math.min(MAX_ROWS, Math.max(PAGE, shown.current))).then((result) => {
      if (mine !== generation.current) return;
      fetching.current = false;
      if (!result.ok) return;
      setRows(result.value.rows);
      setMore(result.value.more);
    });
    // A move elsewhere changes which rows a list filtered by location holds.
  }, (change) => change.kind !== 'moved' || locationId !== null);

  /** A scanner types the code and Enter: one match opens at once. */
  const onSearchKey = async (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const typed = query.trim();
    if (!typed) return;
    const result = await api['cases.list']({ query: typed, limit: 2, offset: 0 });
    if (result.ok && result.value.rows.length === 1) navigate({ screen: 'case', rma: result.value.rows[0]!.rma });
    else setSearched(typed);
  };

  const choices: Filter[] = statuses ? ['', ...statuses] : ['', 'open', ...allStatuses];
  const shownCounts = counts?.open.filter((c) => !statuses || statuses.includes(c.status)) ?? [];

  return (
    <main className="cases-screen" aria-labelledby="cases-title">
      <div className="screen-head">
        <h1 id="cases-title">{t(queue ? `nav.${queue}` : 'cases.title')}</h1>
        {queue ? <p className="intro">{t(`queue.${queue}`)}</p> : null}
        <div className="head-links">
          <a className="button" href={href({ screen: 'move' })}>
            {t('locations.moveLink')}
          </a>
          <a className="button" href={href({ screen: 'find' })}>
            {t('locations.findLink')}
          </a>
          {role === 'clerk' || role === 'admin' ? (
            <a className="button" href={href({ screen: 'supplierReturns' })}>
              {t('supplierReturns.link')}
            </a>
          ) : null}
          {role === 'clerk' || role === 'admin' ? (
            <a className="button" href={href({ screen: 'returns' })}>
              {t('returns.title')}
            </a>
          ) : null}
          <a className="button" href={href({ screen: 'stock' })}>
            {t('stock.link')}
          </a>
        </div>
      </div>
      {counts ? (
        <section className="dashboard" aria-label={t('cases.dashboard')}>
          <ul>
            {shownCounts.map((c) => (
              <li key={c.status}>
                <button
                  type="button"
                  className="count"
                  aria-pressed={filter === c.status}
                  onClick={() => setFilter(filter === c.status ? '' : c.status)}
                >
                  <span className="count-number">{c.count.toLocaleString()}</span>
                  <span className="count-label">{t(`status.${c.status}`)}</span>
                </button>
              </li>
            ))}
            {!queue ? (
              <li>
                <span className={counts.overdue > 0 ? 'count overdue' : 'count'}>
                  <span className="count-number">{counts.overdue.toLocaleString()}</span>
                  <span className="count-label">{t('cases.overdue')}</span>
                </span>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      {!queue ? <RepairDelays /> : null}
      {!queue ? <OverdueSupplierReturns /> : null}
      <div className="toolbar">
        <Field label={t('cases.search')} hint={t('cases.searchHint')} className="search">
          {(p) => (
            <input
              {...p}
              type="search"
              value={query}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKey}
            />
          )}
        </Field>
        <Field label={t('cases.status')}>
          {(p) => (
            <select {...p} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              {choices.map((c) => (
                <option key={c} value={c}>
                  {c === '' ? t('cases.allStatuses') : c === 'open' ? t('cases.openStatuses') : t(`status.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('locations.filter')}>
          {(p) => (
            <select {...p} value={locationId ?? ''} onChange={(e) => setLocationId(e.target.value === '' ? null : Number(e.target.value))}>
              <option value="">{t('locations.anyLocation')}</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {t('locations.place', { code: l.code, name: l.name })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <span className="result-count" role="status">
          {loading ? '' : t(more ? 'cases.shownMore' : 'cases.shown', { count: rows.length })}
        </span>
      </div>
      <FormAlert message={error} />
      <CaseTable rows={rows} more={more} loading={loading} loadMore={loadMore} />
    </main>
  );
}

interface TableProps {
  rows: CaseSummary[];
  more: boolean;
  loading: boolean;
  loadMore: () => void;
}

/** Only the rows in view are in the DOM, so 100,000 cases scroll like 100. */
function CaseTable({ rows, more, loading, loadMore }: TableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  // Built once per language, not per row per scroll frame.
  const labels = useMemo(
    () => ({ status: (s: Status) => t(`status.${s}`), none: t('common.none'), format }),
    [t, format],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length + (more ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (more && last >= rows.length - PREFETCH) loadMore();
  }, [last, more, rows.length, loadMore]);

  useEffect(() => {
    if (active >= rows.length) setActive(0);
  }, [rows.length, active]);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target);
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"] a`)?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: rows.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined || rows.length === 0) return;
    event.preventDefault();
    focusRow(next);
  };

  return (
    <div
      className="case-table"
      role="table"
      aria-label={t('cases.listLabel')}
      aria-rowcount={more ? -1 : rows.length + 1}
      aria-busy={loading}
    >
      <div className="case-row case-head" role="row" aria-rowindex={1}>
        <span role="columnheader">{t('cases.rma')}</span>
        <span role="columnheader">{t('cases.status')}</span>
        <span role="columnheader">{t('cases.customer')}</span>
        <span role="columnheader">{t('cases.model')}</span>
        <span role="columnheader">{t('cases.serial')}</span>
        <span role="columnheader" className="num">
          {t('cases.age')}
        </span>
      </div>
      <div className="case-scroll" ref={scrollRef} onKeyDown={onKeyDown} role="rowgroup">
        {!loading && rows.length === 0 ? <p className="empty">{t('cases.empty')}</p> : null}
        <div className="case-space" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <CaseRow
                key={row.rma}
                row={row}
                index={item.index}
                start={item.start}
                active={item.index === active}
                now={now}
                labels={labels}
                onFocus={setActive}
              />
            ) : (
              <div
                key="more"
                role="row"
                className="case-row loading-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">{t('app.loading')}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowLabels {
  status: (status: Status) => string;
  none: string;
  format: ReturnType<typeof useFormat>;
}

interface RowProps {
  row: CaseSummary;
  index: number;
  start: number;
  active: boolean;
  now: number;
  labels: RowLabels;
  onFocus: (index: number) => void;
}

/** Memoised: scrolling renders only the rows that come into view. */
const CaseRow = memo(function CaseRow({ row, index, start, active, now, labels, onFocus }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      className="case-row"
      style={{ transform: `translateY(${start}px)` }}
      onClick={(e) => {
        if (!(e.target instanceof HTMLAnchorElement)) navigate({ screen: 'case', rma: row.rma });
      }}
    >
      <span role="cell" className="mono">
        <a href={href({ screen: 'case', rma: row.rma })} tabIndex={active ? 0 : -1} onFocus={() => onFocus(index)}>
          {row.rma}
        </a>
      </span>
      <span role="cell">
        <span className={`badge badge-${row.status}`}>{labels.status(row.status)}</span>
      </span>
      <span role="cell" className="clip">
        {row.customerName}
      </span>
      <span role="cell" className="clip">
        {row.model ?? labels.none}
      </span>
      <span role="cell" className="mono clip">
        {row.serial}
      </span>
      <span role="cell" className="num">
        {labels.format.age(row.createdAt, now)}
      </span>
    </div>
  );
});
