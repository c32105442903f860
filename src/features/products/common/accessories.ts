import { accessoryKinds, type Accessory } from '../../receiving/common/index.ts';

/** What a model can ship with: the kinds the dock checks off ('other' is the dock's own note). */
export const shippedAccessoryKinds = accessoryKinds.filter((a): a is Exclude<Accessory, 'other'> => a !== 'other');
export type ShippedAccessory = (typeof shippedAccessoryKinds)[number];
