import { defaultBenchSettings } from '../common/bench.ts';
import type { Tx } from '../../../base/node/core.ts';
import { setting } from '../../settings/node/index.ts';
import { addPartWithOpeningStock } from '../../parts/node/index.ts';

/** Demo parts in won, with what is on the shelf once the demo's repairs took theirs. */
export const demoParts = [
  { sku: 'BAT-AX', name: 'Battery pack AX series', price: 25_000, shelf: 12 },
  { sku: 'MB-AX200', name: 'Main board AX-200', price: 45_000, shelf: 4 },
  { sku: 'EAR-PAD', name: 'Ear pad pair', price: 9_000, shelf: 30 },
  { sku: 'USBC-PORT', name: 'USB-C charging port', price: 7_500, shelf: 2 },
  { sku: 'SPK-DRV', name: 'Speaker driver 50 mm', price: 18_000, shelf: 0 },
  { sku: 'LCD-TB10', name: 'Display assembly TB-10', price: 120_000, shelf: 3 },
  { sku: 'ANT-AX', name: 'Bluetooth antenna flex AX series', price: 5_500, shelf: 8 },
  { sku: 'PSU-SP500', name: 'Power board SP-500', price: 32_000, shelf: 2 },
  { sku: 'MIC-SP500', name: 'Microphone array SP-500', price: 14_000, shelf: 5 },
  { sku: 'BAT-TB10', name: 'Battery TB-10', price: 38_000, shelf: 3 },
] as const;
export type DemoSku = (typeof demoParts)[number]['sku'];

/**
 * The bench settings the demo site uses, and its parts: counted in at `at` with their shelf stock
 * plus what the demo's repairs will take (`taken`), so the repairs leave the shelf as listed.
 */
export async function insertBenchDemoData(trx: Tx, at: string, taken: ReadonlyMap<string, number>): Promise<void> {
  await setting.bench.write(trx, {
    ...defaultBenchSettings,
    // Korean consumer law: 12 months on speakers bought in Korea; the rest keeps its model's term.
    policy: { ...defaultBenchSettings.policy, regions: [{ region: 'KR', productLine: 'Speakers', months: 12 }] },
  });
  for (const { shelf, ...part } of demoParts) {
    await addPartWithOpeningStock(trx, at, { ...part, stock: shelf + (taken.get(part.sku) ?? 0) });
  }
}
