import type { TFunction } from 'i18next';

/**
 * The words Depot ships in English as data: the default fault categories, the demo's product
 * lines, the portal's problem categories and the carriers Depot knows. Each is shown in the
 * reader's language by its key (`shipped.<kind>.<key>`); anything an admin or a customer entered
 * stays as entered.
 */
const shippedKeys = {
  faultCategory: {
    Battery: 'battery',
    'Main board': 'mainBoard',
    'Charging port': 'chargingPort',
    'Speaker / driver': 'speakerDriver',
    Display: 'display',
    Firmware: 'firmware',
    Other: 'other',
  },
  productLine: { Headphones: 'headphones', Speakers: 'speakers', Tablets: 'tablets', Chargers: 'chargers' },
  problem: {
    audio: 'audio',
    battery: 'battery',
    charging: 'charging',
    connectivity: 'connectivity',
    damage: 'damage',
    display: 'display',
    heat: 'heat',
    noise: 'noise',
    power: 'power',
    voice: 'voice',
    wear: 'wear',
  },
  carrier: { 'CJ Logistics': 'cjLogistics', 'Korea Post': 'koreaPost' },
} as const satisfies Record<string, Record<string, string>>;

export type ShippedKind = keyof typeof shippedKeys;

/** A shipped word in the reader's language; any other value as it was entered. */
export function shippedWord(t: TFunction, kind: ShippedKind, value: string): string;
export function shippedWord(t: TFunction, kind: ShippedKind, value: string | null): string | null;
export function shippedWord(t: TFunction, kind: ShippedKind, value: string | null): string | null {
  if (value === null) return null;
  const keys: Record<string, string> = shippedKeys[kind];
  const key = Object.hasOwn(keys, value) ? keys[value] : undefined;
  return key ? (t(`shipped.${kind}.${key}` as never) as string) : value;
}
