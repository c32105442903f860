import { useEffect, useRef, useState } from 'react';
import { coalesce } from '../common/burst.ts';
import { caseChangeEventOf, type CaseChangeEvent } from '../common/client.ts';
import { hostToken, session } from './api.ts';

/**
 * The change feed of cases in the UI: one subscription per window, whatever the transport. In
 * the desktop app the preload hands over each change; in browser mode the host streams them as
 * server-sent events from GET /api/events, with the per-run token and the session in headers (a
 * fetch stream, since EventSource cannot send headers and the token stays out of URLs).
 */

type Listener = (change: CaseChangeEvent) => void;

const listeners = new Set<Listener>();
let stopFeed: (() => void) | null = null;

function fanOut(change: CaseChangeEvent): void {
  for (const listener of [...listeners]) listener(change);
}

/** How long browser mode waits before it opens a stream again after it ended (no session yet, host restarted). */
const RECONNECT_MS = 2000;

function streamFromHost(): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const again = () => {
    if (!stopped) retry = setTimeout(() => void open(), RECONNECT_MS);
  };
  const open = async () => {
    const token = session.get();
    if (!token) return again();
    controller = new AbortController();
    try {
      const response = await fetch('/api/events', {
        headers: { 'X-Depot-Token': hostToken(), 'X-Depot-Session': token },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) return again();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice('data: '.length))
            .join('\n');
          if (!data) continue;
          try {
            const change = caseChangeEventOf(JSON.parse(data));
            if (change) fanOut(change);
          } catch {
            // Not a change: skipped.
          }
        }
      }
    } catch {
      // Aborted, or the host went away: opened again below unless stopped.
    }
    again();
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    controller?.abort();
  };
}

/** Hears every change to a case until the returned function is called. */
export function subscribeCaseChanges(listener: Listener): () => void {
  listeners.add(listener);
  stopFeed ??= window.depot ? (window.depot.onCaseChange?.(fanOut) ?? (() => {})) : streamFromHost();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stopFeed) {
      stopFeed();
      stopFeed = null;
    }
  };
}

/** Calls `listener` on each change to a case while the component is shown. */
export function useCaseChanges(listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribeCaseChanges((change) => latest.current(change)), []);
}

/** How long a list waits after a change for more before it reads again: a batch of changes is one read. */
const REFETCH_QUIET_MS = 300;
/** The longest a list waits while changes keep coming: other stations' work shows within a second. */
const REFETCH_MAX_WAIT_MS = 800;

/** A change to a case's own fields; a move of its unit changes none of them. */
const changesTheCase = (change: CaseChangeEvent) => change.kind !== 'moved';

/**
 * Reads a list again when a case changes (when `concerns` says the change is about it; by default
 * any change but a move of a unit), at most once per burst of changes.
 */
export function useRefetchOnCaseChange(refetch: () => void, concerns: (change: CaseChangeEvent) => boolean = changesTheCase): void {
  const latest = useRef({ refetch, concerns });
  latest.current = { refetch, concerns };
  const [burst] = useState(() => coalesce(() => latest.current.refetch(), REFETCH_QUIET_MS, REFETCH_MAX_WAIT_MS));
  useEffect(() => () => burst.cancel(), [burst]);
  useCaseChanges((change) => {
    if (latest.current.concerns(change)) burst.poke();
  });
}
