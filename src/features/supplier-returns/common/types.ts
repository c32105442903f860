/** Where a return is: filled while open, then shipped to the vendor, then closed once every item is answered. */
export const supplierReturnStatuses = ['open', 'shipped', 'closed'] as const;
export type SupplierReturnStatus = (typeof supplierReturnStatuses)[number];

/** What the vendor gave back for an item. */
export const supplierOutcomes = ['credit', 'replacement'] as const;
export type SupplierOutcome = (typeof supplierOutcomes)[number];

export interface SupplierReturnSummary {
  id: number;
  /** SR-000001: what the master list and the case page call it. */
  number: string;
  vendor: string;
  status: SupplierReturnStatus;
  openedAt: string;
  openedBy: string;
  shippedAt: string | null;
  carrier: string | null;
  tracking: string | null;
  closedAt: string | null;
  items: number;
  /** Rises with every change: shipping and closing name it, so of two stations one wins. */
  version: number;
}

export interface SupplierReturnItem {
  id: number;
  kind: 'unit' | 'part';
  /** The customer's RMA the unit is, or the part came out of. */
  rma: string;
  serial: string;
  /** A part's SKU and name; null for a unit. */
  sku: string | null;
  partName: string | null;
  /** The unit's model. */
  model: string | null;
  quantity: number;
  addedAt: string;
  addedBy: string;
  outcome: SupplierOutcome | null;
  /** In minor units of the site's currency, for a credit. */
  creditMinor: number | null;
}

export interface SupplierReturnDetail extends SupplierReturnSummary {
  shippedBy: string | null;
  items: number;
  list: SupplierReturnItem[];
}

/** On the case page: where the case's faulty unit or parts went. */
export interface CaseSupplierItem {
  kind: 'unit' | 'part';
  sku: string | null;
  quantity: number;
  number: string;
  vendor: string;
  status: SupplierReturnStatus;
  shippedAt: string | null;
  outcome: SupplierOutcome | null;
  creditMinor: number | null;
}

/** A return's number as people read it and the master list prints it. */
export const supplierReturnNumber = (id: number): string => `SR-${String(id).padStart(6, '0')}`;

/** An open return older than this many days shows on the cases dashboard. */
export const DEFAULT_OVERDUE_DAYS = 14;
