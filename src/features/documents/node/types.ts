/** What the documents print: plain data, filled by the services from the case, site and estimate. */
import type { Language } from '../../../base/common/messages.ts';
import type { Currency } from '../../../base/common/money.ts';

/** ISO date (YYYY-MM-DD) as stored on the case. */
export type IsoDate = string;

export type PaperSize = 'A4' | 'LETTER';

export interface PostalAddress {
  name: string;
  /** Company or "care of" line, when there is one. */
  company?: string;
  lines: string[];
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, e.g. "KR". */
  country: string;
  phone?: string;
}

export interface Site {
  name: string;
  address: PostalAddress;
  email?: string;
  phone?: string;
}

export interface Customer {
  name: string;
  email?: string;
  phone?: string;
  /** BCP 47, e.g. "ko-KR", "zh-CN", "el-GR": picks Korean or Chinese glyph shapes for shared ideographs. */
  locale: string;
  /** Absent for a walk-in who collects the unit: the receipt and estimate print without it. */
  returnAddress?: PostalAddress;
}

export interface CaseInfo {
  rma: string;
  /** Absent when the case names no model. */
  model?: string;
  serial: string;
  /** Serial of the replacement unit when the resolution was a replacement. */
  replacementSerial?: string;
  /** The day the dock received the unit, on the site's calendar; absent before it arrived. */
  receivedAt?: IsoDate;
  purchaseDate?: IsoDate;
  customer: Customer;
  /** What the customer reported. */
  symptom?: string;
}

export interface UnitTagData {
  rma: string;
  model: string;
  serial: string;
  receivedAt: IsoDate;
}

export interface Shipment {
  carrier: string;
  service: string;
  /** Weight in grams; printed in kg. */
  weightGrams: number;
  trackingNumber: string;
}

export interface ShippingLabelData {
  rma: string;
  from: PostalAddress;
  to: PostalAddress;
  /** Locale of the recipient, a hint for glyph shapes. */
  toLocale?: string;
  /** Absent before the carrier is known: the label leaves room for the carrier's tracking sticker. */
  shipment?: Shipment;
  shipDate: IsoDate;
}

export type AccessoryKind = 'adapter' | 'cable' | 'box' | 'manual' | 'other';

/** An accessory received with the unit; `description` is what the dock wrote for "other". */
export interface AccessoryItem {
  kind: AccessoryKind;
  description?: string;
}

export type PackagingState = 'intact' | 'damaged' | 'opened' | 'none';

export interface IntakeReceiptData {
  site: Site;
  /** The language of the document's fixed words: the customer's, or the site's choice. */
  language: Language;
  case: CaseInfo;
  /** Who received the unit at the dock, when known. */
  receivedBy?: string;
  /** The return of many units the unit came in, when it did. */
  returnNumber?: string;
  /** The serial scanned at the dock, and why it was accepted when it did not match the RMA's. */
  serialScanned: string;
  serialMismatchReason?: string;
  condition: { packaging: PackagingState; physicalDamage: boolean; liquidDamage: boolean; note?: string };
  accessories: AccessoryItem[];
  photoCount: number;
  paper: PaperSize;
}

export type EstimateLineKind = 'part' | 'labor' | 'shipping' | 'discount';

export interface EstimateLine {
  kind: EstimateLineKind;
  description: string;
  /** Quantity (hours for labor), in thousandths so 1.5 h is 1500. */
  quantityMilli: number;
  /** Price per unit in minor units of the estimate's currency. */
  unitPriceMinor: number;
  /** Line total in minor units (negative for a discount) before coverage. */
  totalMinor: number;
  /** Covered by warranty: costs the customer nothing. */
  covered: boolean;
}

export interface WarrantyDecision {
  covered: boolean;
  /** The rule that decided, in words for the customer. */
  reason: string;
}

export interface MoneyTotals {
  currency: Currency;
  /** After discounts, so that subtotal + tax = total. */
  subtotalMinor: number;
  taxMinor: number;
  /** Tax rate in basis points (10% = 1000). */
  taxRateBp: number;
  totalMinor: number;
}

/** Where an estimate stands once the customer decided, or it ran out. */
export type EstimateStanding = { kind: 'accepted' | 'declined'; on: IsoDate } | { kind: 'expired' };

/** A remedy the customer may ask for, with the rule that gives it (in its own words, with its clause). */
export interface RemedyOffer {
  remedy: 'refund' | 'exchange' | 'repair' | 'paid_repair';
  reason: string;
}

/** What a regional consumer rule gave beside the warranty, and what the customer chose. */
export interface Remedies {
  offers: RemedyOffer[];
  chosen?: RemedyOffer['remedy'];
}

export interface EstimateData {
  site: Site;
  /** The language of the document's fixed words: the customer's, or the site's choice. */
  language: Language;
  case: CaseInfo;
  version: number;
  issuedAt: IsoDate;
  validUntil: IsoDate;
  warranty: WarrantyDecision;
  /** Absent when no regional rule added a remedy. */
  remedies?: Remedies;
  lines: EstimateLine[];
  totals: MoneyTotals;
  /** Absent while the customer has not decided. */
  standing?: EstimateStanding;
  /** The portal where the customer decides, printed as a QR code; absent when the site has no portal. */
  portalUrl?: string;
  notes?: string;
  paper: PaperSize;
}

export interface PartUsed {
  partNumber: string;
  description: string;
  quantity: number;
}

export interface Payment {
  paidOn: IsoDate;
  reference: string;
  amountMinor: number;
}

export type Resolution = 'repaired' | 'replaced' | 'returned_unrepaired' | 'no_fault_found' | 'refunded';

/** What the customer was charged, or why nothing. */
export type Charges =
  | { kind: 'estimate'; version: number; lines: EstimateLine[]; totals: MoneyTotals; payments: Payment[]; paidMinor: number }
  | { kind: 'covered'; reason: string }
  | { kind: 'awaiting'; version: number }
  | { kind: 'declined' | 'expired'; version: number }
  | { kind: 'none' };

/** The warranty the unit goes back with. */
export type WarrantyAfter =
  /** A paid repair's own warranty: until a day once the unit shipped, else counted from delivery. */
  | { kind: 'repair'; days: number; until?: IsoDate }
  /** Repaired or replaced under warranty: the unit's warranty runs on (a replacement keeps the rest of it). */
  | { kind: 'continues'; until: IsoDate; replaced: boolean };

export interface RepairReportData {
  site: Site;
  /** The language of the document's fixed words: the customer's, or the site's choice. */
  language: Language;
  case: CaseInfo;
  invoiceNumber?: string;
  issuedAt: IsoDate;
  /** Absent while the repair is still under way. */
  resolution?: Resolution;
  /** What the technician found; absent when no diagnosis was recorded. */
  diagnosis?: {
    symptomConfirmed: boolean;
    faultCategory?: string;
    fault?: string;
    testResults?: string;
    /** The notes written for the customer (never the internal ones). */
    customerNotes?: string;
  };
  work: { on: IsoDate; description: string; minutes: number }[];
  parts: PartUsed[];
  /** The warranty decision; absent when none was made. */
  warranty?: WarrantyDecision;
  /** Absent when no regional rule added a remedy and none was chosen. */
  remedies?: Remedies;
  charges: Charges;
  warrantyAfter?: WarrantyAfter;
  paper: PaperSize;
}

export interface PackingSlipData {
  site: Site;
  /** The language of the document's fixed words: the customer's, or the site's choice. */
  language: Language;
  case: CaseInfo;
  /** Absent before the carrier is known. */
  shipment?: Shipment;
  shipDate: IsoDate;
  /** The unit in the parcel: the customer's own, or its replacement (whose serial is then `serial`). */
  unit: { description?: string; serial: string; replacement: boolean; resolution?: Resolution };
  accessories: AccessoryItem[];
  paper: PaperSize;
}
