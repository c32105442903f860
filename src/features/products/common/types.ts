import type { ShippedAccessory } from './accessories.ts';

export interface ProductInfo {
  id: number;
  model: string;
  name: string;
  productLine: string;
  warrantyMonths: number;
  /** What a unit of the model ships with, as the dock records it. */
  accessories: ShippedAccessory[];
  /** The serial date-code rule (a pattern for `readDateCode`), or null when serials carry none. */
  dateCodePattern: string | null;
  /** Who the depot sends the model's faulty units back to. */
  vendor: string | null;
  /** A retired model is offered for no new desk case; its cases go on as before. */
  active: boolean;
  /** Rises with every change: a change made against an older version is refused. */
  version: number;
}
