/**
 * Marks of the moments a person waits for (a scan's form on screen, "received" on screen, the case
 * list after sign-in), on the page's Performance timeline, where a profiler or the benchmark reads
 * them. Off unless the page asked for them before it loaded (`window.depotTiming = true`): the
 * timeline keeps every mark, and a desk that runs all day must not grow it.
 */

declare global {
  interface Window {
    depotTiming?: boolean;
  }
}

export type TimingMark =
  | 'receiving.scanSubmitted'
  | 'receiving.formShown'
  | 'receiving.receiveSubmitted'
  | 'receiving.receivedShown'
  | 'session.signInSubmitted'
  | 'cases.listShown';

const timing = typeof window !== 'undefined' && window.depotTiming === true;

/** Marks this moment. */
export function mark(name: TimingMark): void {
  if (timing) performance.mark(name);
}

/**
 * Marks the moment the screen as it is now has been painted: after the next frame, once the
 * browser has drawn it, rather than when React wrote the DOM.
 */
export function markPainted(name: TimingMark): void {
  if (!timing) return;
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}
