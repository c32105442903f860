/** The shipping desk: carriers and their tracking numbers, shipments, printer settings, print results. */
import { z } from 'zod';
import { commonMessages, zodMessage, type Reason, type Said } from '../../../base/common/messages.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { line, normalizeTracking, optionalLine, optionalText, rmaSchema, trackingSchema } from '../../../base/common/schemas.ts';
import { statusSchema } from '../../cases/common/index.ts';
import { placeAtSchema } from '../../locations/common/index.ts';
import { shippingMessages as m } from './messages.ts';

/** Carriers whose tracking numbers have a known shape; any other carrier is accepted as free text. */
export const knownCarriers = ['CJ Logistics', 'Korea Post', 'UPS', 'FedEx', 'DHL Express'] as const;

/** UPS: "1Z", 6-character shipper, 2-digit service, 7-digit package, then a check digit over the 15 before it. */
function upsCheckDigitOk(tracking: string): boolean {
  const body = tracking.slice(2, 17);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    const value = /\d/.test(char) ? Number(char) : (char.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? 2 * value : value;
  }
  return (10 - (sum % 10)) % 10 === Number(tracking[17]);
}

const rules: Record<string, { pattern: RegExp; message: () => Said; check?: (tracking: string) => boolean; checkMessage?: () => Said }> = {
  'cj logistics': { pattern: /^\d{10,12}$/, message: m.trackingCj },
  'korea post': { pattern: /^\d{13}$/, message: m.trackingKoreaPost },
  ups: { pattern: /^1Z[0-9A-Z]{16}$/, message: m.trackingUps, check: upsCheckDigitOk, checkMessage: m.trackingUpsCheck },
  fedex: { pattern: /^(\d{12}|\d{15}|\d{20})$/, message: m.trackingFedex },
  'dhl express': { pattern: /^\d{10}$/, message: m.trackingDhl },
};

/** Why a tracking number cannot belong to the carrier, or null when it can (or the carrier is not known). */
export function trackingReason(carrier: string, tracking: string): Said | null {
  const rule = rules[carrier.trim().toLowerCase()];
  if (!rule) return null;
  const compact = normalizeTracking(tracking);
  if (!rule.pattern.test(compact)) return rule.message();
  if (rule.check && !rule.check(compact)) return rule.checkMessage!();
  return null;
}

/** The same in English only, for logs and scripts; people are shown `trackingReason`, worded in their language. */
export const trackingProblem = (carrier: string, tracking: string): string | null => trackingReason(carrier, tracking)?.text ?? null;

export const shipmentSchema = z
  .object({
    carrier: line(64, 'carrier'),
    service: optionalLine(64, 'service').transform((s) => s ?? 'Standard'),
    weightGrams: z
      .number({ error: zodMessage(m.weightNumber()) })
      .int(zodMessage(m.weightWhole()))
      .min(1, zodMessage(m.weightMin()))
      .max(70_000, zodMessage(m.weightMax())),
    tracking: trackingSchema,
  })
  .superRefine((value, ctx) => {
    const problem = trackingReason(value.carrier, value.tracking);
    if (problem) ctx.addIssue({ code: 'custom', path: ['tracking'], message: zodMessage(problem) });
  })
  .transform((value) => ({ ...value, tracking: normalizeTracking(value.tracking) }));
export type ShipmentInput = z.input<typeof shipmentSchema>;
export type Shipment = z.output<typeof shipmentSchema>;

/** Documents Depot prints; labels go to the label printer, the rest to the office printer. */
export const documentKinds = ['label', 'unit_tag', 'packing_slip', 'repair_report', 'intake_receipt', 'estimate'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const labelKinds: readonly DocumentKind[] = ['label', 'unit_tag'];
/** Documents that go on or in the return parcel, so they need the customer's return address. */
export const addressedKinds: readonly DocumentKind[] = ['label', 'packing_slip'];

export const paperSizes = ['A4', 'LETTER'] as const;

const hostSchema = z
  .string()
  .trim()
  // An IPv4 address or a host name: dot-separated labels of letters, digits and inner hyphens.
  // Empty is no address, which the settings' own check asks for when ZPL needs one.
  .regex(/^(?:(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)?$/, zodMessage(m.printerHost()))
  .nullish()
  .transform((s) => s || null);

export const printerSettingsSchema = z
  .object({
    label: z.object({
      /** 'system' prints the PDF on an installed printer; 'zpl' sends ZPL to a network label printer. */
      mode: z.enum(['none', 'system', 'zpl']),
      printer: optionalLine(200, 'printer'),
      host: hostSchema,
      port: z.number({ error: zodMessage(m.port()) }).int(zodMessage(m.port())).min(1, zodMessage(m.port())).max(65_535, zodMessage(m.port())).default(9100),
    }),
    office: z.object({
      printer: optionalLine(200, 'printer'),
      paper: z.enum(paperSizes),
    }),
    /** Shipped cases are closed this many days after shipping when no delivery was confirmed. */
    closeAfterDays: z
      .number({ error: zodMessage(commonMessages.number()) })
      .int(zodMessage(commonMessages.wholeNumber()))
      .min(1, zodMessage(commonMessages.minDays({ min: 1 })))
      .max(365, zodMessage(commonMessages.maxDays({ max: 365 }))),
  })
  .superRefine((value, ctx) => {
    if (value.label.mode === 'system' && !value.label.printer) {
      ctx.addIssue({ code: 'custom', path: ['label', 'printer'], message: zodMessage(m.chooseLabelPrinter()) });
    }
    if (value.label.mode === 'zpl' && !value.label.host) {
      ctx.addIssue({ code: 'custom', path: ['label', 'host'], message: zodMessage(m.labelPrinterAddress()) });
    }
  });
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>;
export type PrinterSettings = z.output<typeof printerSettingsSchema>;

export const defaultPrinterSettings: PrinterSettings = {
  label: { mode: 'none', printer: null, host: null, port: 9100 },
  office: { printer: null, paper: 'A4' },
  closeAfterDays: 14,
};

export const testPrintInput = z.object({ kind: z.enum(documentKinds) });

/** What became of a test print: nothing is kept in the print queue, so there is no job to retry. */
export type TestPrintOutcome =
  | { kind: DocumentKind; outcome: 'printed'; printer: string }
  | { kind: DocumentKind; outcome: 'download'; fileName: string; pdfBase64: string }
  | { kind: DocumentKind; outcome: 'failed'; printer: string; message: string; reason: Reason };

export const printDocumentsInput = z.object({
  rma: rmaSchema,
  kinds: z.array(z.enum(documentKinds)).min(1, zodMessage(m.chooseDocument())).max(documentKinds.length),
  /** The return label needs the shipment; the other documents print it when given. */
  shipment: shipmentSchema.optional(),
});

export const shipInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: zodMessage(commonMessages.versionRequired()) }).int().positive(),
  shipment: shipmentSchema,
  note: optionalText(2000, 'note'),
  /** Where the desk puts shipped units until the carrier collects them (its outbound shelf), when the station has a location. */
  placeAt: placeAtSchema,
});

export const closeCaseInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: zodMessage(commonMessages.versionRequired()) }).int().positive(),
  note: optionalText(2000, 'note'),
});

export const batchLabelsInput = z.object({
  status: z.enum(['ready_to_ship', 'shipped']).default('shipped'),
  /** Only cases that entered the status on this day (YYYY-MM-DD, site time zone); all when absent. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(commonMessages.dateFormat()))
    .optional(),
});

/** A case on the desk's queue. */
export interface ShippingQueueRow {
  rma: string;
  version: number;
  status: z.infer<typeof statusSchema>;
  customerName: string;
  model: string | null;
  serial: string;
  resolution: string | null;
  statusChangedAt: string;
  /** Why its documents cannot be printed yet (e.g. no return address), or null. */
  problem: Said | null;
}

/** What became of one document: printed, handed back to open or save (no printer), or failed and kept to retry. */
export type PrintOutcome =
  | { kind: DocumentKind; outcome: 'printed'; jobId: number; printer: string; message: string }
  | { kind: DocumentKind; outcome: 'download'; jobId: number; fileName: string; pdfBase64: string; reason: 'no_printer'; message: string }
  /** `reason`: why, when Depot could say it, for the reader's language. */
  | { kind: DocumentKind; outcome: 'failed'; jobId: number; printer: string; message: string; reason?: Reason };

export interface PrintJob {
  id: number;
  kind: DocumentKind;
  rma: string | null;
  printer: string | null;
  state: 'pending' | 'printed' | 'downloaded' | 'failed';
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface BatchProgress {
  id: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  /** The cases whose labels were left out for an incomplete address, by RMA. */
  skipped: string[];
  /** Why a failed batch failed, for the clerk's language. */
  error: ApiError | null;
}
