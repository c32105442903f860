/**
 * Runs `run` once per burst of pokes: when no poke came for `quietMs`, or at the latest `maxWaitMs`
 * after the burst's first poke, so a steady stream of pokes (a dock receiving all morning) still
 * runs it that often instead of never.
 */
export function coalesce(run: () => void, quietMs: number, maxWaitMs: number): { poke(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPoke: number | null = null;
  const fire = () => {
    timer = undefined;
    firstPoke = null;
    run();
  };
  return {
    poke() {
      const now = Date.now();
      firstPoke ??= now;
      clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstPoke + maxWaitMs - now)));
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      firstPoke = null;
    },
  };
}
