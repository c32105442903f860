import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { scanInput, type ExpectedUnit, type ReceiveOutcome, type ShelfParcel } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { DocumentButton } from '../../shipping/browser/index.ts';
import { ReceiveForm } from './ReceivingForm.tsx';
import { ReturnBox } from './ReturnBox.tsx';
import type { CustomerReturn } from '../common/receiving.ts';
import { RecentReceipts, useRecentReceipts } from './ReceivingRecent.tsx';
import { ShelfWhere, UnmatchedForm, shelfReasonText, useShelf, useShelfSummary } from './Unmatched.tsx';
import { useDepotForm } from '../../../base/browser/form.ts';
import { mark, markPainted } from '../../../base/browser/timing.ts';

/** What the dock shows after a scan. A scan that cannot end in a receipt has already put its parcel on the shelf. */
type Stage =
  | { kind: 'scan' }
  | { kind: 'choose'; units: ExpectedUnit[]; code: string; shelved: ShelfParcel | null }
  | { kind: 'receive'; unit: ExpectedUnit; code: string; shelved: ShelfParcel | null }
  /**
   * On the shelf: to identify (no unit), or for a case not expecting it. `logged`: this scan put it
   * there. No parcel: the dock opened a case that is not expecting one.
   */
  | { kind: 'shelved'; parcel: ShelfParcel | null; logged: boolean; unit: ExpectedUnit | null; editing: boolean }
  /** The box of a return of many units: one scan per unit's serial. */
  | { kind: 'box'; ret: CustomerReturn };

type Notice = { kind: 'received'; unit: ExpectedUnit; outcome: ReceiveOutcome } | { kind: 'said'; text: string };

type ScanForm = z.input<typeof scanInput>;

/** The dock: scan a parcel, check the unit's serial, note its condition, receive; then the next parcel. */
export function Receiving({ rma }: { rma?: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [stage, setStage] = useState<Stage>({ kind: 'scan' });
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const { receipts, reload: reloadReceipts } = useRecentReceipts();
  const { parcels, reload: reloadShelf } = useShelf();
  const shelfSummary = useShelfSummary(parcels, 'receiving.unmatched', 'receiving.unmatchedOldest');
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    formState: { errors },
  } = useDepotForm<ScanForm, unknown, z.output<typeof scanInput>>({
    resolver: zodResolver(scanInput),
    // A scan is judged at its Enter, never keystroke by keystroke while the scanner types.
    reValidateMode: 'onSubmit',
    defaultValues: { code: '' },
  });
  // Asked for after a dialog or a panel closes; focused once the render that closed it is done.
  const [focusAsked, setFocusAsked] = useState(0);
  const focusScan = useCallback(() => setFocusAsked((n) => n + 1), []);

  const lookUp = useCallback(
    async (code: string, opening = false) => {
      const result = await api['receiving.scan']({ code, opening });
      setAlert(null);
      setNotice(null);
      if (!result.ok) {
        setStage({ kind: 'scan' });
        const general = applyServerError(result.error, setError, ['code'], t);
        // A code that is not one is said at the scan field; only what concerns no field goes above.
        setAlert(result.error.fields?.code ? null : general);
        return;
      }
      const found = result.value;
      if (found.kind === 'case') setStage({ kind: 'receive', unit: found.unit, code, shelved: found.shelved });
      else if (found.kind === 'return') setStage({ kind: 'box', ret: found.ret });
      else if (found.kind === 'choose') setStage({ kind: 'choose', units: found.units, code, shelved: found.shelved });
      else {
        const unit = found.kind === 'not_expecting' ? found.unit : null;
        setStage({ kind: 'shelved', parcel: found.parcel, logged: found.logged, unit, editing: false });
        if (found.logged) void reloadShelf();
      }
    },
    [setError, t, reloadShelf],
  );

  // Opened for one case (a walk-in just created, a parcel just linked): as if its RMA was scanned.
  useEffect(() => {
    if (rma) void lookUp(rma, true);
  }, [rma, lookUp]);

  // Back at the scan stage, or with a parcel just put on the shelf, the scanner's next code goes straight into the scan field.
  useEffect(() => {
    if (stage.kind === 'scan' || (stage.kind === 'shelved' && !stage.editing)) setFocus('code');
  }, [stage, setFocus]);

  useEffect(() => {
    if (focusAsked > 0) setFocus('code');
  }, [focusAsked, setFocus]);

  // Keys typed while nothing has focus (a button that went away, a closed dialog) go to the scan field, not nowhere.
  useEffect(() => {
    const strayKey = (event: KeyboardEvent) => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
      setFocus('code');
    };
    window.addEventListener('keydown', strayKey, true);
    return () => window.removeEventListener('keydown', strayKey, true);
  }, [setFocus]);

  const backToScan = () => {
    setStage({ kind: 'scan' });
    focusScan();
    if (rma) window.location.replace(href({ screen: 'receiving' }));
  };

  const submitScan = handleSubmit(async ({ code }) => {
    // Emptied in place, and the last notice cleared with the answer: the dock is drawn once per
    // scan, when its answer is in, not also while the scan is on its way.
    setValue('code', '');
    await lookUp(code);
  });

  const scanned = (event: FormEvent<HTMLFormElement>) => {
    mark('receiving.scanSubmitted');
    return submitScan(event);
  };

  useEffect(() => {
    if (notice?.kind === 'received') markPainted('receiving.receivedShown');
  }, [notice]);

  const received = (unit: ExpectedUnit, outcome: ReceiveOutcome, fromShelf: boolean) => {
    setNotice({ kind: 'received', unit, outcome });
    announce(t('receiving.received', { rma: unit.rma }));
    void reloadReceipts();
    // Only a parcel that was on the shelf changes the shelf by being received.
    if (fromShelf) void reloadShelf();
    backToScan();
  };

  const setAside = (unit: ExpectedUnit, parcel: ShelfParcel) => {
    setNotice({ kind: 'said', text: t('receiving.setAsideDone', { tracking: parcel.tracking, rma: unit.rma }) });
    void reloadShelf();
    backToScan();
  };

  const discard = async (parcel: ShelfParcel) => {
    const result = await api['parcels.discard']({ parcelId: parcel.id });
    if (!result.ok) {
      setAlert(errorMessage(result.error, t));
      focusScan();
      return;
    }
    const text = t('receiving.discarded', { tracking: parcel.tracking });
    setNotice({ kind: 'said', text });
    announce(text);
    void reloadShelf();
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
          <a className="button" href={href({ screen: 'returns' })}>
            {t('returns.title')}
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
      {notice && stage.kind === 'scan' ? (
        notice.kind === 'received' ? (
          <div className="notice last-received">
            <strong>{t('receiving.received', { rma: notice.unit.rma })}</strong> {notice.unit.customerName} ·{' '}
            {notice.unit.model ?? t('common.none')}
            <div className={notice.outcome.tag.printed ? 'muted' : 'tag-warning'}>{notice.outcome.tag.said ? wordReason(notice.outcome.tag.said, notice.outcome.tag.message, i18n.language) : notice.outcome.tag.message}
            </div>
            <DocumentButton rma={notice.unit.rma} kind="intake_receipt" onOpened={focusScan} />
          </div>
        ) : (
          <div className="notice">{notice.text}</div>
        )
      ) : null}
      {stage.kind === 'choose' ? (
        <section className="panel" aria-labelledby="choose-title">
          <h2 id="choose-title">{t('receiving.choose')}</h2>
          <ul className="pick-list" aria-label={t('receiving.chooseLabel')}>
            {stage.units.map((u) => (
              <li key={u.rma}>
                <button type="button" onClick={() => setStage({ kind: 'receive', unit: u, code: stage.code, shelved: stage.shelved })}>
                  {t('receiving.pick', { rma: u.rma })}
                </button>
                <span>{u.customerName}</span>
                <span>{u.model ?? t('common.none')}</span>
                <span className="mono">{u.serial}</span>
                <span className={`badge badge-${u.status}`}>{t(`status.${u.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {stage.kind === 'shelved' ? (
        <ShelvedPanel
          stage={stage}
          onEdit={() => setStage({ ...stage, editing: true })}
          onDiscard={(parcel) => void discard(parcel)}
          onSaved={(parcel, refused) => {
            setAlert(refused.length > 0 ? refused.join(' · ') : null);
            setNotice({ kind: 'said', text: t('receiving.detailsSaved', { tracking: parcel.tracking }) });
            void reloadShelf();
            backToScan();
          }}
          onCancel={() => {
            setStage({ ...stage, editing: false });
            focusScan();
          }}
        />
      ) : null}
      {stage.kind === 'box' ? (
        <ReturnBox
          key={stage.ret.number}
          initial={stage.ret}
          onClose={() => {
            void reloadReceipts();
            backToScan();
          }}
        />
      ) : null}
      {stage.kind === 'receive' ? (
        <ReceiveForm
          key={stage.unit.rma}
          unit={stage.unit}
          code={stage.code}
          shelved={stage.shelved}
          onReceived={(outcome) => received(stage.unit, outcome, stage.shelved !== null)}
          onSetAside={(parcel) => setAside(stage.unit, parcel)}
        />
      ) : null}
      <RecentReceipts receipts={receipts} onChanged={reloadReceipts} onDialogClosed={focusScan} />
    </main>
  );
}

interface ShelvedProps {
  stage: Extract<Stage, { kind: 'shelved' }>;
  onEdit: () => void;
  onDiscard: (parcel: ShelfParcel) => void;
  onSaved: (parcel: ShelfParcel, refusedPhotos: string[]) => void;
  onCancel: () => void;
}

/**
 * A parcel that could not be received, as the dock left it on the shelf: to identify, or for a case
 * not expecting it with the likely reason; or, on a rescan, where it already is and since when.
 */
function ShelvedPanel({ stage, onEdit, onDiscard, onSaved, onCancel }: ShelvedProps) {
  const { t } = useTranslation();
  const { parcel, unit, logged } = stage;
  return (
    <section className="panel shelved">
      <div className="warning" role="alert">
        {unit ? (
          <p>
            <strong>{t('receiving.notExpecting', { rma: unit.rma, status: t(`status.${unit.status}`) })}</strong>{' '}
            <a href={href({ screen: 'case', rma: unit.rma })}>{t('receiving.openCase', { rma: unit.rma })}</a>
          </p>
        ) : null}
        {!parcel ? null : logged ? (
          <p>
            {unit
              ? t('receiving.shelvedForCase', { rma: unit.rma, reason: t(`unmatched.reason.${parcel.reason}`) })
              : t('receiving.unknown', { code: parcel.tracking })}
          </p>
        ) : (
          <p>
            <strong>{t('receiving.alreadyOnShelf', { tracking: parcel.tracking })}</strong> <ShelfWhere parcel={parcel} />{' '}
            <span className="muted">{shelfReasonText(parcel, t)}</span>
          </p>
        )}
        {!parcel || stage.editing ? null : (
          <div className="actions">
            <button type="button" onClick={onEdit}>
              {unit && logged ? t('receiving.changeReason') : t('receiving.addDetails')}
            </button>
            {parcel.canDiscard ? (
              <button type="button" onClick={() => onDiscard(parcel)}>
                {t('receiving.discard')}
              </button>
            ) : null}
            {logged ? null : (
              <a className="button" href={href({ screen: 'unmatched' })}>
                {t('receiving.openShelf')}
              </a>
            )}
          </div>
        )}
      </div>
      {parcel && stage.editing ? <UnmatchedForm parcel={parcel} onCancel={onCancel} onLogged={onSaved} /> : null}
    </section>
  );
}
