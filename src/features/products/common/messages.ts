import { defineMessages } from '../../../base/common/messages.ts';

/** What adding, editing and retiring products say. */
export const productsMessages = defineMessages('products', {
  modelExists: 'Model {model} is already in the list',
  warrantyMonths: 'Warranty months is a whole number from 0 to 120',
  accessory: 'Choose accessories from the list',
  chooseProduct: 'Choose a product',
  noProduct: 'No product {id}',
  versionRequired: "The product's version is required",
  changed: '{model} was changed by another admin meanwhile; the list now shows the change, try again',
  retiredOnlyForAdmin: 'Only an admin sees retired products',
  retired: 'Model {model} is retired: new cases cannot be opened for it',
  alreadyActive: '{model} is already active',
  alreadyRetired: '{model} is already retired',
});
