import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CaseDetail } from '../common/types.ts';
import { findTransition, resolutions, type Requirement, type Status } from '../common/status.ts';
import { api } from '../../../base/browser/api.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { transitionInput } from '../common/contract.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { casesMessages } from '../common/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type TransitionForm = z.input<typeof transitionInput>;

/** The same messages the core gives when a requirement is missing, so both read alike. */
const missing: Record<Requirement, { field: 'note' | 'serial' | 'tracking' | 'resolution'; message: string }> = {
  note: { field: 'note', message: zodMessage(casesMessages.giveReason()) },
  serial: { field: 'serial', message: zodMessage(casesMessages.scanSerial()) },
  tracking: { field: 'tracking', message: zodMessage(casesMessages.enterTracking()) },
  resolution: { field: 'resolution', message: zodMessage(casesMessages.chooseResolution()) },
};

const schemaFor = (requires: readonly Requirement[]) =>
  transitionInput.superRefine((value, ctx) => {
    for (const need of requires) {
      const { field, message } = missing[need];
      if (!value[field]) ctx.addIssue({ code: 'custom', path: [field], message });
    }
  });

// An untouched field is absent, not an empty string the schema would call malformed.
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

interface Props {
  detail: CaseDetail;
  to: Status;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
  onConflict: () => void;
}

/** Asks what the move needs (reason, serial, tracking, resolution) and makes it against the case's version. */
export function TransitionDialog({ detail, to, onClose, onDone, onConflict }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const requires = findTransition(detail.status, to)?.requires ?? [];
  const needs = (r: Requirement) => requires.includes(r);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<TransitionForm, unknown, z.output<typeof transitionInput>>({
    resolver: zodResolver(schemaFor(requires)),
    defaultValues: { rma: detail.rma, version: detail.version, to, note: '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['cases.transition'](input);
    if (result.ok) {
      announce(t('transition.done', { rma: detail.rma, status: t(`status.${to}`) }));
      onDone(result.value);
    } else if (result.error.code === 'conflict') {
      onConflict();
    } else {
      setAlert(applyServerError(result.error, setError, ['note', 'serial', 'carrier', 'tracking', 'resolution'], t));
    }
  });

  // Enter makes a new line in the note; Ctrl+Enter (or ⌘+Enter) confirms from there too.
  const noteKeys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const titleId = 'transition-title';
  return (
    <Modal titleId={titleId} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>
          {t('transition.title', { rma: detail.rma, from: t(`status.${detail.status}`), to: t(`status.${to}`) })}
        </h2>
        <FormAlert message={alert} />
        {needs('serial') ? (
          <Field label={t('field.serial')} error={errors.serial?.message}>
            {(p) => (
              <input
                {...p}
                {...register('serial', { setValueAs: blankToUndefined })}
                autoFocus
                autoComplete="off"
                spellCheck={false}
                className="mono"
              />
            )}
          </Field>
        ) : null}
        {needs('tracking') ? (
          <>
            <Field label={t('field.carrier')} error={errors.carrier?.message} optional>
              {(p) => <input {...p} {...register('carrier')} autoComplete="off" />}
            </Field>
            <Field label={t('field.tracking')} error={errors.tracking?.message}>
              {(p) => (
                <input
                  {...p}
                  {...register('tracking', { setValueAs: blankToUndefined })}
                  autoFocus
                  autoComplete="off"
                  spellCheck={false}
                  className="mono"
                />
              )}
            </Field>
          </>
        ) : null}
        {needs('resolution') ? (
          <Field label={t('field.resolution')} error={errors.resolution?.message}>
            {(p) => (
              <select {...p} {...register('resolution', { setValueAs: blankToUndefined })} autoFocus>
                <option value="">{t('common.choose')}</option>
                {resolutions.map((r) => (
                  <option key={r} value={r}>
                    {t(`resolution.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field
          label={t(needs('note') ? 'field.reason' : 'field.note')}
          error={errors.note?.message}
          optional={!needs('note')}
        >
          {(p) => <textarea {...p} {...register('note')} rows={3} autoFocus={requires.length === 0 || (needs('note') && requires.length === 1)} onKeyDown={noteKeys} />}
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
