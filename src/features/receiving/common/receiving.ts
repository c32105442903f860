import { z } from 'zod';
import { zodMessage, type Reason } from '../../../base/common/messages.ts';
import { receivingMessages } from './messages.ts';
import { photosMessages } from '../../photos/common/index.ts';
import { normalizeTracking, optionalLine, optionalText, rmaSchema, scanSchema, serialSchema, trackingSchema } from '../../../base/common/schemas.ts';
import type { Status } from '../../cases/common/index.ts';
import { placeAtSchema } from '../../locations/common/index.ts';

export const packagingStates = ['intact', 'damaged', 'opened', 'none'] as const;
export const accessoryKinds = ['adapter', 'cable', 'box', 'manual', 'other'] as const;
export type Accessory = (typeof accessoryKinds)[number];

export const conditionSchema = z.object({
  packaging: z.enum(packagingStates, { error: zodMessage(receivingMessages.choosePackaging()) }),
  physicalDamage: z.boolean(),
  liquidDamage: z.boolean(),
  accessories: z.array(z.enum(accessoryKinds)).max(accessoryKinds.length),
  otherAccessories: optionalLine(200, 'otherAccessories'),
  note: optionalText(2000, 'note'),
});
export type Condition = z.output<typeof conditionSchema>;

export const scanInput = z.object({
  code: scanSchema,
  /** The dock opens a case by its RMA (a walk-in just created, a parcel just linked): no parcel was scanned, so none goes on the shelf. */
  opening: z.boolean().optional(),
});

/** What the dock did by mistake can be taken back by its author within this window (a receipt, a shelf entry); an admin may later. */
export const UNDO_WINDOW_MS = 15 * 60 * 1000;

/**
 * A code the dock takes for a tracking number when no case knows it: 8 to 40 letters and digits
 * (spaces and dashes aside), at least 6 of them digits. Carriers' numbers all are; a product's name,
 * a word or a URL is not.
 */
export function looksLikeTracking(code: string): boolean {
  const norm = normalizeTracking(code);
  return code.length <= 64 && /^[A-Z0-9]{8,40}$/.test(norm) && norm.replace(/[^0-9]/g, '').length >= 6;
}

/** Why a parcel is on the shelf. */
export const shelfReasons = [
  /** Logged by hand: no case known. */
  'unmatched',
  /** Scanned at the dock, no case knows its code: someone has to find out whose it is. */
  'to_identify',
  /** For a case that was not expecting a parcel: */
  'before_approval',
  'after_cancelling',
  'second_parcel',
  'other',
  /** Set aside at the dock: the unit's serial is not the RMA's. */
  'serial_mismatch',
] as const;
export type ShelfReason = (typeof shelfReasons)[number];

/** The reasons the dock offers for a parcel whose case is not expecting one. */
export const caseShelfReasons = ['before_approval', 'after_cancelling', 'second_parcel', 'other'] as const;
export type CaseShelfReason = (typeof caseShelfReasons)[number];

/** The likely reason a case in this status gets a parcel it is not expecting. */
export function likelyShelfReason(status: Status): CaseShelfReason {
  if (status === 'requested' || status === 'rejected') return 'before_approval';
  if (status === 'cancelled') return 'after_cancelling';
  return 'second_parcel';
}

const otherNeedsNote = (x: { reason?: string | null; note: string | null }, ctx: z.RefinementCtx) => {
  if (x.reason === 'other' && !x.note) ctx.addIssue({ code: 'custom', path: ['note'], message: zodMessage(receivingMessages.sayWhyOnShelf()) });
};

export const receiveInput = z.object({
  rma: rmaSchema,
  version: z.number().int().positive(),
  serial: serialSchema,
  mismatchReason: optionalText(500, 'reason'),
  condition: conditionSchema,
  /** The scanned parcel is on the shelf (set aside, or sent early): receiving it takes it off. */
  parcelId: z.number().int().positive().nullish(),
  /** Where the dock puts received units (its inbound shelf), when the station has a location. */
  placeAt: placeAtSchema,
});

/** A unit set aside at the dock: on the shelf for its case, with the serial scanned and the photos taken. */
export const setAsideInput = z
  .object({
    rma: rmaSchema,
    /** The code scanned on the parcel. */
    tracking: trackingSchema,
    serial: serialSchema.nullish(),
    photoIds: z.array(z.number().int().positive()).max(50).default([]),
    shelf: optionalLine(32, 'shelf'),
    note: optionalText(1000, 'note'),
    /** The parcel is already on the shelf (it was scanned from there): this entry is updated. */
    parcelId: z.number().int().positive().nullish(),
  });

export const undoReceiveInput = z.object({
  rma: rmaSchema,
  version: z.number().int().positive(),
  reason: optionalText(500, 'reason').pipe(z.string({ error: zodMessage(receivingMessages.sayWhyUndone()) })),
});

const parcelDetails = {
  carrier: optionalLine(64, 'carrier'),
  senderName: optionalLine(200, 'sender'),
  contents: optionalText(1000, 'contents'),
  shelf: optionalLine(32, 'shelf'),
  note: optionalText(1000, 'note'),
};

/** A parcel put on the shelf: with no case, or for a case that was not expecting it (with the reason). */
export const unmatchedParcelInput = z
  .object({
    tracking: trackingSchema,
    ...parcelDetails,
    rma: rmaSchema.nullish(),
    reason: z.enum(caseShelfReasons).nullish(),
  })
  .superRefine(otherNeedsNote);

/** What the dock adds to a parcel already on the shelf (one scanned to identify, one for a case). */
export const parcelDetailsInput = z
  .object({
    parcelId: z.number().int().positive(),
    ...parcelDetails,
    /** For a parcel that came for a case. */
    reason: z.enum(caseShelfReasons).nullish(),
  })
  .superRefine(otherNeedsNote);

export const parcelIdInput = z.object({ parcelId: z.number().int().positive() });

export const linkParcelInput = z.object({ parcelId: z.number().int().positive(), rma: rmaSchema });

/** Photos: JPEG or PNG, at most 10 MiB each. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const addPhotoInput = z
  .object({
    rma: rmaSchema.optional(),
    parcelId: z.number().int().positive().optional(),
    name: optionalLine(200, 'fileName').pipe(z.string({ error: zodMessage(photosMessages.needsName()) })),
    dataBase64: z
      .string()
      .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4, zodMessage(photosMessages.tooBig()))
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, zodMessage(photosMessages.notBase64())),
  })
  .refine((x) => (x.rma ? 1 : 0) + (x.parcelId ? 1 : 0) === 1, {
    message: zodMessage(photosMessages.oneOwner()),
    path: ['rma'],
  });

/** A unit the dock expects, as the scan finds it. */
export interface ExpectedUnit {
  rma: string;
  status: Status;
  version: number;
  customerName: string;
  model: string | null;
  productName: string | null;
  serial: string;
  accessories: Accessory[];
  inboundTracking: string | null;
}

/**
 * What a scan found. A scan that cannot end in a receipt leaves the parcel on the shelf at once:
 * `logged` says this scan put it there, otherwise it was there already (a rescan).
 */
/** A unit of a return of many units, as its case is now. */
export interface ReturnUnit {
  rma: string;
  model: string | null;
  serial: string;
  status: Status;
  version: number;
  /** The box was done without it. */
  missing: boolean;
}

export interface ReturnStray {
  serial: string;
  scannedAt: string;
  scannedBy: string | null;
}

export interface CustomerReturn {
  id: number;
  number: string;
  version: number;
  customerName: string;
  tracking: string | null;
  createdAt: string;
  boxDoneAt: string | null;
  units: ReturnUnit[];
  /** Serials found in the box that none of its units has. */
  strays: ReturnStray[];
}

/** The return of many units a case came in, as its case page shows it. */
export interface CaseReturn {
  number: string;
  units: number;
  /** The box was done without this unit. */
  missing: boolean;
}

export type ScanResult =
  /** `shelved`: the scanned parcel is on the shelf; receiving it takes it off. */
  | { kind: 'case'; unit: ExpectedUnit; shelved: ShelfParcel | null }
  | { kind: 'choose'; units: ExpectedUnit[]; shelved: ShelfParcel | null }
  /** `parcel` is null only when the dock opened the case rather than scanned a parcel. */
  | { kind: 'not_expecting'; unit: ExpectedUnit; parcel: ShelfParcel | null; logged: boolean }
  | { kind: 'unknown'; code: string; parcel: ShelfParcel; logged: boolean }
  /** The box of a return of many units, by its return number or its tracking number. */
  | { kind: 'return'; ret: CustomerReturn };

/** A parcel on the shelf (or one that was, once linked to its case). */
export interface ShelfParcel {
  id: number;
  tracking: string;
  carrier: string | null;
  senderName: string | null;
  contents: string | null;
  shelf: string | null;
  note: string | null;
  createdAt: string;
  /** Who logged it. */
  createdBy: string | null;
  reason: ShelfReason;
  /** The case it came for, when the dock knew it. */
  forRma: string | null;
  serialScanned: string | null;
  onShelf: boolean;
  linkedRma: string | null;
  photos: number;
  /** The caller may take the entry back as logged by mistake (its author within 15 minutes, or an admin; no photos yet). */
  canDiscard: boolean;
}

export interface PhotoInfo {
  id: number;
  name: string;
  contentType: string;
  size: number;
  createdAt: string;
}

/** A unit this user received lately, kept on the server so Undo survives a reload or another workstation. */
export interface RecentReceipt {
  /** The receipt (one row per receipt: a case received again after an undo has two). */
  id: number;
  rma: string;
  /** The case's version now, for an undo. */
  version: number;
  customerName: string;
  model: string | null;
  serial: string;
  at: string;
  undone: boolean;
  /** Undo is possible now: the receipt stands, the case is still received, and the caller is its author within 15 minutes or an admin. */
  canUndo: boolean;
  /** When the author's 15 minutes end (null: no limit for an admin, or nothing to undo). */
  undoUntil: string | null;
}

export interface ReceiveOutcome {
  rma: string;
  version: number;
  status: string;
  /** The unit tag is printed on receipt; says why when it was not. */
  /** The unit tag is printed on receipt; says why when it was not (`said`: the message's code, for the reader's language). */
  tag: { printed: boolean; message: string; reason?: 'no_printer' | 'failed'; said?: Reason };
}
