import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../base/browser/context.tsx';
import { stationName } from '../../../base/browser/station.ts';
import type { PresentUser } from '../common/types.ts';
import { usePresence } from './presence.ts';

/** How long ago a window was last used, in words: "now" under a minute. */
export function useSeen() {
  const { t } = useTranslation();
  const format = useFormat();
  return (p: PresentUser) => {
    const now = Date.now();
    return now - Date.parse(p.lastSeen) < 60_000 ? t('presence.now') : t('presence.seen', { age: format.age(p.lastSeen, now) });
  };
}

/** The header's "who else is working": a count, and on a click the people, their stations and when each was last at work. */
export function WhoElse() {
  const { t } = useTranslation();
  const others = usePresence();
  const seen = useSeen();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  if (others.length === 0) return null;
  return (
    <div className="who-else" ref={box}>
      <button ref={button} type="button" aria-expanded={open} aria-controls="who-else-list" onClick={() => setOpen((o) => !o)}>
        {t('presence.count', { count: others.length })}
      </button>
      {open ? (
        <section id="who-else-list" className="who-else-list" aria-labelledby="who-else-title">
          <h2 id="who-else-title">{t('presence.title')}</h2>
          <ul>
            {others.map((p) => (
              <li key={`${p.userId} ${p.station} ${p.signedInAt}`}>
                <span className="who-else-name">{p.name}</span> <span className="muted">{t(`role.${p.role}`)}</span>
                <br />
                <span className="muted">
                  {stationName(p.station, t)} · {seen(p)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
