import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../../base/browser/api.ts';
import { typedNumber } from '../../../base/browser/numbers.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { errorMessage, saidIn } from '../../../base/browser/messages.ts';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { backupSettingsSchema, type BackupSettings, type BackupStatus } from '../common/contract.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type SettingsForm = z.input<typeof backupSettingsSchema>;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

const formOf = (settings: BackupSettings): SettingsForm => ({ ...settings, folder: settings.folder ?? '' });

/** The admin's backups on the Settings screen: the last one, a warning when it is old, the schedule, and "Back up now". */
export function BackupSection() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const format = useFormat();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const wasRunning = useRef(false);

  const reload = useCallback(async () => {
    const result = await api['backup.status']({});
    if (result.ok) setStatus(result.value);
    else setAlert(errorMessage(result.error, t));
  }, [t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // While a backup runs, its progress is read twice a second; when it ends, its outcome is said.
  const running = status?.running ?? null;
  useEffect(() => {
    if (!running) {
      if (wasRunning.current && status) {
        wasRunning.current = false;
        if (status.lastError) setAlert(t('backup.lastError', { reason: saidIn(status.lastError.said, i18n.language) }));
        else if (status.last) announce(t('backup.done', { file: status.last.file }));
      }
      return;
    }
    wasRunning.current = true;
    const timer = setTimeout(() => void reload(), 500);
    return () => clearTimeout(timer);
  }, [running, status, reload, announce, t, i18n.language]);

  const backUpNow = async () => {
    setAlert(null);
    const result = await api['backup.run']({});
    if (result.ok) setStatus(result.value);
    else setAlert(errorMessage(result.error, t));
  };

  if (!status) return <FormAlert message={alert} />;
  const percent = running?.fraction === null || running?.fraction === undefined ? null : Math.round(running.fraction * 100);
  const facts: [string, string][] = [
    [t('backup.last'), status.last ? t('backup.lastFile', { time: format.dateTime(status.last.takenAt), file: status.last.file, size: size(status.last.bytes) }) : t('backup.none')],
    [t('backup.kept'), String(status.kept)],
    [t('backup.next'), status.nextAt ? format.dateTime(status.nextAt) : t('backup.notScheduled')],
    [t('backup.folderNow'), status.folder],
  ];

  return (
    <section className="panel" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <FormAlert message={alert} />
      {status.overdue && !running ? (
        <p className="warning" role="status">
          {status.last ? t('backup.overdue', { hours: status.settings.everyHours }) : t('backup.noneYet')}
        </p>
      ) : null}
      {status.lastError && !running ? (
        <p className="warning">{t('backup.lastError', { reason: saidIn(status.lastError.said, i18n.language) })}</p>
      ) : null}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div className="fact" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void backUpNow()} disabled={Boolean(running)}>
          {t('backup.now')}
        </button>
      </div>
      {running ? (
        <div role="status" className="backup-progress">
          <progress aria-label={t('backup.progress')} max={1} {...(running.fraction === null ? {} : { value: running.fraction })} />{' '}
          {running.phase === 'checking' ? t('backup.checking') : percent === null ? t('backup.copyingUnknown') : t('backup.copying', { percent })}
        </div>
      ) : null}
      <BackupSettingsForm status={status} onSaved={setStatus} />
      <p className="hint">{t('backup.restoreHint')}</p>
    </section>
  );
}

function BackupSettingsForm({ status, onSaved }: { status: BackupStatus; onSaved: (status: BackupStatus) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<SettingsForm, unknown, BackupSettings>({ resolver: zodResolver(backupSettingsSchema), defaultValues: formOf(status.settings) });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['backup.configure'](input);
    if (result.ok) {
      onSaved(result.value);
      reset(formOf(result.value.settings));
      announce(t('backup.saved'));
    } else {
      setAlert(applyServerError(result.error, setError, ['automatic', 'everyHours', 'keep', 'folder'], t));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-backup-schedule">
      <h3 id="settings-backup-schedule">{t('backup.schedule')}</h3>
      <FormAlert message={alert} />
      <fieldset className="grid">
        <label className="check span-2">
          <input type="checkbox" {...register('automatic')} />
          {t('backup.automatic')}
        </label>
        <Field label={t('backup.everyHours')} error={errors.everyHours?.message}>
          {(p) => <input {...p} {...register('everyHours', { setValueAs: typedNumber })} type="number" inputMode="numeric" min={1} max={720} />}
        </Field>
        <Field label={t('backup.keep')} error={errors.keep?.message}>
          {(p) => <input {...p} {...register('keep', { setValueAs: typedNumber })} type="number" inputMode="numeric" min={1} max={100} />}
        </Field>
        <Field label={t('backup.folder')} error={errors.folder?.message} hint={t('backup.folderHint', { folder: status.defaultFolder })} optional className="span-2">
          {(p) => <input {...p} {...register('folder')} autoComplete="off" spellCheck={false} />}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={isSubmitting}>
          {t('backup.save')}
        </button>
      </div>
    </form>
  );
}
