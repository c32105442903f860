/** A stock unit's grade: straight from the supplier, or a faulty unit repaired to be as good. */
export const stockGrades = ['new', 'refurbished'] as const;
export type StockGrade = (typeof stockGrades)[number];

/** Where a stock unit is: on the shelf, replacing a case's faulty unit, or shipped ahead of it. */
export const stockStatuses = ['in_stock', 'used', 'shipped'] as const;
export type StockStatus = (typeof stockStatuses)[number];

/** Where a stock unit came from: the supplier, or a case's faulty unit repaired at the depot. */
export const stockSources = ['supplier', 'repaired'] as const;
export type StockSource = (typeof stockSources)[number];

/** The people who put units into stock: the dock, the bench and the office. */
export const stockRoles = ['warehouse', 'technician', 'clerk'] as const;

export interface StockUnit {
  id: number;
  serial: string;
  productId: number;
  model: string;
  grade: StockGrade;
  status: StockStatus;
  source: StockSource;
  /** The case whose faulty unit, repaired, this is. */
  sourceRma: string | null;
  receivedAt: string;
  receivedBy: string;
  /** The case it replaced the unit of, once taken. */
  rma: string | null;
  takenAt: string | null;
  version: number;
}

/** How many units of a model are in stock, against the admin's minimum. */
export interface StockLevel {
  productId: number;
  model: string;
  name: string;
  inStock: number;
  newInStock: number;
  refurbishedInStock: number;
  used: number;
  /** 0: no warning. */
  minimum: number;
  /** Fewer in stock than the minimum. */
  low: boolean;
  /** The minimum's version as the list showed it; null while none was set. */
  version: number | null;
}

/** The most a minimum may be. */
export const MAX_MINIMUM = 10_000;
