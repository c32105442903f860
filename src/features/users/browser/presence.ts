import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../../base/browser/api.ts';
import type { PresentUser } from '../common/types.ts';

/**
 * Who else is working, as one window hears it: one call every half minute while something shows
 * it (the header, a bench panel), shared by all of them. The call is the window's own "still
 * here", which the server does not count as use, so an idle desk still locks.
 */
const POLL_MS = 30_000;
const nobody: readonly PresentUser[] = [];

let others: readonly PresentUser[] = nobody;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

async function ask(): Promise<void> {
  const result = await api['session.presence']({});
  if (!result.ok || listeners.size === 0) return;
  others = result.value;
  for (const listener of [...listeners]) listener();
}

const askNow = () => void ask();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    void ask();
    timer = setInterval(() => void ask(), POLL_MS);
    // Someone coming back to the window sees who is there now, not half a minute ago.
    window.addEventListener('focus', askNow);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    window.removeEventListener('focus', askNow);
    // The next person at this window hears their own answer, not the last one's.
    others = nobody;
  };
}

/** The other signed-in windows of every station, most recently used first. */
export function usePresence(): readonly PresentUser[] {
  return useSyncExternalStore(subscribe, () => others);
}

/** Where a user is working now, if they are: their most recently used window. */
export function usePresenceOf(userId: number | null | undefined): PresentUser | null {
  const all = usePresence();
  // A case page opened names one person: it asks afresh rather than show the last half minute's answer.
  useEffect(() => {
    if (userId != null) void ask();
  }, [userId]);
  return userId == null ? null : (all.find((p) => p.userId === userId) ?? null);
}
