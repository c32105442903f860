import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { pinSchema } from '../../../base/common/schemas.ts';
import type { UserInfo } from '../../../base/common/identity.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import type { SessionInfo } from '../common/types.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

const unlockForm = z.object({ pin: pinSchema });

interface Props {
  user: UserInfo;
  idleMinutes: number;
  onUnlocked: (session: SessionInfo) => void;
  onSwitchUser: () => void;
}

/**
 * Over the screen that was in use, which stays as it was underneath (a half-filled form is kept):
 * the same person's PIN signs in again through the normal sign-in, with its waits and lockout.
 * The backdrop hides the screen from whoever walks by.
 */
export function LockScreen({ user, idleMinutes, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useDepotForm<z.input<typeof unlockForm>, unknown, z.output<typeof unlockForm>>({
    resolver: zodResolver(unlockForm),
    defaultValues: { pin: '' },
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = handleSubmit(async ({ pin }) => {
    setAlert(null);
    const result = await api['session.signIn']({ userId: user.id, pin });
    if (result.ok) return onUnlocked(result.value);
    setValue('pin', '');
    setAlert(applyServerError(result.error, setError, ['pin'], t));
  });

  return (
    <dialog
      ref={ref}
      className="dialog lock-screen"
      aria-labelledby="lock-title"
      // Escape does not take the lock away.
      onCancel={(e) => e.preventDefault()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="lock-title">{t('lock.title', { minutes: idleMinutes })}</h2>
        <p className="lock-user">{user.name}</p>
        <FormAlert message={alert} />
        <Field label={t('field.pin')} error={errors.pin?.message}>
          {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="current-password" autoFocus />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('lock.unlock')}
          </button>
          <button type="button" onClick={onSwitchUser}>
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

const inputEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once nobody has used the keyboard or mouse for `minutes`. */
export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (minutes === null) return;
    let lastInput = Date.now();
    const seen = () => {
      lastInput = Date.now();
    };
    for (const event of inputEvents) window.addEventListener(event, seen, { capture: true, passive: true });
    // Checked often rather than one long timer, so a sleeping laptop locks as soon as it wakes.
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput >= minutes * 60_000) idle.current();
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const event of inputEvents) window.removeEventListener(event, seen, { capture: true });
    };
  }, [minutes]);
}
