/** Timing helpers for the benchmarks: medians and percentiles of many runs, never one run. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

/** Runs `fn` `count` times after `warmup` runs and returns each run's time in milliseconds. */
export async function sample(count: number, fn: (i: number) => unknown, warmup = Math.min(200, count)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times;
}
