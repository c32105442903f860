import { z } from 'zod';
import {
  addPhotoInput,
  linkParcelInput,
  receiveInput,
  scanInput,
  undoReceiveInput,
  unmatchedParcelInput,
  type PhotoInfo,
  type RecentReceipt,
  type ReceiveOutcome,
  type ScanResult,
  type UnmatchedParcel,
} from './receiving.ts';
import { rmaSchema } from '../../../base/common/schemas.ts';
import { empty, method } from '../../../base/common/rpc.ts';

/** The receiving dock: scans, receipts, unmatched parcels and photos. */
export const receivingMethods = {
  'receiving.scan': method<ScanResult>()({
    input: scanInput,
    access: ['warehouse'],
    summary: 'Finds the case a scanned RMA or tracking number belongs to.',
  }),
  'receiving.receive': method<ReceiveOutcome>()({
    // the unit tag prints only after the receipt committed
    writes: 'own',
    input: receiveInput,
    access: ['warehouse'],
    summary: 'Marks a unit received with its serial check and condition; prints its unit tag.',
  }),
  'receiving.recent': method<RecentReceipt[]>()({
    input: empty,
    access: ['warehouse'],
    summary: 'The last units the signed-in user received, with whether each receipt was undone.',
  }),
  'receiving.undo': method<null>()({
    writes: true,
    input: undoReceiveInput,
    access: ['warehouse'],
    summary: 'Undoes a wrong receipt (its author within 15 minutes, or an admin), with a reason.',
  }),
  'parcels.createUnmatched': method<UnmatchedParcel>()({
    writes: true,
    input: unmatchedParcelInput,
    access: ['warehouse'],
    summary: 'Logs a parcel that matches no case, so it is never lost.',
  }),
  'parcels.listUnmatched': method<UnmatchedParcel[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'Parcels on the unmatched shelf, oldest first.',
  }),
  'parcels.link': method<UnmatchedParcel>()({
    writes: true,
    input: linkParcelInput,
    access: ['warehouse', 'clerk'],
    summary: 'Links an unmatched parcel to its case.',
  }),
  'photos.add': method<PhotoInfo>()({
    // the file is stored before its row, which commits in its own short transaction
    writes: 'own',
    input: addPhotoInput,
    access: ['warehouse', 'technician', 'clerk'],
    summary: 'Adds a JPEG or PNG photo (base64, at most 10 MiB) to a case or an unmatched parcel.',
  }),
  'photos.list': method<PhotoInfo[]>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'Photos of a case.',
  }),
  'photos.get': method<{ dataUrl: string }>()({
    input: z.object({ id: z.number().int().positive() }),
    access: 'signed-in',
    summary: 'One photo as a data URL.',
  }),
} as const;

type ReceivingMethods = typeof receivingMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends ReceivingMethods {}
}
