import { defineMessages } from '../../../base/common/messages.ts';

/** What the parts catalog says: saving a part, importing a CSV file, taking parts for a repair. */
export const partsMessages = defineMessages('parts', {
  skuTaken: 'SKU {sku} is already in the catalog',
  noPart: 'No part {id}',
  sayWhyStock: 'Say why the stock changes (count, delivery, loss)',
  unknownSku: 'Unknown SKU {sku}',
  shortStock: 'Only {stock} of {sku} in stock; give a stock reason to take {quantity} anyway',
  stockChanged: 'The stock of {sku} changed meanwhile; try again',
  // Importing a CSV file; the header is row 1.
  header: 'The first row must be the header {header}',
  noRows: 'The file has no parts after its header',
  tooManyRows: 'At most {max} parts per file',
  problems: '{count} problems; nothing was imported',
  rowColumns: 'Row {row}: expected {expected} columns, found {found}',
  rowPrice: 'Row {row}: price "{price}" is not an amount in {currency} (for example {example} is written {plain})',
  rowStock: 'Row {row}: stock "{stock}" is not a whole number',
  rowSkuTwice: 'Row {row}: SKU {sku} is also on row {first}',
  /** `label` is a field label's key, as in `fieldMessages`. */
  rowRequired: 'Row {row}: {label} is required',
  rowTooLong: 'Row {row}: {label} must be at most {max} characters',
  /** `problem` is the code of a message without values (e.g. `bench.priceNegative`), or English. */
  rowProblem: 'Row {row}: {problem}',
});
