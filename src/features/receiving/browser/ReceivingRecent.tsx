import { zodResolver } from '@hookform/resolvers/zod';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { undoReceiveInput, type RecentReceipt } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { useRefetchOnCaseChange } from '../../../base/browser/live.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { useDepotForm } from '../../../base/browser/form.ts';

/** The caller's recent receipts as the server has them (a receipt may be undone or shipped elsewhere); reload() after a change. */
export function useRecentReceipts() {
  const [receipts, setReceipts] = useState<RecentReceipt[]>([]);
  const reload = useCallback(async () => {
    const result = await api['receiving.recent']({});
    if (result.ok) setReceipts(result.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  // A receipt undone or a case moved on at another station shows here without a reload. A change
  // already shown (this desk's own receipt, read back at once) is no reason to read the list again.
  const shown = useRef(receipts);
  shown.current = receipts;
  useRefetchOnCaseChange(
    () => void reload(),
    (change) => change.kind !== 'moved' && !shown.current.some((r) => r.rma === change.rma && r.version >= change.version),
  );
  return { receipts, reload };
}

/** Undo is offered while the server said it is possible and the author's 15 minutes have not run out here. */
const undoable = (r: RecentReceipt, now: number) => r.canUndo && (r.undoUntil === null || now < Date.parse(r.undoUntil));

interface Props {
  receipts: RecentReceipt[];
  /** A receipt was undone, or the server refused: the list is read again. */
  onChanged: () => void;
  /** The undo dialog closed: the dock puts focus back in its scan field. */
  onDialogClosed: () => void;
}

/**
 * The last units received here, one row per receipt, each with Undo while it can still be undone.
 * Drawn again only when its receipts change, not with every scan at the dock above it.
 */
export const RecentReceipts = memo(function RecentReceipts({ receipts, onChanged, onDialogClosed }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [undoing, setUndoing] = useState<RecentReceipt | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  if (receipts.length === 0) return null;
  const close = (changed: boolean) => {
    setUndoing(null);
    if (changed) onChanged();
    onDialogClosed();
  };
  return (
    <section className="panel" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('receiving.recent')}</h2>
      <table className="recent">
        <thead>
          <tr>
            <th scope="col">{t('receiving.rma')}</th>
            <th scope="col">{t('receiving.customer')}</th>
            <th scope="col">{t('cases.model')}</th>
            <th scope="col">{t('cases.serial')}</th>
            <th scope="col">{t('receiving.when')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('unmatched.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((r) => (
            <tr key={r.id} className={r.undone ? 'undone' : undefined}>
              <td className="mono">{r.rma}</td>
              <td>{r.customerName}</td>
              <td>{r.model ?? t('common.none')}</td>
              <td className="mono">{r.serial}</td>
              <td className="nowrap">{format.dateTime(r.at)}</td>
              <td>
                {r.undone ? (
                  <span className="muted">{t('receiving.undoneMark')}</span>
                ) : undoable(r, now) ? (
                  <button type="button" aria-label={`${t('receiving.undo')} ${r.rma}`} onClick={() => setUndoing(r)}>
                    {t('receiving.undo')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {undoing ? <UndoDialog receipt={undoing} onClose={close} /> : null}
    </section>
  );
});

type UndoForm = z.input<typeof undoReceiveInput>;

/** onClose(true): the receipt was undone, or can no longer be, so the list should be read again. */
function UndoDialog({ receipt, onClose }: { receipt: RecentReceipt; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<UndoForm, unknown, z.output<typeof undoReceiveInput>>({
    resolver: zodResolver(undoReceiveInput),
    defaultValues: { rma: receipt.rma, version: receipt.version, reason: '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['receiving.undo'](input);
    if (result.ok) {
      announce(t('receiving.undone', { rma: receipt.rma }));
      onClose(true);
      return;
    }
    setStale(true);
    if (result.error.code === 'forbidden') setAlert(t('receiving.undoLate'));
    else if (result.error.code === 'conflict') setAlert(t('receiving.conflict', { rma: receipt.rma }));
    else setAlert(applyServerError(result.error, setError, ['reason'], t));
  });

  return (
    <Modal titleId="undo-title" onClose={() => onClose(stale)}>
      <form onSubmit={submit} noValidate>
        <h2 id="undo-title">{t('receiving.undoTitle', { rma: receipt.rma })}</h2>
        <FormAlert message={alert} />
        <Field label={t('field.reason')} error={errors.reason?.message}>
          {(p) => <input {...p} {...register('reason')} autoFocus autoComplete="off" />}
        </Field>
        <div className="actions">
          <button type="submit" className="danger" disabled={isSubmitting}>
            {t('transition.submit')}
          </button>
          <button type="button" onClick={() => onClose(stale)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
