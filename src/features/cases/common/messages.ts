import { defineMessages } from '../../../base/common/messages.ts';

/** What the cases feature says; other features use `noCase` and `conflict` for the same events. */
export const casesMessages = defineMessages('cases', {
  noCase: 'No case {rma}',
  conflict: '{rma} was changed by someone else meanwhile; reload it and try again',
  rmaUsedUp: 'RMA numbers for {year} are used up',
  purchaseInFuture: 'The purchase date is in the future',
  unknownModel: 'Unknown model "{model}"',
  onReceivingScreen: 'This move is made on the Receiving screen, which checks what it needs',
  onBenchScreen: 'This move is made on the Bench screen, which checks what it needs',
  onShippingScreen: 'This move is made on the Shipping screen, which checks what it needs',
  cannotBecome: 'A case that is {from} cannot become {to}',
  roleCannotMove: 'The {role} role cannot move a case from {from} to {to}',
  giveReason: 'Give a reason',
  scanSerial: 'Scan or type the unit serial',
  enterTracking: 'Enter the tracking number',
  chooseResolution: 'Choose how the case was resolved',
  serialMismatch: 'This serial does not match the RMA ({serial}); give a reason to accept it',
  searchTooLong: 'Search at most {max} characters',
  // History notes Depot writes.
  createdAtDesk: 'Created at the desk',
  requestedOnPortal: 'Requested on the portal',
  unknownProduct: 'Model "{model}" is not in the product catalog',
  serialReceived: 'Serial received: {serial} (RMA says {expected})',
  notPossibleNow: '{rma} is {status}: {doing} is not possible now',
});
