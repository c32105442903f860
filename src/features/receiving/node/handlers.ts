import type { receivingMethods } from '../common/contract.ts';
import { addPhoto, listPhotos, photoData } from '../../photos/node/index.ts';
import { receive, recentReceipts, scan, undoReceive } from './receiving.ts';
import { createReturn, finishBox, receiveInReturn, recentReturns } from './returns.ts';
import { returnByNumber, returnOfCase } from './return-store.ts';
import { createUnmatchedParcel, discardParcel, linkParcel, listShelf, parcelsOfCase, setAside, updateParcel } from './shelf.ts';
import type { HandlersFor } from '../../../base/node/handlers.ts';

export const receivingHandlers: HandlersFor<typeof receivingMethods> = {
  'receiving.scan': (ctx, input) => scan(ctx, input.code, input.opening ?? false),
  'receiving.receive': (ctx, input) => receive(ctx, input),
  'receiving.setAside': (ctx, input) => setAside(ctx, input),
  'receiving.recent': (ctx) => recentReceipts(ctx),
  'receiving.undo': (ctx, input) => undoReceive(ctx, input).then(() => null),
  'receiving.receiveInReturn': (ctx, input) => receiveInReturn(ctx, input),
  'receiving.finishBox': (ctx, input) => finishBox(ctx, input),
  'returns.create': (ctx, input) => createReturn(ctx, input),
  'returns.get': (ctx, input) => returnByNumber(ctx.db, input.number),
  'returns.list': (ctx) => recentReturns(ctx.db),
  'returns.ofCase': async (ctx, input) => ({ ret: await returnOfCase(ctx.db, input.rma) }),
  'parcels.createUnmatched': (ctx, input) => createUnmatchedParcel(ctx, input),
  'parcels.update': (ctx, input) => updateParcel(ctx, input),
  'parcels.discard': (ctx, input) => discardParcel(ctx, input),
  'parcels.listUnmatched': (ctx) => listShelf(ctx),
  'parcels.ofCase': (ctx, input) => parcelsOfCase(ctx, input.rma),
  'parcels.link': (ctx, input) => linkParcel(ctx, input),
  'photos.add': (ctx, input) => addPhoto(ctx, input),
  'photos.list': (ctx, input) => listPhotos(ctx, input.rma),
  'photos.get': (ctx, input) => photoData(ctx, input.id),
};
