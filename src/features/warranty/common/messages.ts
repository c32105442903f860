import { defineMessages, fieldLabels, type FieldLabel, type Said } from '../../../base/common/messages.ts';

/**
 * What the warranty rules say when their input is wrong (the policy's schema and impossible dates),
 * and why a region's consumer rules give a remedy. (A coverage decision's reason is its rule and
 * params; see `WarrantyDecision`.) A remedy's `{clause}` is the policy's citation, shown as written.
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
  aNumber: '{label} is a number',
  aWholeNumber: '{label} is a whole number',
  betweenNumbers: '{label} must be between {min} and {max}',
  regionCode: 'Region is a two-letter country code such as KR, CN, GR, US',
  damageKind: 'Damage is physical, liquid or tampering',
  lineTwice: '{productLine} is listed twice',
  regionTwice: '{region} is listed twice',
  regionLineTwice: '{region} / {productLine} is listed twice',
  notRegex: 'Not a valid regular expression',
  ruleKind: 'Choose one of the consumer rules Depot knows',
  ruleTwice: 'This rule is already listed for the region',
  remedyKind: 'A remedy is a refund, an exchange or a repair',
  chooseRemedy: 'Choose at least one remedy',
  periodUnit: 'A period is counted in days or months',
  freightPayer: 'Say who pays the return freight: the customer or the company',
  tooManyRules: 'A region has at most {max} rules',
  patternGroups: 'The pattern needs a (?<year>…) group and either a (?<week>…) or a (?<month>…) group',
  // Dates the rules cannot decide on.
  notRealDate: 'Not a real date (YYYY-MM-DD): "{value}"',
  purchaseAfterToday: 'Purchase date {date} is after today ({today})',
  extendedBeforePurchase: 'Extended warranty end {date} is before the purchase date {purchaseDate}',
  repairBeforePurchase: 'Repair delivery {date} is before the purchase date {purchaseDate}',
  replacementBeforePurchase: 'Replacement {date} is before the purchase date {purchaseDate}',
  repairAfterToday: 'Repair delivery {date} is after today ({today})',
  replacementAfterToday: 'Replacement {date} is after today ({today})',
  goodsReceivedBeforePurchase: 'Goods received {date} is before the purchase date {purchaseDate}',
  goodsReceivedAfterToday: 'Goods received {date} is after today ({today})',
  // Why a region's rules give the customer a remedy.
  earlyFaultDays: 'Fault raised on {reportedOn}, day {day} after the purchase on {purchaseDate}: within {count} days ({clause})',
  earlyFaultMonths: 'Fault raised on {reportedOn}, day {day} after the purchase on {purchaseDate}: within {count} months ({clause})',
  repeatSameFault: 'The same fault ({faultCategory}) is back after {repairs} repairs under warranty ({clause})',
  repeatAnyFault: 'The unit fails again after {repairs} repairs under warranty ({clause})',
  repairDelay: 'In repair for {days} days on this visit, more than {overDays} ({clause})',
  partsDelay: 'Sent in on {sentOn} and waiting for parts: {days} days without a repair, more than {overDays} ({clause})',
  lostUnit: "The unit was lost in the depot's care ({clause})",
  distanceWithdrawal: 'Bought at a distance and received on {receivedOn}, unused and complete, returned on {reportedOn}: within {count} days of receipt, no reason needed; {freight} ({clause})',
  defectReturn: 'A quality defect raised on {reportedOn}, within {count} days of receiving the goods on {receivedOn}; {freight} ({clause})',
  paidRepairRecurrence: 'The fault ({faultCategory}) is back after the paid repair delivered {deliveredOn}: repaired free until {until} ({clause})',
  freightCustomer: 'the customer pays the return freight',
  freightCompany: 'the company pays the freight',
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
