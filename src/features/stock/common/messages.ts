import { defineMessages } from '../../../base/common/messages.ts';

/** What receiving units into stock, taking one for a case and setting a minimum say. */
export const stockMessages = defineMessages('stock', {
  chooseProduct: 'Choose the model',
  chooseGrade: 'Choose new or refurbished',
  chooseSource: 'Choose where the units come from',
  versionRequired: "The minimum's version is required",
  noProduct: 'No product {id}',
  serialInStock: 'Serial {serial} is already in stock: {model}, received {date} by {name}',
  serialUsed: 'Serial {serial} is already used: it replaced the unit of {rma}',
  serialShipped: 'Serial {serial} is already used: it was shipped ahead to {rma}',
  unknownRma: 'No case has the RMA number {code}: scan the RMA barcode on the unit tag',
  notKept: '{rma} is not a unit the depot kept: only the faulty unit of a case resolved as replaced or refunded goes into stock',
  wrongModelCase: 'The unit of {rma} is model {caseModel}, not {model}: choose {caseModel} first',
  caseStocked: 'The unit of {rma} is already in stock as serial {serial}',
  minimum: 'The minimum is a whole number from 0 to {max}',
  changed: "The minimum of {model} was changed at another station meanwhile: the list now shows it, try again",
  notInStock: 'No unit in stock has the serial {serial}: receive it on the Stock screen first',
  wrongModel: 'Serial {serial} is model {stockModel}, not {model} like the unit of {rma}',
  caseNoModel: 'The unit of {rma} has no model Depot knows: no stock unit can replace it',
});
