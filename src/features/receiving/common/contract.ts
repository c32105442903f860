import { z } from 'zod';
import {
  addPhotoInput,
  linkParcelInput,
  parcelDetailsInput,
  parcelIdInput,
  receiveInput,
  scanInput,
  setAsideInput,
  undoReceiveInput,
  unmatchedParcelInput,
  type PhotoInfo,
  type RecentReceipt,
  type ReceiveOutcome,
  type ScanResult,
  type ShelfParcel,
  type CustomerReturn,
  type CaseReturn,
} from './receiving.ts';
import {
  createReturnInput,
  finishBoxInput,
  receiveInReturnInput,
  returnRefInput,
  type BoxScan,
  type ReturnSummary,
} from './returns.ts';
import { rmaSchema } from '../../../base/common/schemas.ts';
import { empty, method } from '../../../base/common/rpc.ts';

/** The receiving dock: scans, receipts, unmatched parcels and photos. */
export const receivingMethods = {
  'receiving.scan': method<ScanResult>()({
    // the lookup takes no write lock; only a parcel no case expects is put on the shelf, in a short transaction
    writes: 'own',
    input: scanInput,
    access: ['warehouse'],
    summary: 'Finds the case a scanned RMA or tracking number belongs to; a parcel no case expects goes on the shelf.',
  }),
  'receiving.receive': method<ReceiveOutcome>()({
    // the unit tag prints only after the receipt committed
    writes: 'own',
    input: receiveInput,
    access: ['warehouse'],
    summary: 'Marks a unit received with its serial check and condition (taking its parcel off the shelf); prints its unit tag.',
  }),
  'receiving.setAside': method<ShelfParcel>()({
    writes: true,
    input: setAsideInput,
    access: ['warehouse'],
    summary: 'Sets a unit aside on the shelf for its case, with the serial scanned, the photos taken and the reason.',
  }),
  'receiving.recent': method<RecentReceipt[]>()({
    input: empty,
    access: ['warehouse'],
    summary: 'The last receipts of the signed-in user, one row per receipt, with whether each can be undone now.',
  }),
  'receiving.undo': method<null>()({
    writes: true,
    input: undoReceiveInput,
    access: ['warehouse'],
    summary: 'Undoes a wrong receipt (its author within 15 minutes, or an admin), with a reason.',
  }),
  'receiving.receiveInReturn': method<BoxScan>()({
    // the receipt is the dock's own (its tag prints after it committed)
    writes: 'own',
    input: receiveInReturnInput,
    access: ['warehouse'],
    summary: 'Receives the unit of an open box by its serial, with the box’s condition; a serial none of its units has is recorded with the box.',
  }),
  'receiving.finishBox': method<CustomerReturn>()({
    writes: true,
    input: finishBoxInput,
    access: ['warehouse'],
    summary: 'Says the box of a return is done: its units not received are recorded as missing from it.',
  }),
  'returns.create': method<CustomerReturn>()({
    writes: true,
    input: createReturnInput,
    access: ['warehouse', 'clerk'],
    summary: 'A return of many units from one customer (a CSV list): a case per unit, all under one return number.',
  }),
  'returns.get': method<CustomerReturn>()({
    input: returnRefInput,
    access: 'signed-in',
    summary: 'A return with its units as they are now, and the serials found in its box that none of them has.',
  }),
  'returns.ofCase': method<{ ret: CaseReturn | null }>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'The return of many units a case came in, if any, and whether it was missing from the box.',
  }),
  'returns.list': method<ReturnSummary[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'The newest returns of many units, with how many were received, missing and found besides.',
  }),
  'parcels.createUnmatched': method<ShelfParcel>()({
    writes: true,
    input: unmatchedParcelInput,
    access: ['warehouse'],
    summary: 'Puts a parcel on the shelf (matching no case, or for a case not expecting it, with the reason); one entry per tracking number.',
  }),
  'parcels.update': method<ShelfParcel>()({
    writes: true,
    input: parcelDetailsInput,
    access: ['warehouse'],
    summary: 'Adds what is known to a parcel on the shelf: carrier, sender, contents, shelf, note, the reason.',
  }),
  'parcels.discard': method<null>()({
    writes: true,
    input: parcelIdInput,
    access: ['warehouse'],
    summary: 'Takes back a shelf entry logged by mistake (its author within 15 minutes, or an admin; none with photos).',
  }),
  'parcels.listUnmatched': method<ShelfParcel[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'Parcels on the shelf, oldest first.',
  }),
  'parcels.ofCase': method<ShelfParcel[]>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'The parcels on the shelf that came for a case, oldest first.',
  }),
  'parcels.link': method<ShelfParcel>()({
    writes: true,
    input: linkParcelInput,
    access: ['warehouse', 'clerk'],
    summary: 'Takes a parcel off the shelf to its case; its photos go with it.',
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
