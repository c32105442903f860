import { defineMessages } from '../../../base/common/messages.ts';

/** What the shipping desk says. */
export const shippingMessages = defineMessages('shipping', {
  // Tracking numbers of the carriers Depot knows.
  trackingCj: 'A CJ Logistics tracking number is 10 to 12 digits',
  trackingKoreaPost: 'A Korea Post tracking number is 13 digits',
  trackingUps: 'A UPS tracking number is 1Z and 16 letters or digits',
  trackingUpsCheck: 'This UPS tracking number fails its check digit: check for a typo',
  trackingFedex: 'A FedEx tracking number is 12, 15 or 20 digits',
  trackingDhl: 'A DHL Express waybill number is 10 digits',
  // The shipment form.
  weightNumber: 'Weight is a number of grams',
  weightWhole: 'Weight is a whole number of grams',
  weightMin: 'Weight is at least 1 g',
  weightMax: 'Weight is at most 70,000 g',
  // Printer settings.
  printerHost: 'A printer address is a host name or IP address',
  port: 'Port 1 to 65535',
  chooseLabelPrinter: 'Choose the label printer',
  chooseOfficePrinter: 'Choose the office printer',
  labelPrinterAddress: 'Give the label printer’s address',
  chooseDocument: 'Choose a document',
  whichJob: 'Which job?',
  // The return address and the desk's refusals.
  noReturnAddress: "{rma} has no return address: add the customer's address first",
  addressIncomplete: 'The return address of {rma} has no {labels}: complete it before printing',
  noIntakeReceipt: '{rma} has no receipt from the dock: there is no intake receipt to print',
  noEstimate: '{rma} has no issued estimate to print',
  notReadyToShip: '{rma} is {status}, not ready to ship: it was not shipped',
  noPrintJob: 'No print job {id}',
  alreadyPrinted: 'Print job {id} has already printed',
  noLabelsToPrint: 'No {status} cases have a label to print',
  noLabelsToPrintOn: 'No {status} cases on {day} have a label to print',
  // The unit tag printed on receipt.
  noUnitTagPrinter: 'No label printer is set up: the unit tag was not printed.',
  unitTagSent: 'Unit tag sent to {printer}.',
  noLabelBatch: 'No label batch {id}',
  closedAfterShipping: 'Closed {days} days after shipping',
  deliveryConfirmed: 'Delivery confirmed',
});
