import type { receivingMethods } from '../common/contract.ts';
import { addPhoto, listPhotos, photoData } from '../../photos/node/index.ts';
import {
  createUnmatchedParcel,
  linkParcel,
  listUnmatchedParcels,
  receive,
  recentReceipts,
  scan,
  undoReceive,
} from './receiving.ts';
import { signedIn, type HandlersFor } from '../../../base/node/handlers.ts';

export const receivingHandlers: HandlersFor<typeof receivingMethods> = {
  'receiving.scan': (input, { core }) => scan(core, input.code),
  'receiving.receive': (input, context) => receive(context.core, signedIn(context), input),
  'receiving.recent': (_input, context) => recentReceipts(context.core, signedIn(context)),
  'receiving.undo': async (input, context) => {
    await undoReceive(context.core, signedIn(context), input);
    return null;
  },
  'parcels.createUnmatched': (input, context) => createUnmatchedParcel(context.core, signedIn(context), input),
  'parcels.listUnmatched': (_input, { core }) => listUnmatchedParcels(core),
  'parcels.link': (input, context) => linkParcel(context.core, signedIn(context), input),
  'photos.add': (input, context) => addPhoto(context.core, signedIn(context), input),
  'photos.list': (input, { core }) => listPhotos(core, input.rma),
  'photos.get': (input, { core }) => photoData(core, input.id),
};
