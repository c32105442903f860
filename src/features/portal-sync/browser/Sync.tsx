import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  configureSyncInput,
  originOf,
  type CaseFlagInfo,
  type DeadLetterInfo,
  type ParkedEventInfo,
  type SyncSettings,
  type SyncTestResult,
  type SyncStatus,
} from '../common/contract.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, saidIn, wordReason } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { portalSyncMessages } from '../common/messages.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type Lists = { dead: DeadLetterInfo[]; parked: ParkedEventInfo[]; flags: CaseFlagInfo[] };

/** The admin's portal sync page: health, pause/resume, the connection, dead letters, parked events, case flags. */
export function SyncScreen() {
  const { t } = useTranslation();
  const { user } = useSigned();
  const announce = useAnnounce();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  const [lists, setLists] = useState<Lists>({ dead: [], parked: [], flags: [] });
  const [alert, setAlert] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [s, c, d, p, f] = await Promise.all([
      api['sync.status']({}),
      api['sync.settings']({}),
      api['sync.deadLetters']({}),
      api['sync.parked']({}),
      api['sync.flags']({}),
    ]);
    const failed = [s, c, d, p, f].find((r) => !r.ok);
    setAlert(failed && !failed.ok ? errorMessage(failed.error, t) : null);
    if (s.ok) setStatus(s.value);
    if (c.ok) setSettings(c.value);
    setLists({ dead: d.ok ? d.value : [], parked: p.ok ? p.value : [], flags: f.ok ? f.value : [] });
  }, [t]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 10_000);
    return () => clearInterval(timer);
  }, [reload]);

  /** Runs an action, announces its result and shows the page as it now is. */
  const act = async (call: () => Promise<{ ok: boolean; error?: Parameters<typeof errorMessage>[0] }>, done: string) => {
    const result = await call();
    if (result.ok) announce(done);
    else if (result.error) setAlert(errorMessage(result.error, t));
    await reload();
  };

  if (user.role !== 'admin') return <FormAlert message={t('error.forbidden')} />;

  return (
    <main className="settings sync" aria-labelledby="sync-title">
      <div className="screen-head">
        <h1 id="sync-title">{t('sync.title')}</h1>
      </div>
      <FormAlert message={alert} />
      {status ? <StatusPanel status={status} act={act} /> : null}
      {settings ? <ConnectionForm settings={settings} onSaved={() => void reload()} /> : null}
      <DeadLetters letters={lists.dead} act={act} />
      <Parked events={lists.parked} act={act} />
      <Flags flags={lists.flags} act={act} />
    </main>
  );
}

type Act = (call: () => Promise<{ ok: boolean; error?: Parameters<typeof errorMessage>[0] }>, done: string) => Promise<void>;

function StatusPanel({ status, act }: { status: SyncStatus; act: Act }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const state = !status.configured
    ? t('sync.state.notConfigured')
    : status.paused
      ? t('sync.state.paused', { reason: status.pauseReason ? saidIn(status.pauseReason, i18n.language) : '' })
      : status.elsewhere
        ? t('sync.state.elsewhere')
        : status.workerRunning
          ? t('sync.state.running')
          : t('sync.state.stopped');
  const rows: [string, string][] = [
    [t('sync.status'), state],
    [t('sync.lastPush'), format.dateTime(status.lastPushAt)],
    [t('sync.lastPull'), format.dateTime(status.lastPullAt)],
    [t('sync.queue'), String(status.pending)],
    [t('sync.retrying'), String(status.retrying)],
    [t('sync.deadCount'), String(status.dead)],
    [t('sync.parkedCount'), String(status.parked)],
    [t('sync.flagsCount'), String(status.openFlags)],
  ];
  if (status.lastError) rows.push([t('sync.lastError'), saidIn(status.lastError, i18n.language)]);
  return (
    <section className="panel" aria-labelledby="sync-status">
      <h2 id="sync-status">{t('sync.status')}</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div className="fact" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        {status.paused ? (
          <button type="button" onClick={() => void act(() => api['sync.resume']({}), t('sync.resumedMsg'))}>
            {t('sync.resume')}
          </button>
        ) : (
          <button type="button" onClick={() => void act(() => api['sync.pause']({}), t('sync.pausedMsg'))}>
            {t('sync.pause')}
          </button>
        )}
      </div>
    </section>
  );
}

type ConnectionValues = z.input<typeof configureSyncInput>;

function ConnectionForm({ settings, onSaved }: { settings: SyncSettings; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [test, setTest] = useState<SyncTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    resetField,
    watch,
    formState: { errors, isSubmitting },
  } = useDepotForm<ConnectionValues, unknown, z.output<typeof configureSyncInput>>({
    resolver: zodResolver(configureSyncInput),
    defaultValues: { url: settings.url ?? '', token: '' },
  });

  // The token goes only to the origin it was entered for: another origin needs it entered again.
  const bound = settings.tokenSet ? settings.tokenOrigin : null;
  const typedOrigin = originOrNull(watch('url'));
  const tokenAgain = bound !== null && typedOrigin !== null && typedOrigin !== bound;
  const missingToken = (token: string | undefined) => {
    if (!tokenAgain || token) return false;
    setError('token', { type: 'required', message: zodMessage(portalSyncMessages.tokenForNewAddress({ origin: bound ?? '' })) }, { shouldFocus: true });
    return true;
  };

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    if (missingToken(input.token)) return;
    const result = await api['sync.configure']({ url: input.url, ...(input.token ? { token: input.token } : {}) });
    if (result.ok) {
      resetField('token');
      announce(t('sync.saved'));
      onSaved();
    } else {
      setAlert(applyServerError(result.error, setError, ['url', 'token'], t));
    }
  });

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    const { url, token } = getValues();
    if (missingToken(token)) {
      setTesting(false);
      return;
    }
    const result = await api['sync.test']({ ...(url ? { url } : {}), ...(token ? { token } : {}) });
    setTesting(false);
    if (result.ok) {
      setTest(result.value);
      announce(saidIn(result.value.message, i18n.language));
    } else {
      setAlert(applyServerError(result.error, setError, ['url', 'token'], t));
    }
  };

  const tokenNote = settings.tokenProblem
    ? settings.tokenProblemReason
      ? wordReason(settings.tokenProblemReason, settings.tokenProblem, i18n.language)
      : settings.tokenProblem
    : settings.tokenSource === 'env'
      ? t('sync.tokenFromEnv')
      : settings.tokenSource === 'file'
        ? t('sync.tokenFromFile')
        : settings.tokenSet
          ? t('sync.tokenSet')
          : t('sync.tokenMissing');

  return (
    <section className="panel" aria-labelledby="sync-connection">
      <h2 id="sync-connection">{t('sync.connection')}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert message={alert} />
        <Field label={t('sync.url')} error={errors.url?.message} hint={settings.urlFixed ? t('sync.urlFixed') : t('sync.urlHint')}>
          {(a11y) => <input {...a11y} type="url" autoComplete="off" readOnly={settings.urlFixed} {...register('url')} />}
        </Field>
        {settings.tokenWritable || tokenAgain ? (
          <Field
            label={t('sync.token')}
            error={errors.token?.message}
            hint={tokenAgain ? t(settings.tokenWritable ? 'sync.tokenAgain' : 'sync.tokenConfirm') : t('sync.tokenHint')}
            optional={!tokenAgain}
          >
            {(a11y) => <input {...a11y} type="password" autoComplete="off" aria-required={tokenAgain} {...register('token')} />}
          </Field>
        ) : null}
        <p className="hint">
          {tokenNote}
          {settings.tokenWritable ? null : ` ${t('sync.tokenReadOnly')}`}
        </p>
        {test ? (
          <p role="status" className={test.ok ? 'ok' : 'error'}>
            {saidIn(test.message, i18n.language)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={isSubmitting}>
            {t('sync.save')}
          </button>
          <button type="button" onClick={() => void runTest()} disabled={testing}>
            {testing ? t('sync.testing') : t('sync.test')}
          </button>
        </div>
      </form>
    </section>
  );
}

function originOrNull(url: string): string | null {
  try {
    return originOf(url.trim());
  } catch {
    return null;
  }
}

function DeadLetters({ letters, act }: { letters: DeadLetterInfo[]; act: Act }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="sync-dead">
      <h2 id="sync-dead">{t('sync.deadTitle')}</h2>
      <p className="hint">{t('sync.deadIntro')}</p>
      {letters.length === 0 ? (
        <p>{t('sync.deadNone')}</p>
      ) : (
        <table aria-labelledby="sync-dead">
          <thead>
            <tr>
              <th scope="col">{t('sync.rma')}</th>
              <th scope="col">{t('sync.kind')}</th>
              <th scope="col">{t('sync.error')}</th>
              <th scope="col">{t('sync.attempts')}</th>
              <th scope="col">{t('sync.held')}</th>
              <th scope="col">{t('sync.created')}</th>
              <th scope="col">{t('sync.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {letters.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">
                  <a href={href({ screen: 'case', rma: d.rma })}>{d.rma}</a>
                </td>
                <td title={d.body}>{d.seq ? `${d.kind} #${d.seq}` : d.kind}</td>
                <td>{d.lastError ? saidIn(d.lastError, i18n.language) : null}</td>
                <td>{d.attempts}</td>
                <td>{d.heldBehind}</td>
                <td>{format.dateTime(d.createdAt)}</td>
                <td>
                  <button type="button" aria-label={`${t('sync.requeue')} ${d.rma}`} onClick={() => void act(() => api['sync.requeue']({ id: d.id }), t('sync.requeued'))}>
                    {t('sync.requeue')}
                  </button>{' '}
                  <button type="button" aria-label={`${t('sync.discard')} ${d.rma}`} onClick={() => void act(() => api['sync.discard']({ id: d.id }), t('sync.discarded'))}>
                    {t('sync.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Parked({ events, act }: { events: ParkedEventInfo[]; act: Act }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="sync-parked">
      <h2 id="sync-parked">{t('sync.parkedTitle')}</h2>
      <p className="hint">{t('sync.parkedIntro')}</p>
      {events.length === 0 ? (
        <p>{t('sync.parkedNone')}</p>
      ) : (
        <table aria-labelledby="sync-parked">
          <thead>
            <tr>
              <th scope="col">{t('sync.rma')}</th>
              <th scope="col">{t('sync.type')}</th>
              <th scope="col">{t('sync.reason')}</th>
              <th scope="col">{t('sync.created')}</th>
              <th scope="col">{t('sync.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{e.rma}</td>
                <td>{e.type}</td>
                <td>{saidIn(e.reason, i18n.language)}</td>
                <td>{format.dateTime(e.createdAt)}</td>
                <td>
                  <button type="button" aria-label={`${t('sync.dismiss')} ${e.type} ${e.rma}`} onClick={() => void act(() => api['sync.dismissParked']({ id: e.id }), t('sync.dismissed'))}>
                    {t('sync.dismiss')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Flags({ flags, act }: { flags: CaseFlagInfo[]; act: Act }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="sync-flags">
      <h2 id="sync-flags">{t('sync.flagsTitle')}</h2>
      {flags.length === 0 ? (
        <p>{t('sync.flagsNone')}</p>
      ) : (
        <table aria-labelledby="sync-flags">
          <thead>
            <tr>
              <th scope="col">{t('sync.rma')}</th>
              <th scope="col">{t('sync.flag')}</th>
              <th scope="col">{t('sync.created')}</th>
              <th scope="col">{t('sync.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr key={f.id}>
                <td className="nowrap">
                  <a href={href({ screen: 'case', rma: f.rma })}>{f.rma}</a>
                </td>
                <td>{saidIn(f.message, i18n.language)}</td>
                <td>{format.dateTime(f.createdAt)}</td>
                <td>
                  <button type="button" aria-label={`${t('sync.resolve')} ${f.rma}`} onClick={() => void act(() => api['sync.resolveFlag']({ id: f.id }), t('sync.resolved'))}>
                    {t('sync.resolve')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
