import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { undoReceiveInput, type RecentReceipt } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';

/** A unit this user received lately; the server keeps the list, this window shows it at once. */
export type Receipt = RecentReceipt;

const KEEP = 8;
/** Per signed-in user: the list as last seen, so returning to the dock shows it before the server answers. */
const byUser = new Map<number, Receipt[]>();

export const receiptsOf = (userId: number): Receipt[] => byUser.get(userId) ?? [];

/** The server's list replaces what this window remembered (a receipt may have been undone elsewhere). */
export function seedReceipts(userId: number, receipts: Receipt[]): Receipt[] {
  byUser.set(userId, receipts.slice(0, KEEP));
  return receiptsOf(userId);
}

export function rememberReceipt(userId: number, receipt: Receipt): Receipt[] {
  const list = [receipt, ...receiptsOf(userId).filter((r) => r.rma !== receipt.rma)].slice(0, KEEP);
  byUser.set(userId, list);
  return list;
}

function markUndone(userId: number, rma: string): Receipt[] {
  const list = receiptsOf(userId).map((r) => (r.rma === rma ? { ...r, undone: true } : r));
  byUser.set(userId, list);
  return list;
}

interface Props {
  userId: number;
  receipts: Receipt[];
  onChange: (receipts: Receipt[]) => void;
}

/** The last units received here, each with Undo while it can still be undone. */
export function RecentReceipts({ userId, receipts, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [undoing, setUndoing] = useState<Receipt | null>(null);
  if (receipts.length === 0) return null;
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
            <tr key={r.rma} className={r.undone ? 'undone' : undefined}>
              <td className="mono">{r.rma}</td>
              <td>{r.customerName}</td>
              <td>{r.model ?? t('common.none')}</td>
              <td className="mono">{r.serial}</td>
              <td className="nowrap">{format.dateTime(r.at)}</td>
              <td>
                {r.undone ? (
                  <span className="muted">{t('receiving.undoneMark')}</span>
                ) : (
                  <button type="button" aria-label={`${t('receiving.undo')} ${r.rma}`} onClick={() => setUndoing(r)}>
                    {t('receiving.undo')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {undoing ? (
        <UndoDialog
          receipt={undoing}
          onClose={() => setUndoing(null)}
          onUndone={() => {
            setUndoing(null);
            onChange(markUndone(userId, undoing.rma));
          }}
        />
      ) : null}
    </section>
  );
}

type UndoForm = z.input<typeof undoReceiveInput>;

function UndoDialog({ receipt, onClose, onUndone }: { receipt: Receipt; onClose: () => void; onUndone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UndoForm, unknown, z.output<typeof undoReceiveInput>>({
    resolver: zodResolver(undoReceiveInput),
    defaultValues: { rma: receipt.rma, version: receipt.version, reason: '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['receiving.undo'](input);
    if (result.ok) {
      announce(t('receiving.undone', { rma: receipt.rma }));
      onUndone();
    } else if (result.error.code === 'forbidden') {
      setAlert(t('receiving.undoLate'));
    } else if (result.error.code === 'conflict') {
      setAlert(t('receiving.conflict', { rma: receipt.rma }));
    } else {
      setAlert(applyServerError(result.error, setError, ['reason'], t));
    }
  });

  return (
    <Modal titleId="undo-title" onClose={onClose}>
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
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
