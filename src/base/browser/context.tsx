import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localeTag } from './i18n.ts';
import type { UserInfo } from '../common/identity.ts';
import type { Site } from '../common/schemas.ts';

export interface Signed {
  user: UserInfo;
  site: Site | null;
  /** Settings tell the shell when the site changed, so the header and dates follow. */
  siteChanged: (site: Site) => void;
  signOut: () => void;
}

const SignedContext = createContext<Signed | null>(null);
export const SignedProvider = SignedContext.Provider;

export function useSigned(): Signed {
  const value = useContext(SignedContext);
  if (!value) throw new Error('useSigned outside the signed-in shell');
  return value;
}

/** One polite live region for the whole app: results of actions are read out once. */
const AnnounceContext = createContext<(message: string) => void>(() => {});
export const useAnnounce = () => useContext(AnnounceContext);

export function AnnounceProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated message be read again; the bar empties itself later.
    setMessage('');
    clearTimeout(timer.current);
    requestAnimationFrame(() => setMessage(text));
    timer.current = setTimeout(() => setMessage(''), 8000);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="status-bar" role="status" aria-live="polite">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Dates in the site's time zone, spelled the way the reader's language spells them. */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const site = useContext(SignedContext)?.site ?? null;
  const timeZone = site?.timeZone;
  const locale = localeTag(i18n.language);
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    // A calendar date (purchase date) has no time zone: show it as written.
    const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
    return {
      dateTime: (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : t('common.none')),
      date: (ymd: string | null) => (ymd ? date.format(new Date(`${ymd}T00:00:00Z`)) : t('common.none')),
      age: (iso: string, now: number) => {
        const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
        if (minutes < 60) return t('age.minutes', { count: minutes });
        if (minutes < 24 * 60) return t('age.hours', { count: Math.floor(minutes / 60) });
        return t('age.days', { count: Math.floor(minutes / (24 * 60)) });
      },
    };
  }, [locale, timeZone, t]);
}
