/** The shipping desk: carriers and their tracking numbers, shipments, printer settings, print results. */
import { z } from 'zod';
import { line, normalizeTracking, optionalLine, optionalText, rmaSchema, trackingSchema } from '../../../base/common/schemas.ts';
import { statusSchema } from '../../cases/common/index.ts';

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

const rules: Record<string, { pattern: RegExp; message: string; check?: (tracking: string) => boolean; checkMessage?: string }> = {
  'cj logistics': { pattern: /^\d{10,12}$/, message: 'A CJ Logistics tracking number is 10 to 12 digits' },
  'korea post': { pattern: /^\d{13}$/, message: 'A Korea Post tracking number is 13 digits' },
  ups: {
    pattern: /^1Z[0-9A-Z]{16}$/,
    message: 'A UPS tracking number is 1Z and 16 letters or digits',
    check: upsCheckDigitOk,
    checkMessage: 'This UPS tracking number fails its check digit: check for a typo',
  },
  fedex: { pattern: /^(\d{12}|\d{15}|\d{20})$/, message: 'A FedEx tracking number is 12, 15 or 20 digits' },
  'dhl express': { pattern: /^\d{10}$/, message: 'A DHL Express waybill number is 10 digits' },
};

/** Why a tracking number cannot belong to the carrier, or null when it can (or the carrier is not known). */
export function trackingProblem(carrier: string, tracking: string): string | null {
  const rule = rules[carrier.trim().toLowerCase()];
  if (!rule) return null;
  const compact = normalizeTracking(tracking);
  if (!rule.pattern.test(compact)) return rule.message;
  if (rule.check && !rule.check(compact)) return rule.checkMessage!;
  return null;
}

export const shipmentSchema = z
  .object({
    carrier: line(64, 'Carrier'),
    service: optionalLine(64, 'Service').transform((s) => s ?? 'Standard'),
    weightGrams: z.coerce
      .number({ error: 'Weight is a number of grams' })
      .int('Weight is a whole number of grams')
      .min(1, 'Weight is at least 1 g')
      .max(70_000, 'Weight is at most 70,000 g'),
    tracking: trackingSchema,
  })
  .superRefine((value, ctx) => {
    const problem = trackingProblem(value.carrier, value.tracking);
    if (problem) ctx.addIssue({ code: 'custom', path: ['tracking'], message: problem });
  })
  .transform((value) => ({ ...value, tracking: normalizeTracking(value.tracking) }));
export type ShipmentInput = z.input<typeof shipmentSchema>;
export type Shipment = z.output<typeof shipmentSchema>;

/** Documents Depot prints; labels go to the label printer, the rest to the office printer. */
export const documentKinds = ['label', 'unit_tag', 'packing_slip', 'repair_report'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const labelKinds: readonly DocumentKind[] = ['label', 'unit_tag'];

export const paperSizes = ['A4', 'LETTER'] as const;

const hostSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}$/, 'A printer address is a host name or IP address')
  .nullish()
  .transform((s) => s || null);

export const printerSettingsSchema = z
  .object({
    label: z.object({
      /** 'system' prints the PDF on an installed printer; 'zpl' sends ZPL to a network label printer. */
      mode: z.enum(['none', 'system', 'zpl']),
      printer: optionalLine(200, 'Printer'),
      host: hostSchema,
      port: z.coerce.number().int().min(1, 'Port 1 to 65535').max(65_535, 'Port 1 to 65535').default(9100),
    }),
    office: z.object({
      printer: optionalLine(200, 'Printer'),
      paper: z.enum(paperSizes),
    }),
    /** Shipped cases are closed this many days after shipping when no delivery was confirmed. */
    closeAfterDays: z.coerce.number().int().min(1, 'At least 1 day').max(365, 'At most 365 days'),
  })
  .superRefine((value, ctx) => {
    if (value.label.mode === 'system' && !value.label.printer) {
      ctx.addIssue({ code: 'custom', path: ['label', 'printer'], message: 'Choose the label printer' });
    }
    if (value.label.mode === 'zpl' && !value.label.host) {
      ctx.addIssue({ code: 'custom', path: ['label', 'host'], message: 'Give the label printer’s address' });
    }
  });
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>;
export type PrinterSettings = z.output<typeof printerSettingsSchema>;

export const defaultPrinterSettings: PrinterSettings = {
  label: { mode: 'none', printer: null, host: null, port: 9100 },
  office: { printer: null, paper: 'A4' },
  closeAfterDays: 14,
};

export const printDocumentsInput = z.object({
  rma: rmaSchema,
  kinds: z.array(z.enum(documentKinds)).min(1, 'Choose a document').max(documentKinds.length),
  /** The return label needs the shipment; the other documents print it when given. */
  shipment: shipmentSchema.optional(),
});

export const shipInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: 'The case version is required' }).int().positive(),
  shipment: shipmentSchema,
  note: optionalText(2000, 'Note'),
});

export const closeCaseInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: 'The case version is required' }).int().positive(),
  note: optionalText(2000, 'Note'),
});

export const batchLabelsInput = z.object({
  status: z.enum(['ready_to_ship', 'shipped']).default('shipped'),
  /** Only cases that entered the status on this day (YYYY-MM-DD, site time zone); all when absent. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD')
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
  problem: string | null;
}

/** What became of one document: printed, handed back to open or save (no printer), or failed and kept to retry. */
export type PrintOutcome =
  | { kind: DocumentKind; outcome: 'printed'; jobId: number; printer: string; message: string }
  | { kind: DocumentKind; outcome: 'download'; jobId: number; fileName: string; pdfBase64: string; reason: 'no_printer'; message: string }
  | { kind: DocumentKind; outcome: 'failed'; jobId: number; printer: string; message: string };

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
  message: string | null;
}
