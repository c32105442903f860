import { defineMessages } from '../../../base/common/messages.ts';

/** What printing says when a document cannot go to its printer. */
export const printingMessages = defineMessages('printing', {
  notInstalled: 'No printer "{printer}" is installed on this computer',
  noZpl: 'This document has no label-printer (ZPL) form',
  notReachable: 'The printer "{printer}" is not installed or not reachable from this computer',
});
