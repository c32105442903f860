import { defineMessages, fieldLabels, type FieldLabel, type Said } from '../../../base/common/messages.ts';

/**
 * What the warranty rules say when their input is wrong: the policy's schema and impossible dates.
 * (A decision's reason is its rule and params; see `WarrantyDecision`.)
 */
export const warrantyMessages = defineMessages('warranty', {
  // A term of the policy, named by a field label (`label`).
  numberOfMonths: '{label} is a number of months',
  numberOfDays: '{label} is a number of days',
  numberOfYears: '{label} is a number of years',
  wholeMonths: '{label} is a whole number of months',
  wholeDays: '{label} is a whole number of days',
  wholeYears: '{label} is a whole number of years',
  betweenMonths: '{label} must be between {min} and {max} months',
  betweenDays: '{label} must be between {min} and {max} days',
  betweenYears: '{label} must be between {min} and {max} years',
  regionCode: 'Region is a two-letter country code such as KR, CN, GR, US',
  damageKind: 'Damage is physical, liquid or tampering',
  lineTwice: '{productLine} is listed twice',
  regionTwice: '{region} is listed twice',
  regionLineTwice: '{region} / {productLine} is listed twice',
  notRegex: 'Not a valid regular expression',
  patternGroups: 'The pattern needs a (?<year>…) group and either a (?<week>…) or a (?<month>…) group',
  // Dates the rules cannot decide on.
  notRealDate: 'Not a real date (YYYY-MM-DD): "{value}"',
  purchaseAfterToday: 'Purchase date {date} is after today ({today})',
  extendedBeforePurchase: 'Extended warranty end {date} is before the purchase date {purchaseDate}',
  repairBeforePurchase: 'Repair delivery {date} is before the purchase date {purchaseDate}',
  replacementBeforePurchase: 'Replacement {date} is before the purchase date {purchaseDate}',
  repairAfterToday: 'Repair delivery {date} is after today ({today})',
  replacementAfterToday: 'Replacement {date} is after today ({today})',
});

/** A message about one policy term: English says its label, the params carry the label's key. */
export function aboutTerm<P extends { label: string | number }>(
  maker: (params: P) => Said,
  label: FieldLabel,
  params: Omit<P, 'label'>,
): Said {
  const said = maker({ ...params, label: fieldLabels[label] } as P);
  return { ...said, params: { ...said.params, label } };
}
