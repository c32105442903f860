import { defineMessages } from '../../../base/common/messages.ts';

/** What the receiving dock says. */
export const receivingMessages = defineMessages('receiving', {
  choosePackaging: 'Choose the state of the packaging',
  sayWhyUndone: 'Say why the receipt is undone',
  serialMismatch: 'This serial does not match the RMA ({serial}). Give a reason to accept it, or set the parcel aside.',
  nothingToUndo: '{rma} is not in received: nothing to undo',
  onlyReceiverUndoes: 'Only the person who received it may undo a receipt, within 15 minutes; ask an admin',
  noParcel: 'No such parcel',
  parcelLinked: 'This parcel is already linked to a case',
  // History events.
  mismatchAccepted: 'Serial mismatch accepted: {reason}',
  undone: 'Receipt undone: {reason}',
  parcelLinkedFrom: 'Parcel {tracking} linked from the unmatched shelf',
  parcelLinkedFromShelf: 'Parcel {tracking} linked from the unmatched shelf ({shelf})',
});
