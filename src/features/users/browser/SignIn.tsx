import { zodResolver } from '@hookform/resolvers/zod';
import type { ParseKeysWithoutVariables } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { pinSchema } from '../../../base/common/schemas.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import type { SessionInfo } from '../common/types.ts';
import type { SetupState } from '../../setup/common/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';
import { mark } from '../../../base/browser/timing.ts';

// The select gives a string; an empty choice becomes 0 and is refused like the API refuses it.
const signInForm = z.object({
  userId: z.coerce.number().int().positive('Choose who you are'),
  pin: pinSchema,
});

const LAST_USER_KEY = 'depot.lastUser';

interface Props {
  state: SetupState;
  /** A translation key without variables: what to tell the person before they sign in. */
  notice: ParseKeysWithoutVariables | null;
  onSignedIn: (session: SessionInfo) => void;
}

export function SignIn({ state, notice, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const lastUser = Number(localStorage.getItem(LAST_USER_KEY));
  const initialUser = state.users.some((u) => u.id === lastUser)
    ? lastUser
    : state.users.length === 1
      ? state.users[0]!.id
      : '';
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useDepotForm<z.input<typeof signInForm>, unknown, z.output<typeof signInForm>>({
    resolver: zodResolver(signInForm),
    defaultValues: { userId: initialUser, pin: '' },
  });

  const submit = handleSubmit(async (input) => {
    mark('session.signInSubmitted');
    setAlert(null);
    const result = await api['session.signIn'](input);
    if (result.ok) {
      localStorage.setItem(LAST_USER_KEY, String(result.value.user.id));
      onSignedIn(result.value);
    } else {
      setValue('pin', '');
      setAlert(applyServerError(result.error, setError, ['userId', 'pin'], t));
    }
  });

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="panel" onSubmit={submit} noValidate>
        <p className="brand">{state.siteName ?? t('app.name')}</p>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {notice ? <p className="notice">{t(notice)}</p> : null}
        <FormAlert message={alert} />
        <Field label={t('field.user')} error={errors.userId?.message}>
          {(p) => (
            <select {...p} {...register('userId')} autoFocus={initialUser === ''}>
              <option value="">{t('common.choose')}</option>
              {state.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} · {t(`role.${u.role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('field.pin')} error={errors.pin?.message}>
          {(p) => (
            <input
              {...p}
              {...register('pin')}
              type="password"
              inputMode="numeric"
              autoComplete="current-password"
              autoFocus={initialUser !== ''}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
