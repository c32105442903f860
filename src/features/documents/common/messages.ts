import { defineMessages } from '../../../base/common/messages.ts';

/** What the documents feature says when a document cannot be made or a label cannot be sent. */
export const documentsMessages = defineMessages('documents', {
  notCode128: '"{text}" cannot be printed as a Code128 barcode: use printable ASCII only',
  barcodeTooWide: '"{text}" is too long for a barcode {width} pt wide',
  barcodeTooLongForLabel: '"{text}" is too long for a barcode on this label',
  noLabels: 'There are no labels to print',
  labelSizesDiffer: 'Labels printed together must share one label size',
  labelTooBig: 'A label in {first}–{last} does not fit on one page',
  printerTimeout: 'The label printer at {host}:{port} did not answer within {seconds} s. Check that it is on and on the network.',
  printerUnreachable: "Could not send the label to the printer at {host}:{port} ({error}). Check the printer's address and that it is on.",
});
