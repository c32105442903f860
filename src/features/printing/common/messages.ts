import { defineMessages } from '../../../base/common/messages.ts';

/** What printing says when a document cannot go to its printer. */
export const printingMessages = defineMessages('printing', {
  notInstalled: 'No printer "{printer}" is installed on this computer',
  noZpl: 'This document has no label-printer (ZPL) form',
  notReachable: 'The printer "{printer}" is not installed or not reachable from this computer',
  // The system's printers through CUPS (browser mode and the CLI).
  cupsNotRunning: 'The print service (CUPS) is not running on this computer: start it, then retry the print',
  cupsServerDown: 'The print server {server} does not answer: check that CUPS is running there, then retry the print',
  cupsMissing: 'The print command "{command}" is not installed on this computer: install CUPS to print',
  cupsNoSuchPrinter: 'The print service has no printer "{printer}": add it to CUPS, or choose another printer',
  refused: 'The printer refused the document ({detail})',
  lpFailed: 'The printer "{printer}" did not take the document: {detail}',
});
