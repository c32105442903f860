/** What the documents print: plain data, filled by the services from the case, site and estimate. */
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
  /** Locale for dates and money on the site's own documents, e.g. "en-US". */
  locale: string;
}

export interface Customer {
  name: string;
  email?: string;
  phone?: string;
  /** BCP 47, e.g. "ko-KR", "zh-CN", "el-GR": picks Korean or Chinese glyph shapes for shared ideographs. */
  locale: string;
  returnAddress: PostalAddress;
}

export interface CaseInfo {
  rma: string;
  model: string;
  serial: string;
  /** Serial of the replacement unit when the resolution was a replacement. */
  replacementSerial?: string;
  receivedAt: IsoDate;
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

export interface IntakeReceiptData {
  site: Site;
  case: CaseInfo;
  condition: string;
  accessories: { kind: AccessoryKind; description?: string }[];
  photoCount: number;
  receivedBy: string;
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
  subtotalMinor: number;
  taxMinor: number;
  /** Tax rate in basis points (10% = 1000). */
  taxRateBp: number;
  totalMinor: number;
}

export interface EstimateData {
  site: Site;
  case: CaseInfo;
  version: number;
  issuedAt: IsoDate;
  validUntil: IsoDate;
  warranty: WarrantyDecision;
  lines: EstimateLine[];
  totals: MoneyTotals;
  /** Portal page where the customer sees the case and decides; printed as a QR code. */
  portalUrl: string;
  notes?: string;
  paper: PaperSize;
}

export interface PartUsed {
  partNumber: string;
  description: string;
  quantity: number;
}

export interface RepairReportData {
  site: Site;
  case: CaseInfo;
  invoiceNumber?: string;
  issuedAt: IsoDate;
  resolution: 'repaired' | 'replaced' | 'returned_unrepaired' | 'no_fault_found' | 'refunded';
  findings: string[];
  workDone: string[];
  parts: PartUsed[];
  /** Charged lines; empty when the repair was covered. */
  lines: EstimateLine[];
  totals: MoneyTotals;
  /** End of the repair's own warranty, when it has one. */
  repairWarrantyEnd?: IsoDate;
  paper: PaperSize;
}

export interface PackingSlipData {
  site: Site;
  case: CaseInfo;
  shipment: Shipment;
  shipDate: IsoDate;
  contents: { description: string; quantity: number; serial?: string }[];
  paper: PaperSize;
}
