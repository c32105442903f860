import type { TFunction } from 'i18next';
import type { ApiError } from '../common/result.ts';

/**
 * The shared schemas and the core speak English; people read their own language. Known messages
 * are matched here and translated; anything unknown is shown as it came, never hidden.
 */
const labels: Record<string, string> = {
  'Site name': 'field.siteName',
  Name: 'field.name',
  'Address line 1': 'field.line1',
  'Address line 2': 'field.line2',
  City: 'field.city',
  Region: 'field.region',
  'Postal code': 'field.postalCode',
  Country: 'field.country',
  Phone: 'field.phone',
  'Time zone': 'field.timeZone',
  'Admin name': 'field.adminName',
  PIN: 'field.pin',
  Note: 'field.note',
  Serial: 'field.serial',
  Carrier: 'field.carrier',
  'Tracking number': 'field.tracking',
  Model: 'field.model',
  'Customer name': 'field.customerName',
  'RMA number': 'cases.rma',
};

const fixed: Record<string, string> = {
  'A PIN is 4 to 8 digits': 'msg.pin',
  'Wrong PIN': 'msg.wrongPin',
  'Choose who you are': 'msg.chooseUser',
  'Unknown time zone': 'msg.timeZone',
  'Country is a two-letter code such as KR, CN, GR, US': 'msg.country',
  'A phone number has digits, spaces and + ( ) - only': 'msg.phone',
  'At least 1 day': 'msg.minDays',
  'At most 60 days': 'msg.maxDays',
  'Not an e-mail address': 'msg.email',
  'A serial has only letters, digits, spaces and - _ . /': 'msg.serialChars',
  'A tracking number has only letters, digits, spaces and dashes': 'msg.trackingChars',
  'Give a reason': 'msg.giveReason',
  'Scan or type the unit serial': 'msg.scanSerial',
  'Enter the tracking number': 'msg.enterTracking',
  'Choose how the case was resolved': 'msg.chooseResolution',
  'A user with this name exists': 'msg.userExists',
  'This depot is already set up': 'msg.alreadySetUp',
  'Dates are written YYYY-MM-DD': 'msg.dateFormat',
  'Not a real date': 'msg.notDate',
  'A CJ Logistics tracking number is 10 to 12 digits': 'msg.trackingCj',
  'A Korea Post tracking number is 13 digits': 'msg.trackingKoreaPost',
  'A UPS tracking number is 1Z and 16 letters or digits': 'msg.trackingUps',
  'This UPS tracking number fails its check digit: check for a typo': 'msg.trackingUpsCheck',
  'A FedEx tracking number is 12, 15 or 20 digits': 'msg.trackingFedex',
  'A DHL Express waybill number is 10 digits': 'msg.trackingDhl',
  'Save the diagnosis first': 'msg.gateDiagnosis',
  'The symptom was not confirmed: return the unit as no fault found': 'msg.gateNoFault',
  'Out of warranty: issue an estimate; repair starts once the customer accepts and pays': 'msg.gateOutOfWarranty',
  'No estimate was issued': 'msg.gateNoEstimate',
  'Enter an amount': 'msg.amount',
  'Stock is a whole number': 'msg.wholeStock',
  'Sign in first': 'error.unauthenticated',
  'Depot cannot be reached': 'error.unreachable',
};

const patterns: [RegExp, (m: RegExpMatchArray, t: TFunction) => string][] = [
  [/^(.+) is required$/, (m, t) => t('msg.required', { label: label(m[1]!, t) })],
  [/^(.+) must be at most (\d+) characters$/, (m, t) => t('msg.tooLong', { label: label(m[1]!, t), max: m[2] })],
  [/^This serial does not match the RMA \((.+)\)[;.] [Gg]ive a reason to accept it/, (m, t) => t('msg.serialMismatch', { serial: m[1] })],
  [/^(\S+) was changed by someone else meanwhile/, (m, t) => t('msg.changedMeanwhile', { rma: m[1] })],
  [/^Waiting for the customer to accept estimate version (\d+)$/, (m, t) => t('msg.gateWaiting', { version: m[1] })],
  [
    /^Estimate version (\d+) is accepted but not paid: (.+) of (.+) received$/,
    (m, t) => t('msg.gateUnpaid', { version: m[1], paid: m[2], total: m[3] }),
  ],
  [/^No case (\S+)$/, (m, t) => t('msg.noCase', { rma: m[1] })],
  [/expected number/, (_m, t) => t('msg.number')],
];

function label(english: string, t: TFunction): string {
  const key = labels[english];
  return key ? t(key) : english;
}

export function translateMessage(message: string, t: TFunction): string {
  const key = fixed[message];
  if (key) return t(key);
  for (const [pattern, render] of patterns) {
    const match = message.match(pattern);
    if (match) return render(match, t);
  }
  return message;
}

/** The general message of a failed call, in the reader's language. */
export function errorMessage(error: ApiError, t: TFunction): string {
  if (error.code === 'forbidden') return t('error.forbidden');
  if (error.code === 'internal' && error.message !== 'Depot cannot be reached') return t('error.internal');
  return translateMessage(error.message, t);
}
