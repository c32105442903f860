import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type FieldValues, type UseFormSetError } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { resetPinInput, updateUserInput, usersMethods, type UserEntry } from '../../users/common/index.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { Modal } from '../../../base/browser/Modal.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { roles } from '../../../base/common/identity.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

const newUserInput = usersMethods['users.create'].input;
type NewUser = z.input<typeof newUserInput>;

type Dialog = { kind: 'edit' | 'resetPin'; user: UserEntry } | null;

/** Places a refusal at the form's fields; a refusal told at a field is not told again above the form. */
function placeServerError<T extends FieldValues>(error: ApiError, setError: UseFormSetError<T>, fields: readonly string[], t: TFunction): string | null {
  const general = applyServerError(error, setError, fields, t);
  return Object.keys(error.fields ?? {}).some((f) => fields.includes(f)) ? null : general;
}

/** The users list: add, edit, disable or enable, reset a PIN, unlock. Every change names the version the list shows. */
export function Users({ pinLength }: { pinLength: number }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [users, setUsers] = useState<UserEntry[]>([]);
  /** What a change on the list said (a conflict, the last admin); the add form has its own. */
  const [alert, setAlert] = useState<string | null>(null);
  const [addAlert, setAddAlert] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** The button a dialog was opened from: focus goes back to it when the dialog closes. */
  const opener = useRef<HTMLElement | null>(null);
  const open = (next: NonNullable<Dialog>) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(next);
  };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<NewUser, unknown, z.output<typeof newUserInput>>({
    resolver: zodResolver(newUserInput),
    defaultValues: { name: '', role: 'warehouse', pin: '' },
  });

  const reload = useCallback(async () => {
    const result = await api['users.list']({});
    if (result.ok) setUsers(result.value);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** A change refused because another admin made one first: say so, and show the list as it is now. */
  const refused = async (error: ApiError) => {
    setAlert(errorMessage(error, t));
    await reload();
  };

  const unlock = async (u: UserEntry) => {
    setAlert(null);
    const result = await api['users.unlock']({ userId: u.id });
    if (result.ok) announce(t('settings.unlocked', { name: u.name }));
    else setAlert(errorMessage(result.error, t));
    await reload();
  };

  const setActive = async (u: UserEntry, active: boolean) => {
    setAlert(null);
    const result = await api[active ? 'users.enable' : 'users.disable']({ userId: u.id, version: u.version });
    if (!result.ok) return refused(result.error);
    announce(t(active ? 'settings.userEnabled' : 'settings.userDisabled', { name: u.name }));
    await reload();
  };

  const closed = async (done: string | null, error: ApiError | null) => {
    setDialog(null);
    if (error) await refused(error);
    else {
      if (done) announce(done);
      await reload();
    }
    opener.current?.focus();
  };

  const submit = handleSubmit(async (input) => {
    setAddAlert(null);
    const result = await api['users.create'](input);
    if (result.ok) {
      reset();
      announce(t('settings.userAdded', { name: result.value.name }));
      await reload();
    } else {
      setAddAlert(placeServerError(result.error, setError, ['name', 'role', 'pin'], t));
    }
  });

  return (
    <section className="panel" aria-labelledby="settings-users">
      <h2 id="settings-users">{t('settings.users')}</h2>
      <FormAlert message={dialog ? null : alert} />
      <table className="users">
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('settings.signIn')}</th>
            <th scope="col">{t('settings.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td className={u.active ? undefined : 'muted'}>{u.name}</td>
              <td className={u.active ? undefined : 'muted'}>{t(`role.${u.role}`)}</td>
              <td>
                {!u.active ? (
                  <span className="tag-warning">{t('settings.disabled')}</span>
                ) : u.locked ? (
                  <>
                    <span className="tag-warning">{t('settings.locked')}</span>{' '}
                    <button type="button" aria-label={t('settings.unlockUser', { name: u.name })} onClick={() => void unlock(u)}>
                      {t('settings.unlock')}
                    </button>
                  </>
                ) : (
                  t('settings.allowed')
                )}
              </td>
              <td className="row-actions">
                <button type="button" aria-label={t('settings.editUser', { name: u.name })} onClick={() => open({ kind: 'edit', user: u })}>
                  {t('settings.edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('settings.resetPinOf', { name: u.name })}
                  onClick={() => open({ kind: 'resetPin', user: u })}
                >
                  {t('settings.resetPin')}
                </button>
                {u.active ? (
                  <button type="button" aria-label={t('settings.disableUser', { name: u.name })} onClick={() => void setActive(u, false)}>
                    {t('settings.disable')}
                  </button>
                ) : (
                  <button type="button" aria-label={t('settings.enableUser', { name: u.name })} onClick={() => void setActive(u, true)}>
                    {t('settings.enable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {dialog?.kind === 'edit' ? <EditUserDialog user={dialog.user} onClosed={closed} /> : null}
      {dialog?.kind === 'resetPin' ? <ResetPinDialog user={dialog.user} pinLength={pinLength} onClosed={closed} /> : null}
      <h3>{t('settings.addUser')}</h3>
      <form onSubmit={submit} noValidate>
        <FormAlert message={addAlert} />
        <fieldset className="grid">
          <Field label={t('field.name')} error={errors.name?.message}>
            {(p) => <input {...p} {...register('name')} autoComplete="off" />}
          </Field>
          <Field label={t('field.role')} error={errors.role?.message}>
            {(p) => (
              <select {...p} {...register('role')}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('field.pin')} error={errors.pin?.message} hint={t('settings.pinDigits', { digits: pinLength })}>
            {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="new-password" />}
          </Field>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('settings.addUser')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface DialogProps {
  user: UserEntry;
  /** What to announce once done, or the conflict that closed the dialog; both null: cancelled. */
  onClosed: (done: string | null, conflict: ApiError | null) => void;
}

function EditUserDialog({ user, onClosed }: DialogProps) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<z.input<typeof updateUserInput>, unknown, z.output<typeof updateUserInput>>({
    resolver: zodResolver(updateUserInput),
    defaultValues: { userId: user.id, version: user.version, name: user.name, role: user.role },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['users.update'](input);
    if (result.ok) onClosed(t('settings.userSaved', { name: result.value.name }), null);
    else if (result.error.code === 'conflict') onClosed(null, result.error);
    else setAlert(placeServerError(result.error, setError, ['name', 'role'], t));
  });

  const titleId = 'edit-user-title';
  return (
    <Modal titleId={titleId} onClose={() => onClosed(null, null)}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{t('settings.editUser', { name: user.name })}</h2>
        <FormAlert message={alert} />
        <Field label={t('field.name')} error={errors.name?.message}>
          {(p) => <input {...p} {...register('name')} autoComplete="off" autoFocus />}
        </Field>
        <Field label={t('field.role')} error={errors.role?.message}>
          {(p) => (
            <select {...p} {...register('role')}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('common.save')}
          </button>
          <button type="button" onClick={() => onClosed(null, null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ResetPinDialog({ user, pinLength, onClosed }: DialogProps & { pinLength: number }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<z.input<typeof resetPinInput>, unknown, z.output<typeof resetPinInput>>({
    resolver: zodResolver(resetPinInput),
    defaultValues: { userId: user.id, version: user.version, pin: '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['users.resetPin'](input);
    if (result.ok) onClosed(t('settings.pinReset', { name: user.name }), null);
    else if (result.error.code === 'conflict') onClosed(null, result.error);
    else setAlert(placeServerError(result.error, setError, ['pin'], t));
  });

  const titleId = 'reset-pin-title';
  return (
    <Modal titleId={titleId} onClose={() => onClosed(null, null)}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{t('settings.resetPinOf', { name: user.name })}</h2>
        <FormAlert message={alert} />
        <Field label={t('field.newPin')} error={errors.pin?.message} hint={t('settings.pinDigits', { digits: pinLength })}>
          {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="new-password" autoFocus />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('settings.resetPin')}
          </button>
          <button type="button" onClick={() => onClosed(null, null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
