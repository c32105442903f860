import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSyncInfo, SyncStatus } from '../common/contract.ts';
import { api } from '../../../base/browser/api.ts';
import { useFormat, useSigned } from '../../../base/browser/context.tsx';
import { useRoute } from '../../../base/browser/router.ts';
import { saidIn } from '../../../base/browser/messages.ts';

const POLL_MS = 10_000;

/** Re-runs `load` every POLL_MS while mounted (and when `key` changes). */
function usePolled<T>(load: () => Promise<T | null>, key: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    const tick = () => void load().then((v) => live && setValue(v));
    tick();
    const timer = setInterval(tick, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
  return value;
}

/**
 * The header's quiet word on portal sync: in sync, waiting, failing or paused, with the last
 * success and the queue in its tooltip; admins follow it to the sync page. On a case page it also
 * shows that case's own sync.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { user } = useSigned();
  const format = useFormat();
  const route = useRoute();
  const status = usePolled<SyncStatus>(async () => {
    const r = await api['sync.status']({});
    return r.ok ? r.value : null;
  }, 'status');
  if (!status) return null;
  const failing = status.dead > 0 || status.retrying > 0 || (status.configured && status.lastError !== null);
  const [text, tone] = !status.configured
    ? [t('sync.indicator.off'), '']
    : status.paused
      ? [t('sync.indicator.paused'), 'badge-cancelled']
      : failing
        ? [t('sync.indicator.failing'), 'badge-cancelled']
        : status.pending > 0
          ? [t('sync.indicator.waiting', { count: status.pending }), 'badge-awaiting_customer']
          : status.elsewhere && !status.workerRunning
            ? [t('sync.indicator.elsewhere'), 'badge-shipped']
            : [t('sync.indicator.ok'), 'badge-shipped'];
  const last = status.lastPushAt && (!status.lastPullAt || status.lastPushAt > status.lastPullAt) ? status.lastPushAt : status.lastPullAt;
  const why = status.paused ? status.pauseReason : status.lastError;
  const title = [
    last ? t('sync.indicator.lastSuccess', { time: format.dateTime(last) }) : t('sync.indicator.never'),
    t('sync.indicator.details', { pending: status.pending, retrying: status.retrying, dead: status.dead }),
    why ? saidIn(why, i18n.language) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const badge = (
    <span className={`badge ${tone}`} title={title}>
      {text}
    </span>
  );
  return (
    <span className="sync-indicator" aria-label={`${t('sync.indicator.label')}: ${text}. ${title}`}>
      {user.role === 'admin' ? <a href="#/sync">{badge}</a> : badge}
      {route?.screen === 'case' ? <SyncCaseBadge rma={route.rma} /> : null}
    </span>
  );
}

/** One case's sync: updates pending, sent and refused, and its open flags. */
export function SyncCaseBadge({ rma }: { rma: string }) {
  const { t, i18n } = useTranslation();
  const info = usePolled<CaseSyncInfo>(async () => {
    const r = await api['sync.case']({ rma });
    return r.ok ? r.value : null;
  }, rma);
  if (!info || info.pending + info.sent + info.dead + info.flags.length === 0) return null;
  const parts = [
    info.pending > 0 ? t('sync.badge.pending', { count: info.pending }) : null,
    info.sent > 0 ? t('sync.badge.sent', { count: info.sent }) : null,
    info.dead > 0 ? t('sync.badge.dead', { count: info.dead }) : null,
    info.flags.length > 0 ? t('sync.badge.flags', { count: info.flags.length }) : null,
  ].filter(Boolean);
  const tone = info.dead > 0 || info.flags.length > 0 ? 'badge-cancelled' : info.pending > 0 ? 'badge-awaiting_customer' : 'badge-shipped';
  const title = [info.lastError, ...info.flags.map((f) => f.message)].map((said) => (said ? saidIn(said, i18n.language) : null)).filter(Boolean).join('\n');
  return (
    <span className={`badge ${tone}`} role="note" aria-label={`${t('sync.badge.label')}: ${parts.join(', ')}`} title={title || undefined}>
      {t('sync.badge.label')}: {parts.join(' · ')}
    </span>
  );
}
