import { defineMessages } from '../../../base/common/messages.ts';

/** What the receiving dock says. */
export const receivingMessages = defineMessages('receiving', {
  choosePackaging: 'Choose the state of the packaging',
  sayWhyUndone: 'Say why the receipt is undone',
  serialMismatch: 'This serial does not match the RMA ({serial}). Give a reason to accept it, or set the parcel aside.',
  nothingToUndo: 'The receipt of {rma} can no longer be undone: the case is {status} now',
  onlyReceiverUndoes: 'Only the person who received it may undo a receipt, within 15 minutes; ask an admin',
  noParcel: 'No such parcel',
  parcelLinked: 'This parcel is already linked to a case',
  notAParcelCode: '{code} is neither an RMA number nor a tracking number. Nothing was recorded.',
  alreadyOnShelfAt: '{tracking} is already on the shelf at {shelf} since {since}, logged by {by}',
  alreadyOnShelf: '{tracking} is already on the shelf since {since}, logged by {by}',
  sayWhyOnShelf: 'Say why the parcel is on the shelf',
  reasonNeedsCase: 'Give the RMA of the case the parcel came for',
  notOnShelf: 'This parcel is no longer on the shelf',
  onlyLoggerDiscards: 'Only the person who logged a parcel may take it back, within 15 minutes; ask an admin',
  parcelHasPhotos: 'This parcel has photos: keep it on the shelf, or link it to its case',
  photoNotOfCase: 'A photo given is not one of this case’s photos taken at the dock',
  // History events.
  mismatchAccepted: 'Serial mismatch accepted: {reason}',
  undone: 'Receipt undone: {reason}',
  parcelLinkedFrom: 'Parcel {tracking} linked from the unmatched shelf',
  parcelLinkedFromShelf: 'Parcel {tracking} linked from the unmatched shelf ({shelf})',
});
