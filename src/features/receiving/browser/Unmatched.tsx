import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  caseShelfReasons,
  linkParcelInput,
  unmatchedParcelInput,
  type CaseShelfReason,
  type ShelfParcel,
  type ShelfReason,
} from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { PendingPhotos, uploadPhotos } from '../../photos/browser/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

/** The shelf as the server has it, oldest first; reload() after a change. */
export function useShelf() {
  const [parcels, setParcels] = useState<ShelfParcel[] | null>(null);
  const reload = useCallback(async () => {
    const result = await api['parcels.listUnmatched']({});
    if (result.ok) setParcels(result.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { parcels, reload };
}

/** "3 waiting, oldest 2 d": how long the shelf has been waiting, in the shelf's own words or the dock's. */
export function useShelfSummary(
  parcels: ShelfParcel[] | null,
  one: 'unmatched.summary' | 'receiving.unmatched',
  withOldest: 'unmatched.summaryOldest' | 'receiving.unmatchedOldest',
): string | null {
  const { t } = useTranslation();
  const format = useFormat();
  if (!parcels) return null;
  const oldest = parcels[0];
  return oldest
    ? t(withOldest, { count: parcels.length, age: format.age(oldest.createdAt, Date.now()) })
    : t(one, { count: 0 });
}

/** "On the shelf at B-3 since 20 Nov 2026, 14:05, logged by Minji Kim." */
export function ShelfWhere({ parcel }: { parcel: ShelfParcel }) {
  const { t } = useTranslation();
  const format = useFormat();
  const by = parcel.createdBy ?? t('common.none');
  const since = format.dateTime(parcel.createdAt);
  return <>{parcel.shelf ? t('receiving.onShelfAt', { shelf: parcel.shelf, since, by }) : t('receiving.onShelf', { since, by })}</>;
}

/** Why a parcel is on the shelf: "Serial mismatch · for RMA-2026-000123 · serial scanned X". */
export function shelfReasonText(parcel: ShelfParcel, t: TFunction): string {
  return [
    t(`unmatched.reason.${parcel.reason}`),
    parcel.forRma ? t('unmatched.forCase', { rma: parcel.forRma }) : null,
    parcel.serialScanned ? t('unmatched.serialScanned', { serial: parcel.serialScanned }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

type ParcelForm = z.input<typeof unmatchedParcelInput>;
const isCaseReason = (reason: ShelfReason): reason is CaseShelfReason => (caseShelfReasons as readonly string[]).includes(reason);
const parcelFields = ['tracking', 'carrier', 'senderName', 'contents', 'shelf', 'note', 'reason'] as const;

interface FormProps {
  /** A parcel already on the shelf (scanned at the dock): the form adds to it. Without one, it logs a new parcel. */
  parcel?: ShelfParcel;
  onLogged: (parcel: ShelfParcel, refusedPhotos: string[]) => void;
  onCancel?: () => void;
}

/** Logs a parcel on the shelf, or adds what is known to one there: where it is shelved, what it holds, its photos. */
export function UnmatchedForm({ parcel, onLogged, onCancel }: FormProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  // A parcel that came for a case says why; one set aside keeps its own reason.
  const caseReason = parcel && isCaseReason(parcel.reason) ? parcel.reason : null;
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<ParcelForm, unknown, z.output<typeof unmatchedParcelInput>>({
    resolver: zodResolver(unmatchedParcelInput),
    defaultValues: {
      tracking: parcel?.tracking ?? '',
      carrier: parcel?.carrier ?? '',
      senderName: parcel?.senderName ?? '',
      contents: parcel?.contents ?? '',
      shelf: parcel?.shelf ?? '',
      note: parcel?.note ?? '',
      reason: caseReason,
    },
  });

  useEffect(() => {
    setFocus(!parcel ? 'tracking' : caseReason ? 'reason' : 'senderName');
  }, [parcel, caseReason, setFocus]);

  const submit = handleSubmit(async ({ tracking, carrier, senderName, contents, shelf, note, reason }) => {
    setAlert(null);
    const details = { carrier, senderName, contents, shelf, note, reason };
    const result = parcel
      ? await api['parcels.update']({ parcelId: parcel.id, ...details })
      : await api['parcels.createUnmatched']({ tracking, ...details });
    if (!result.ok) {
      setAlert(applyServerError(result.error, setError, parcelFields, t));
      return;
    }
    const photos = await uploadPhotos({ parcelId: result.value.id }, files, t);
    announce(t(parcel ? 'receiving.detailsSaved' : 'unmatched.logged', { tracking: result.value.tracking }));
    reset();
    setFiles([]);
    onLogged(result.value, photos.refused);
  });

  // A scanned tracking number ends with Enter: go on to the next field rather than log half a parcel.
  const trackingKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setFocus('carrier');
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="parcel-title">
      <h2 id="parcel-title">{parcel ? t('unmatched.detailsTitle', { tracking: parcel.tracking }) : t('unmatched.logTitle')}</h2>
      <FormAlert message={alert} />
      <fieldset className="grid">
        <Field label={t('field.tracking')} error={errors.tracking?.message}>
          {(p) => (
            <input
              {...p}
              {...register('tracking')}
              readOnly={Boolean(parcel)}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              onKeyDown={trackingKeys}
            />
          )}
        </Field>
        {caseReason ? (
          <Field label={t('unmatched.reasonTitle')} error={errors.reason?.message}>
            {(p) => (
              <select {...p} {...register('reason')}>
                {caseShelfReasons.map((r) => (
                  <option key={r} value={r}>
                    {t(`unmatched.reason.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={t('field.carrier')} error={errors.carrier?.message} optional>
          {(p) => <input {...p} {...register('carrier')} autoComplete="off" />}
        </Field>
        <Field label={t('unmatched.sender')} error={errors.senderName?.message} optional>
          {(p) => <input {...p} {...register('senderName')} autoComplete="off" />}
        </Field>
        <Field label={t('unmatched.shelf')} error={errors.shelf?.message} optional>
          {(p) => <input {...p} {...register('shelf')} autoComplete="off" />}
        </Field>
        <Field label={t('unmatched.contents')} error={errors.contents?.message} optional className="span-2">
          {(p) => <textarea {...p} {...register('contents')} rows={2} />}
        </Field>
        <Field label={t('field.note')} error={errors.note?.message} optional className="span-2">
          {(p) => <textarea {...p} {...register('note')} rows={2} />}
        </Field>
      </fieldset>
      <PendingPhotos files={files} onChange={setFiles} />
      <div className="actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {parcel ? t('unmatched.save') : t('unmatched.log')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The unmatched shelf: log a parcel, see how long each has waited, link it to its case or create one. */
export function UnmatchedScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const { parcels, reload } = useShelf();
  const summary = useShelfSummary(parcels, 'unmatched.summary', 'unmatched.summaryOldest');
  const [alert, setAlert] = useState<string | null>(null);
  const [linking, setLinking] = useState<ShelfParcel | null>(null);
  const [linked, setLinked] = useState<{ tracking: string; rma: string } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <main className="unmatched-screen" aria-labelledby="unmatched-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'receiving' })}>
          ← {t('unmatched.back')}
        </a>
        <h1 id="unmatched-title">{t('unmatched.title')}</h1>
        <p className="intro">{t('unmatched.intro')}</p>
      </div>
      <FormAlert message={alert} />
      {linked ? (
        <p className="notice" role="status">
          {t('unmatched.linked', linked)}{' '}
          <a href={href({ screen: 'receive', rma: linked.rma })}>{t('unmatched.receiveNow', { rma: linked.rma })}</a>
        </p>
      ) : null}
      <div className="unmatched-columns">
        <section className="panel">
          <UnmatchedForm
            onLogged={(_parcel, refused) => {
              setLinked(null);
              setAlert(refused.length > 0 ? refused.join(' · ') : null);
              setNow(Date.now());
              void reload();
            }}
          />
        </section>
        <section className="panel" aria-labelledby="shelf-title">
          <h2 id="shelf-title">
            {t('unmatched.listTitle')} <span className="muted">{summary}</span>
          </h2>
          {parcels && parcels.length === 0 ? <p className="empty">{t('unmatched.empty')}</p> : null}
          {parcels && parcels.length > 0 ? (
            <table className="shelf">
              <thead>
                <tr>
                  <th scope="col">{t('field.tracking')}</th>
                  <th scope="col">{t('field.carrier')}</th>
                  <th scope="col">{t('unmatched.sender')}</th>
                  <th scope="col">{t('unmatched.contents')}</th>
                  <th scope="col">{t('unmatched.reasonTitle')}</th>
                  <th scope="col">{t('unmatched.shelf')}</th>
                  <th scope="col">{t('unmatched.loggedBy')}</th>
                  <th scope="col" className="num">
                    {t('unmatched.photos')}
                  </th>
                  <th scope="col" className="num">
                    {t('unmatched.age')}
                  </th>
                  <th scope="col">{t('unmatched.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {parcels.map((p) => (
                  <tr key={p.id}>
                    <td className="mono nowrap">{p.tracking}</td>
                    <td>{p.carrier ?? ''}</td>
                    <td>{p.senderName ?? ''}</td>
                    <td className="pre">{[p.contents, p.note].filter(Boolean).join('\n')}</td>
                    <td>{shelfReasonText(p, t)}</td>
                    <td>{p.shelf ?? ''}</td>
                    <td>{p.createdBy ?? ''}</td>
                    <td className="num">{p.photos}</td>
                    <td className="num nowrap">{format.age(p.createdAt, now)}</td>
                    <td className="row-actions">
                      <button type="button" onClick={() => setLinking(p)}>
                        {t('unmatched.link')}
                      </button>
                      {p.forRma ? null : (
                        <a className="button" href={href({ screen: 'walkIn', parcelId: p.id })}>
                          {t('unmatched.createCase')}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
      {linking ? (
        <LinkDialog
          parcel={linking}
          onClose={() => setLinking(null)}
          onLinked={(parcel) => {
            setLinking(null);
            setAlert(null);
            setLinked({ tracking: parcel.tracking, rma: parcel.linkedRma ?? '' });
            void reload();
          }}
          onGone={(message) => {
            setLinking(null);
            setAlert(message);
            void reload();
          }}
        />
      ) : null}
    </main>
  );
}

type LinkForm = z.input<typeof linkParcelInput>;

interface LinkProps {
  parcel: ShelfParcel;
  onClose: () => void;
  onLinked: (parcel: ShelfParcel) => void;
  /** The parcel was linked or removed elsewhere meanwhile. */
  onGone: (message: string) => void;
}

function LinkDialog({ parcel, onClose, onLinked, onGone }: LinkProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<LinkForm, unknown, z.output<typeof linkParcelInput>>({
    resolver: zodResolver(linkParcelInput),
    defaultValues: { parcelId: parcel.id, rma: parcel.forRma ?? '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['parcels.link'](input);
    if (result.ok) {
      announce(t('unmatched.linked', { tracking: parcel.tracking, rma: result.value.linkedRma }));
      onLinked(result.value);
    } else if (result.error.fields?.parcelId) {
      onGone(result.error.fields.parcelId);
    } else {
      setAlert(applyServerError(result.error, setError, ['rma'], t));
    }
  });

  return (
    <Modal titleId="link-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="link-title">{t('unmatched.linkTitle', { tracking: parcel.tracking })}</h2>
        <FormAlert message={alert} />
        <Field label={t('unmatched.rma')} error={errors.rma?.message} hint="RMA-2026-000123">
          {(p) => <input {...p} {...register('rma')} autoFocus autoComplete="off" spellCheck={false} className="mono" />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
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
