import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../src/base/common/burst.ts';

describe('coalescing a burst of changes into one read', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads once after the burst goes quiet', () => {
    const run = vi.fn();
    const burst = coalesce(run, 300, 800);
    burst.poke();
    vi.advanceTimersByTime(200);
    burst.poke();
    vi.advanceTimersByTime(299);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still reads within the longest wait while changes keep coming faster than the quiet time', () => {
    const run = vi.fn();
    const burst = coalesce(run, 300, 800);
    // A change every 100 ms for 2.5 s: without a longest wait, nothing would be read until they stop.
    for (let t = 0; t < 2500; t += 100) {
      burst.poke();
      vi.advanceTimersByTime(100);
    }
    expect(run).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(300);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('reads nothing once cancelled', () => {
    const run = vi.fn();
    const burst = coalesce(run, 300, 800);
    burst.poke();
    burst.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
