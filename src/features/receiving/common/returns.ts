import { z } from 'zod';
import { addressSchema, customerSchema, optionalLine, serialSchema, trackingSchema } from '../../../base/common/schemas.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { placeAtSchema } from '../../locations/common/index.ts';
import { conditionSchema, type CustomerReturn, type ReceiveOutcome } from './receiving.ts';
import { receivingMessages } from './messages.ts';

/** A return's number: what its paperwork prints as a barcode, and what the dock scans to open the box. */
export const RETURN_PATTERN = /^RET-[0-9]{4}-[0-9]{6}$/;

/** The most units one return holds (a distributor's pallet is several returns). */
export const MAX_RETURN_UNITS = 500;

/** The columns of a return's units, as a distributor's CSV has them (the header is the first line). */
export const RETURN_CSV_HEADER = ['model', 'serial', 'problem', 'purchase_date'] as const;

export const createReturnInput = z.object({
  customer: customerSchema,
  returnAddress: addressSchema,
  /** The box's tracking number, when it is sent: scanning it opens the return at the dock. */
  tracking: trackingSchema.nullish().transform((s) => s ?? null),
  carrier: optionalLine(64, 'carrier'),
  /** One unit per line: model, serial, problem, purchase date (optional, YYYY-MM-DD). */
  unitsCsv: z.string({ error: zodMessage(receivingMessages.returnNoUnits()) }).max(500_000),
});

export const returnRefInput = z.object({ number: z.string().regex(RETURN_PATTERN, zodMessage(receivingMessages.notAReturn())) });

/** A unit scanned out of an open box: the return's unit with that serial is received with the box's condition. */
export const receiveInReturnInput = z.object({
  returnId: z.number().int().positive(),
  serial: serialSchema,
  condition: conditionSchema,
  placeAt: placeAtSchema,
});

export const finishBoxInput = z.object({ returnId: z.number().int().positive(), version: z.number().int().positive() });

export interface ReturnSummary {
  number: string;
  customerName: string;
  tracking: string | null;
  createdAt: string;
  boxDoneAt: string | null;
  units: number;
  received: number;
  missing: number;
  strays: number;
}

export type BoxScan =
  | { kind: 'received'; rma: string; outcome: ReceiveOutcome; ret: CustomerReturn }
  /** No unit of any open case has the serial: recorded with the box. */
  | { kind: 'stray'; serial: string; ret: CustomerReturn };
