import type { ParseKeysWithoutVariables } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onSessionEnded, session } from '../../base/browser/api.ts';
import { FormAlert } from '../../base/browser/Field.tsx';
import { LanguagePicker } from '../../base/browser/LanguagePicker.tsx';
import { AnnounceProvider } from '../../base/browser/context.tsx';
import { errorMessage } from '../../base/browser/messages.ts';
import { SignIn } from '../../features/users/browser/index.ts';
import { Setup } from '../../features/setup/browser/index.ts';
import { Shell } from './Shell.tsx';
import type { UserInfo } from '../../base/common/identity.ts';
import type { SessionInfo } from '../../features/users/common/index.ts';
import type { SetupState } from '../../features/setup/common/index.ts';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'signIn'; state: SetupState; notice: ParseKeysWithoutVariables | null }
  // Locked: the session ended (idle, or on the server); the screen stays mounted under the lock.
  | { kind: 'shell'; user: UserInfo; locked: boolean };

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const inShell = useRef(false);
  inShell.current = phase.kind === 'shell';

  /** Where a fresh start lands: setup on an empty depot, else the open session or sign-in. */
  const start = useCallback(
    async (notice: ParseKeysWithoutVariables | null = null) => {
      setPhase({ kind: 'loading' });
      const state = await api['setup.state']({});
      if (!state.ok) return setPhase({ kind: 'failed', message: errorMessage(state.error, t) });
      if (!state.value.initialized) return setPhase({ kind: 'setup' });
      if (session.get()) {
        const me = await api['session.me']({});
        if (me.ok) return setPhase({ kind: 'shell', user: me.value, locked: false });
        session.clear();
      }
      setPhase({ kind: 'signIn', state: state.value, notice });
    },
    [t],
  );

  useEffect(() => {
    void start();
    onSessionEnded(() => {
      // Only a session that was in use ends here; starting up checks its own.
      if (!inShell.current) return;
      session.clear();
      setPhase((p) => (p.kind === 'shell' ? { ...p, locked: true } : p));
    });
  }, [start]);

  const signedIn = (info: SessionInfo) => {
    session.set(info.token);
    setPhase({ kind: 'shell', user: info.user, locked: false });
  };

  /** Nobody used this desk for the site's idle time: lock it, and end the session so no call goes on in the name of whoever left. */
  const lock = useCallback(async () => {
    setPhase((p) => (p.kind === 'shell' ? { ...p, locked: true } : p));
    await api['session.signOut']({});
    session.clear();
  }, []);

  const signInAsSomeoneElse = () => {
    session.clear();
    window.location.hash = '';
    void start();
  };

  const signOut = async () => {
    await api['session.signOut']({});
    session.clear();
    window.location.hash = '';
    void start();
  };

  return (
    <AnnounceProvider>
      {phase.kind === 'shell' ? (
        <Shell
          user={phase.user}
          signOut={signOut}
          locked={phase.locked}
          lock={lock}
          onUnlocked={signedIn}
          onSwitchUser={signInAsSomeoneElse}
        />
      ) : (
        <div className="outside">
          <div className="outside-bar">
            <LanguagePicker />
          </div>
          {phase.kind === 'loading' ? <p className="loading">{t('app.loading')}</p> : null}
          {phase.kind === 'failed' ? (
            <main className="sign-in">
              <div className="panel">
                <FormAlert message={phase.message} />
                <button type="button" onClick={() => void start()}>
                  {t('common.retry')}
                </button>
              </div>
            </main>
          ) : null}
          {phase.kind === 'setup' ? (
            <Setup
              onCreated={signedIn}
              onDemoLoaded={(state) => setPhase({ kind: 'signIn', state, notice: 'setup.demoLoaded' })}
            />
          ) : null}
          {phase.kind === 'signIn' ? <SignIn state={phase.state} notice={phase.notice} onSignedIn={signedIn} /> : null}
        </div>
      )}
    </AnnounceProvider>
  );
}
