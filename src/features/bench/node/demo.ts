import { defaultBenchSettings } from '../common/bench.ts';
import type { Tx } from '../../../base/node/core.ts';
import { setting } from '../../settings/node/index.ts';
import { addPartWithOpeningStock } from '../../parts/node/index.ts';

/** Demo parts in won, with stock, and the bench settings (warranty policy, rates) the demo site uses. */
const demoParts = [
  { sku: 'BAT-AX', name: 'Battery pack AX series', price: 25_000, stock: 12 },
  { sku: 'MB-AX200', name: 'Main board AX-200', price: 45_000, stock: 4 },
  { sku: 'EAR-PAD', name: 'Ear pad pair', price: 9_000, stock: 30 },
  { sku: 'USBC-PORT', name: 'USB-C charging port', price: 7_500, stock: 2 },
  { sku: 'SPK-DRV', name: 'Speaker driver 50 mm', price: 18_000, stock: 0 },
  { sku: 'LCD-TB10', name: 'Display assembly TB-10', price: 120_000, stock: 3 },
];

export async function insertBenchDemoData(trx: Tx, now: Date): Promise<void> {
  const at = now.toISOString();
  await setting.bench.write(trx, {
    ...defaultBenchSettings,
    // Korean consumer law: 12 months on speakers bought in Korea; the rest keeps its model's term.
    policy: { ...defaultBenchSettings.policy, regions: [{ region: 'KR', productLine: 'Speakers', months: 12 }] },
  });
  for (const part of demoParts) await addPartWithOpeningStock(trx, at, part);
}
