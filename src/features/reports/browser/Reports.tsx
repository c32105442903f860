import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, calendarDateIn, type CalendarDate } from '../../../base/common/dates.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../../base/common/rpc.ts';
import type { Result } from '../../../base/common/result.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { rangeInput, reportRoles } from '../common/contract.ts';
import { auditTables, casesTables, failuresTables, moneyTables, overdueTables, peopleTables, turnaroundTables, type ExportKind, type ReportTable } from '../common/tables.ts';
import type { FailuresReport, TrendPeriod, TurnaroundReport } from '../common/types.ts';
import { Chart } from './Chart.tsx';
import { UnitsSoldEditor } from './UnitsSold.tsx';
import { CalendarEditor } from './Calendar.tsx';
import { download, ReportTableView, useReportWords } from './ReportTable.tsx';
import { csvHeader, csvRows, tableCsv } from '../common/csv.ts';
import { EXPORT_PAGE_ROWS, exportColumns, exportPageTable, isExportKind } from '../common/exports.ts';
import { auditKinds, type AuditKind } from '../../../base/common/audit.ts';
import type { UserInfo } from '../../../base/common/identity.ts';
import { shippedWord } from '../../../base/browser/shipped.ts';
import { DateText } from '../../../base/browser/DateInput.tsx';

const tabs = ['overdue', 'turnaround', 'money', 'people', 'failures', 'cases', 'customers', 'parts-used', 'payments', 'audit', 'calendar'] as const;
type Tab = (typeof tabs)[number];
const isTab = (tab: string | undefined): tab is Tab => tabs.includes(tab as Tab);

const dueChoices = [
  { value: '0', key: 'late' },
  { value: '1', key: 'within1' },
  { value: '2', key: 'within2' },
  { value: '5', key: 'within5' },
  { value: 'all', key: 'all' },
] as const;

interface Filters {
  from: CalendarDate;
  to: CalendarDate;
  productLine: string;
  due: (typeof dueChoices)[number]['value'];
  period: TrendPeriod;
  /** The audit's person (a user id) and kind; '' for all. */
  userId: string;
  kind: AuditKind | '';
}

/** The filters survive moving between reports and opening a case. */
let remembered: Filters | null = null;

/** A report's answer for the filters given, fetched again when they change; answers to older filters are dropped. */
function useReport<M extends MethodName>(method: M, input: MethodInput<M> | null, again = 0) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ value: MethodOutput<M> | null; error: string | null; loading: boolean }>({ value: null, error: null, loading: true });
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const call = api[method] as (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
    void call(input).then((result) => {
      if (!current) return;
      setState(result.ok ? { value: result.value, error: null, loading: false } : { value: null, error: errorMessage(result.error, t), loading: false });
    });
    return () => {
      current = false;
    };
    // The input is compared by its JSON (key): a new object with the same filters asks nothing again.
  }, [method, key, t, again]);
  return state;
}

/** The depot manager's morning: overdue cases, turnaround, and the calendar the clock follows. */
export function ReportsScreen({ tab }: { tab?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const { user, site } = useSigned();
  const current: Tab = isTab(tab) ? tab : 'overdue';
  const [filters, setFilters] = useState<Filters | null>(remembered);
  const [lines, setLines] = useState<string[]>([]);

  useEffect(() => {
    if (!filters && site) {
      const today = calendarDateIn(new Date(), site.timeZone);
      setFilters({ from: addDays(today, -29), to: today, productLine: '', due: '2', period: 'week', userId: '', kind: '' });
    }
  }, [filters, site]);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  useEffect(() => {
    // Past periods hold retired models' cases too.
    void api['products.list']({ includeRetired: true }).then((result) => {
      if (result.ok) setLines([...new Set(result.value.map((p) => p.productLine))].sort());
    });
  }, []);

  if (!reportRoles.includes(user.role)) return <FormAlert message={t('error.forbidden')} />;

  const set = (change: Partial<Filters>) => setFilters((f) => (f ? { ...f, ...change } : f));
  const range = current !== 'overdue' && current !== 'calendar';
  // The range is checked as the server checks it, so a wrong one is said at its field and never asked.
  const checked = filters ? rangeInput.safeParse({ from: filters.from, to: filters.to }) : null;
  const rangeError = (field: 'from' | 'to') => checked?.error?.issues.find((issue) => issue.path[0] === field)?.message;

  return (
    <main className="reports" aria-labelledby="reports-title">
      <div className="screen-head">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p className="intro">{t('reports.intro')}</p>
      </div>
      <nav className="report-tabs" aria-label={t('reports.tabs')}>
        <ul>
          {tabs.map((name) => (
            <li key={name}>
              <a href={href({ screen: 'reports', tab: name })} aria-current={name === current ? 'page' : undefined}>
                {t(`reports.tab.${name}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {filters && current !== 'calendar' ? (
        <div className="toolbar" role="group" aria-label={t('reports.filters')}>
          {range ? (
            <>
              <Field label={t('reports.from')} error={rangeError('from')} hint={t('common.dateHint')}>
                {(p) => <DateText {...p} value={filters.from} onDate={(from) => set({ from })} />}
              </Field>
              <Field label={t('reports.to')} error={rangeError('to')}>
                {(p) => <DateText {...p} value={filters.to} onDate={(to) => set({ to })} />}
              </Field>
            </>
          ) : (
            <Field label={t('reports.show')}>
              {(p) => (
                <select {...p} value={filters.due} onChange={(e) => set({ due: e.target.value as Filters['due'] })}>
                  {dueChoices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {t(`reports.due.${c.key}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {current === 'failures' ? (
            <Field label={t('reports.period')}>
              {(p) => (
                <select {...p} value={filters.period} onChange={(e) => set({ period: e.target.value as TrendPeriod })}>
                  <option value="week">{t('reports.byWeek')}</option>
                  <option value="month">{t('reports.byMonth')}</option>
                </select>
              )}
            </Field>
          ) : null}
          {current === 'audit' ? <AuditFilters filters={filters} set={set} /> : null}
          {current !== 'people' && current !== 'audit' && current !== 'customers' ? (
          <Field label={t('reports.productLine')}>
            {(p) => (
              <select {...p} value={filters.productLine} onChange={(e) => set({ productLine: e.target.value })}>
                <option value="">{t('reports.allLines')}</option>
                {lines.map((line) => (
                  <option key={line} value={line}>
                    {shippedWord(i18n.language, 'productLine', line)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          ) : null}
        </div>
      ) : null}
      {filters && current === 'overdue' ? <Overdue filters={filters} /> : null}
      {filters && current === 'turnaround' && checked?.success ? <Turnaround filters={filters} /> : null}
      {filters && current === 'money' && checked?.success ? <Money filters={filters} /> : null}
      {filters && current === 'people' && checked?.success ? <People filters={filters} /> : null}
      {filters && current === 'failures' && checked?.success ? <Failures filters={filters} /> : null}
      {filters && current === 'cases' && checked?.success ? <CasesList filters={filters} /> : null}
      {filters && isExportKind(current) && checked?.success ? <PagedExport key={current} kind={current} filters={filters} /> : null}
      {filters && current === 'audit' && checked?.success ? <Audit filters={filters} /> : null}
      {current === 'calendar' ? <CalendarEditor /> : null}
    </main>
  );
}

interface TablesProps {
  tables: ReportTable[] | null;
  error: string | null;
  fileSuffix: string;
  /** Charts shown beside the tables of these ids. */
  charts?: Partial<Record<ReportTable['id'], ReactNode>>;
}

function Tables({ tables, error, fileSuffix, charts = {} }: TablesProps) {
  return (
    <>
      <FormAlert message={error} />
      {tables?.map((table) => <ReportTableView key={table.id} table={table} fileSuffix={fileSuffix} chart={charts[table.id]} />)}
    </>
  );
}

const ACCENT = '#2457c5';
const MUTED = '#c2570c';

function turnaroundCharts(report: TurnaroundReport, words: ReturnType<typeof useReportWords>): TablesProps['charts'] {
  if (report.histogram.length === 0) return {};
  return {
    'turnaround-histogram': (
      <Chart
        title={words.t('reports.chart.histogram')}
        spec={{
          kind: 'bars',
          categories: report.histogram.map((h) => String(h.days)),
          series: [{ label: words.t('reports.chart.shipped'), values: report.histogram.map((h) => h.cases), color: ACCENT }],
          xLabel: words.t('reports.column.businessDays'),
          yLabel: words.t('reports.column.shipped'),
        }}
      />
    ),
  };
}

function failuresCharts(report: FailuresReport, words: ReturnType<typeof useReportWords>): TablesProps['charts'] {
  const models = report.models.slice(0, 20);
  return {
    'failures-trend': (
      <Chart
        title={words.t('reports.chart.trend')}
        spec={{
          kind: 'line',
          categories: report.trend.map((p) => p.period),
          series: [
            { label: words.t('reports.chart.received'), values: report.trend.map((p) => p.received), color: ACCENT },
            { label: words.t('reports.chart.noFaultFound'), values: report.trend.map((p) => p.noFaultFound), color: MUTED },
          ],
          xLabel: words.t('reports.column.period'),
          yLabel: words.t('reports.column.cases'),
        }}
      />
    ),
    ...(models.length > 0
      ? {
          'failures-models': (
            <Chart
              title={words.t('reports.chart.models')}
              spec={{
                kind: 'bars',
                categories: models.map((m) => m.model ?? words.t('common.none')),
                series: [{ label: words.t('reports.chart.received'), values: models.map((m) => m.received), color: ACCENT }],
                xLabel: words.t('reports.column.model'),
                yLabel: words.t('reports.column.received'),
              }}
            />
          ),
        }
      : {}),
  };
}

function Overdue({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const { value, error } = useReport('reports.overdue', {
    productLine: filters.productLine || null,
    dueWithin: filters.due === 'all' ? null : Number(filters.due),
  });
  return (
    <>
      {value ? <p className="intro">{words.t('reports.overdueIntro', { count: value.targetDays, today: words.format.date(value.today) })}</p> : null}
      <Tables tables={value ? overdueTables(value) : null} error={error} fileSuffix={value?.today ?? ''} />
    </>
  );
}

function Turnaround({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const { value, error } = useReport('reports.turnaround', { from: filters.from, to: filters.to, productLine: filters.productLine || null });
  return (
    <>
      {value ? (
        <p className="intro">
          {words.t('reports.turnaroundIntro', { from: words.format.date(value.from), to: words.format.date(value.to), count: value.targetDays })}
        </p>
      ) : null}
      <Tables
        tables={value ? turnaroundTables(value) : null}
        error={error}
        fileSuffix={`${filters.from}-${filters.to}`}
        charts={value ? turnaroundCharts(value, words) : {}}
      />
    </>
  );
}

function Money({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const { value, error } = useReport('reports.money', { from: filters.from, to: filters.to, productLine: filters.productLine || null });
  return (
    <>
      {value ? (
        <p className="intro">
          {words.t('reports.moneyIntro', { currency: value.currency, from: words.format.date(value.from), to: words.format.date(value.to) })}
        </p>
      ) : null}
      <Tables tables={value ? moneyTables(value) : null} error={error} fileSuffix={`${filters.from}-${filters.to}`} />
    </>
  );
}

function People({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const { value, error } = useReport('reports.people', { from: filters.from, to: filters.to });
  return (
    <>
      <p className="intro">{words.t('reports.peopleIntro')}</p>
      <Tables tables={value ? peopleTables(value) : null} error={error} fileSuffix={`${filters.from}-${filters.to}`} />
    </>
  );
}

function Failures({ filters }: { filters: Filters }) {
  const words = useReportWords();
  // Units sold change the lots' rates: the report is asked again after each change.
  const [unitsChanged, setUnitsChanged] = useState(0);
  const { value, error } = useReport(
    'reports.failures',
    {
      from: filters.from,
      to: filters.to,
      productLine: filters.productLine || null,
      period: filters.period,
    },
    unitsChanged,
  );
  return (
    <>
      <p className="intro">{words.t('reports.failuresIntro')}</p>
      <Tables
        tables={value ? failuresTables(value) : null}
        error={error}
        fileSuffix={`${filters.from}-${filters.to}`}
        charts={value ? failuresCharts(value, words) : {}}
      />
      <UnitsSoldEditor onChanged={() => setUnitsChanged((n) => n + 1)} />
    </>
  );
}

/** The cases list as CSV: too long to show here, so it says how many and saves them. */
function CasesList({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const announce = useAnnounce();
  const { value, error, loading } = useReport('reports.cases', { from: filters.from, to: filters.to, productLine: filters.productLine || null });
  const save = () => {
    if (!value) return;
    const fileName = `cases-${filters.from}-${filters.to}.csv`;
    download(fileName, tableCsv(casesTables(value)[0]!, words.csv));
    announce(words.t('reports.exported', { file: fileName }));
  };
  return (
    <section className="panel report" aria-labelledby="cases-export">
      <h2 id="cases-export">{words.t('reports.table.cases')}</h2>
      <FormAlert message={error} />
      {value ? (
        <p>
          {words.t('reports.casesIntro', { count: value.rows.length, from: words.format.date(value.from), to: words.format.date(value.to) })}
          {value.more ? ` ${words.t('reports.casesMore', { count: value.rows.length })}` : ''}
        </p>
      ) : null}
      <button type="button" className="primary" disabled={!value || loading} onClick={save}>
        {words.t('reports.exportCsv')}
      </button>
    </section>
  );
}

/**
 * A long list (customers, parts used, payments) saved as CSV page by page: how far along it is
 * shows while it runs, and it can be stopped; the file is saved once the last page is in.
 */
function PagedExport({ kind, filters }: { kind: ExportKind; filters: Filters }) {
  const words = useReportWords();
  const announce = useAnnounce();
  const { site } = useSigned();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stopped = useRef(false);
  // A tab left while an export runs stops it.
  useEffect(
    () => () => {
      stopped.current = true;
    },
    [],
  );
  const run = async () => {
    stopped.current = false;
    setError(null);
    setProgress({ done: 0, total: 0 });
    const parts = [csvHeader(exportColumns[kind], words.csv)];
    const input = { kind, from: filters.from, to: filters.to, productLine: kind === 'customers' ? null : filters.productLine || null, limit: EXPORT_PAGE_ROWS };
    let after: string | null = null;
    let done = 0;
    let total = 0;
    do {
      const result = await api['reports.exportPage']({ ...input, after });
      if (stopped.current) break;
      if (!result.ok) {
        setError(errorMessage(result.error, words.t));
        setProgress(null);
        return;
      }
      const page = result.value;
      if (page.total !== null) total = page.total;
      parts.push(csvRows(exportPageTable(page), words.csv));
      done += page.rows.length;
      // Rows added while it runs can make it longer than first counted.
      total = Math.max(total, done);
      setProgress({ done, total });
      after = page.next;
    } while (after !== null);
    setProgress(null);
    if (stopped.current) {
      announce(words.t('reports.exportStopped'));
      return;
    }
    const fileName = `${kind}-${filters.from}-${filters.to}.csv`;
    download(fileName, parts.join(''));
    announce(words.t('reports.exported', { file: fileName }));
  };
  const title: string = words.t(`reports.table.${kind}`);
  const dates = { from: words.format.date(filters.from), to: words.format.date(filters.to) };
  return (
    <section className="panel report" aria-labelledby={`${kind}-export`}>
      <h2 id={`${kind}-export`}>{title}</h2>
      <FormAlert message={error} />
      <p>
        {kind === 'payments'
          ? words.t('reports.exportIntro.payments', { ...dates, currency: site?.currency ?? '' })
          : kind === 'customers'
            ? words.t('reports.exportIntro.customers', dates)
            : words.t('reports.exportIntro.parts-used', dates)}
      </p>
      {progress ? (
        <div className="export-progress">
          <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={title} />
          <p role="status">{words.t('reports.exportProgress', { done: words.count(progress.done), total: words.count(progress.total) })}</p>
          <button type="button" onClick={() => (stopped.current = true)}>
            {words.t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => void run()}>
          {words.t('reports.exportCsv')}
        </button>
      )}
    </section>
  );
}

/** The audit's own filters: one person, one kind of action. */
function AuditFilters({ filters, set }: { filters: Filters; set: (change: Partial<Filters>) => void }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<readonly Pick<UserInfo, 'id' | 'name'>[]>([]);
  useEffect(() => {
    void api['users.list']({}).then((result) => {
      if (result.ok) setUsers(result.value);
    });
  }, []);
  return (
    <>
      <Field label={t('reports.audit.user')}>
        {(p) => (
          <select {...p} value={filters.userId} onChange={(e) => set({ userId: e.target.value })}>
            <option value="">{t('reports.audit.allUsers')}</option>
            {users.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('reports.audit.kind')}>
        {(p) => (
          <select {...p} value={filters.kind} onChange={(e) => set({ kind: e.target.value as AuditKind | '' })}>
            <option value="">{t('reports.audit.allKinds')}</option>
            {auditKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reports.audit.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

function Audit({ filters }: { filters: Filters }) {
  const words = useReportWords();
  const { value, error } = useReport('reports.audit', {
    from: filters.from,
    to: filters.to,
    userId: filters.userId ? Number(filters.userId) : null,
    kind: filters.kind || null,
  });
  return (
    <>
      <p className="intro">{words.t('reports.audit.intro')}</p>
      {value?.more ? <p className="warning">{words.t('reports.audit.more', { count: value.rows.length })}</p> : null}
      <Tables tables={value ? auditTables(value) : null} error={error} fileSuffix={`${filters.from}-${filters.to}`} />
    </>
  );
}
