import { z } from 'zod';
import { zodMessage } from '../../../base/common/messages.ts';
import { receivingMessages } from './messages.ts';
import { photosMessages } from '../../photos/common/index.ts';
import { optionalLine, optionalText, rmaSchema, scanSchema, serialSchema, trackingSchema } from '../../../base/common/schemas.ts';

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

export const scanInput = z.object({ code: scanSchema });

export const receiveInput = z.object({
  rma: rmaSchema,
  version: z.number().int().positive(),
  serial: serialSchema,
  mismatchReason: optionalText(500, 'reason'),
  condition: conditionSchema,
});

export const undoReceiveInput = z.object({
  rma: rmaSchema,
  version: z.number().int().positive(),
  reason: optionalText(500, 'reason').pipe(z.string({ error: zodMessage(receivingMessages.sayWhyUndone()) })),
});

export const unmatchedParcelInput = z.object({
  tracking: trackingSchema,
  carrier: optionalLine(64, 'carrier'),
  senderName: optionalLine(200, 'sender'),
  contents: optionalText(1000, 'contents'),
  shelf: optionalLine(32, 'shelf'),
  note: optionalText(1000, 'note'),
});

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
  status: string;
  version: number;
  customerName: string;
  model: string | null;
  productName: string | null;
  serial: string;
  accessories: Accessory[];
  inboundTracking: string | null;
}

export type ScanResult =
  | { kind: 'case'; unit: ExpectedUnit }
  | { kind: 'choose'; units: ExpectedUnit[] }
  | { kind: 'not_expecting'; unit: ExpectedUnit; message: string }
  | { kind: 'unknown'; code: string };

export interface UnmatchedParcel {
  id: number;
  tracking: string;
  carrier: string | null;
  senderName: string | null;
  contents: string | null;
  shelf: string | null;
  note: string | null;
  createdAt: string;
  linkedRma: string | null;
  photos: number;
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
  rma: string;
  /** The case's version now, for an undo. */
  version: number;
  customerName: string;
  model: string | null;
  serial: string;
  at: string;
  undone: boolean;
}

export interface ReceiveOutcome {
  rma: string;
  version: number;
  status: string;
  /** The unit tag is printed on receipt; says why when it was not. */
  tag: { printed: boolean; message: string; reason?: 'no_printer' | 'failed' };
}
