import { defineMessages, fieldLabels, type FieldLabel, type Said } from '../../../base/common/messages.ts';

/** What estimates say: the checks of an estimate's lines and of the site's rates. */
export const estimatesMessages = defineMessages('estimates', {
  // An amount of money, named by a field label (`label`).
  moneyWhole: "{label} must be a whole number of the currency's smallest unit",
  moneyNegative: '{label} cannot be negative',
  moneyTooLarge: '{label} is too large',
  moreThanZero: '{label} must be more than zero',
  quantityRequired: 'Quantity is required',
  quantityWhole: 'Quantity must be a whole number',
  quantityMin: 'Quantity must be at least 1',
  quantityMax: 'Quantity must be at most {max}',
  hoursRequired: 'Hours are required',
  hoursPositive: 'Hours must be more than 0',
  hoursMax: 'Hours must be at most {max}',
  hoursDecimals: 'Hours have at most two decimals',
  damageLevel: 'Damage level is 1, 2 or 3',
  hoursOrLevel: 'Enter hours or choose a damage level',
  notBoth: 'Enter hours or a damage level, not both',
  lineKind: 'Line kind must be part, labor, shipping or discount',
  taxRateRequired: 'Tax rate is required',
  taxRateWhole: 'Tax rate is a whole number of basis points (1000 = 10%)',
  taxRateNegative: 'Tax rate cannot be negative',
  taxRateMax: 'Tax rate is at most 10000 basis points (100%)',
  discountExceeds: 'Discounts cannot exceed the chargeable subtotal of {subtotal}',
});

/**
 * A message about one field, named by its label: the English says the label, the params carry
 * the label's key, so each language says it its own way (as `fieldMessages` do).
 */
export function aboutField<P extends { label: string | number }>(
  maker: (params: P) => Said,
  label: FieldLabel,
  params: Omit<P, 'label'> = {} as Omit<P, 'label'>,
): Said {
  const said = maker({ ...params, label: fieldLabels[label] } as P);
  return { ...said, params: { ...said.params, label } };
}
