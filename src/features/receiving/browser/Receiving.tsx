import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { scanInput, type ExpectedUnit, type ReceiveOutcome } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { statusLabel } from '../../cases/browser/index.ts';
import { ReceiveForm } from './ReceivingForm.tsx';
import { RecentReceipts, receiptsOf, rememberReceipt, seedReceipts } from './ReceivingRecent.tsx';
import { UnmatchedForm, useShelf, useShelfSummary } from './Unmatched.tsx';

type Stage =
  | { kind: 'scan' }
  | { kind: 'choose'; units: ExpectedUnit[] }
  | { kind: 'notExpecting'; unit: ExpectedUnit }
  | { kind: 'unknown'; code: string; logging: boolean }
  | { kind: 'receive'; unit: ExpectedUnit };

interface LastReceived {
  unit: ExpectedUnit;
  outcome: ReceiveOutcome;
}

type ScanForm = z.input<typeof scanInput>;

/** The dock: scan a parcel, check the unit's serial, note its condition, receive; then the next parcel. */
export function Receiving({ rma }: { rma?: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { user } = useSigned();
  const [stage, setStage] = useState<Stage>({ kind: 'scan' });
  const [alert, setAlert] = useState<string | null>(null);
  const [last, setLast] = useState<LastReceived | null>(null);
  const [receipts, setReceipts] = useState(() => receiptsOf(user.id));
  useEffect(() => {
    let current = true;
    void api['receiving.recent']({}).then((result) => {
      if (current && result.ok) setReceipts(seedReceipts(user.id, result.value));
    });
    return () => {
      current = false;
    };
  }, [user.id]);
  const { parcels, reload: reloadShelf } = useShelf();
  const shelfSummary = useShelfSummary(parcels, 'receiving.unmatched', 'receiving.unmatchedOldest');
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors },
  } = useForm<ScanForm, unknown, z.output<typeof scanInput>>({
    resolver: zodResolver(scanInput),
    defaultValues: { code: '' },
  });

  const lookUp = useCallback(
    async (code: string) => {
      setAlert(null);
      const result = await api['receiving.scan']({ code });
      if (!result.ok) {
        setAlert(applyServerError(result.error, setError, ['code'], t));
        return;
      }
      const found = result.value;
      if (found.kind === 'case') setStage({ kind: 'receive', unit: found.unit });
      else if (found.kind === 'choose') setStage({ kind: 'choose', units: found.units });
      else if (found.kind === 'not_expecting') setStage({ kind: 'notExpecting', unit: found.unit });
      else setStage({ kind: 'unknown', code: found.code, logging: false });
    },
    [setError, t],
  );

  // Opened for one case (a walk-in just created, a parcel just linked): as if its RMA was scanned.
  useEffect(() => {
    if (rma) void lookUp(rma);
  }, [rma, lookUp]);

  // Back at the scan stage, the scanner's next code goes straight into the scan field.
  useEffect(() => {
    if (stage.kind === 'scan') setFocus('code');
  }, [stage, setFocus]);

  const backToScan = () => {
    setStage({ kind: 'scan' });
    if (rma) window.location.replace(href({ screen: 'receiving' }));
  };

  const scanned = handleSubmit(async ({ code }) => {
    reset({ code: '' });
    await lookUp(code);
  });

  const received = (unit: ExpectedUnit, outcome: ReceiveOutcome, serial: string) => {
    setLast({ unit, outcome });
    setReceipts(
      rememberReceipt(user.id, {
        rma: unit.rma,
        version: outcome.version,
        customerName: unit.customerName,
        model: unit.model,
        serial,
        at: new Date().toISOString(),
        undone: false,
      }),
    );
    announce(t('receiving.received', { rma: unit.rma }));
    backToScan();
  };

  return (
    <main className="receiving" aria-labelledby="receiving-title">
      <div className="screen-head">
        <h1 id="receiving-title">{t('receiving.title')}</h1>
        <p className="intro">{t('receiving.intro')}</p>
        <div className="head-links">
          <a className="button" href={href({ screen: 'unmatched' })}>
            {shelfSummary ?? t('unmatched.title')}
          </a>
          <a className="button" href={href({ screen: 'walkIn' })}>
            {t('receiving.walkIn')}
          </a>
        </div>
      </div>
      <form className="scan-form panel" onSubmit={scanned} noValidate>
        <Field label={t('receiving.scan')} error={errors.code?.message} hint={t('receiving.scanHint')}>
          {(p) => (
            <input
              {...p}
              {...register('code')}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              className="mono scan-input"
            />
          )}
        </Field>
      </form>
      <FormAlert message={alert} />
      {last && stage.kind === 'scan' ? (
        <div className="notice last-received">
          <strong>{t('receiving.received', { rma: last.unit.rma })}</strong> {last.unit.customerName} ·{' '}
          {last.unit.model ?? t('common.none')}
          <div className={last.outcome.tag.printed ? 'muted' : 'tag-warning'}>{last.outcome.tag.message}</div>
        </div>
      ) : null}
      {stage.kind === 'choose' ? (
        <section className="panel" aria-labelledby="choose-title">
          <h2 id="choose-title">{t('receiving.choose')}</h2>
          <ul className="pick-list" aria-label={t('receiving.chooseLabel')}>
            {stage.units.map((u) => (
              <li key={u.rma}>
                <button type="button" onClick={() => setStage({ kind: 'receive', unit: u })}>
                  {t('receiving.pick', { rma: u.rma })}
                </button>
                <span>{u.customerName}</span>
                <span>{u.model ?? t('common.none')}</span>
                <span className="mono">{u.serial}</span>
                <span className={`badge badge-${u.status}`}>{statusLabel(u.status, t)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {stage.kind === 'notExpecting' ? (
        <div className="warning" role="alert">
          <strong>{t('receiving.notExpecting', { rma: stage.unit.rma, status: statusLabel(stage.unit.status, t) })}</strong>{' '}
          <a href={href({ screen: 'case', rma: stage.unit.rma })}>{t('receiving.openCase', { rma: stage.unit.rma })}</a>
        </div>
      ) : null}
      {stage.kind === 'unknown' ? (
        <section className="panel">
          <div className="warning" role="alert">
            {t('receiving.unknown', { code: stage.code })}{' '}
            {stage.logging ? null : (
              <button type="button" onClick={() => setStage({ ...stage, logging: true })}>
                {t('receiving.logUnmatched')}
              </button>
            )}
          </div>
          {stage.logging ? (
            <UnmatchedForm
              tracking={stage.code}
              onCancel={backToScan}
              onLogged={(_parcel, refused) => {
                setAlert(refused.length > 0 ? refused.join(' · ') : null);
                void reloadShelf();
                backToScan();
              }}
            />
          ) : null}
        </section>
      ) : null}
      {stage.kind === 'receive' ? (
        <ReceiveForm
          key={stage.unit.rma}
          unit={stage.unit}
          onReceived={(outcome, serial) => received(stage.unit, outcome, serial)}
          onSetAside={backToScan}
        />
      ) : null}
      <RecentReceipts userId={user.id} receipts={receipts} onChange={setReceipts} />
    </main>
  );
}
