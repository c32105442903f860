/**
 * What Depot says to people, as data: a stable code, the values it speaks of, and its English
 * wording. The UI words a message from its code and params in the reader's language; the API
 * also sends the English text for integrators and logs. Nothing ever reads the English back.
 */
export type Params = Record<string, string | number>;

/** A message's code and values: what crosses the API for the UI to translate. */
export interface Reason {
  code: string;
  params: Params;
}

/** A message with its English wording. */
export interface Said extends Reason {
  text: string;
}

/** The `{name}` slots of an English template, as a union of names. */
type Slots<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Slots<Rest> : never;

export type Maker<S extends string> = [Slots<S>] extends [never]
  ? () => Said
  : (params: { [K in Slots<S>]: string | number }) => Said;

/** Fills the `{name}` slots of a template with the values given. */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** Params that name a status: the English says the code in words ("ready to ship"); the params keep the code. */
const STATUS_PARAMS = new Set(['status', 'from', 'to']);

/**
 * A `labels` param names several fields: their label keys, joined by commas (`line1,city`), which
 * each reader's language words as a list of its own.
 */
export const LABELS_PARAM = 'labels';
export const labelKeysOf = (value: string): string[] => value.split(',').filter(Boolean);

/** Params as the English wording says them: statuses and field labels in words. */
const paramsInWords = (params: Params): Params =>
  Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      if (STATUS_PARAMS.has(name)) return [name, value.replace(/_/g, ' ')];
      if (name === LABELS_PARAM) return [name, labelKeysOf(value).map((key) => fieldLabels[key as FieldLabel] ?? key).join(', ')];
      return [name, value];
    }),
  );

/**
 * One feature's messages: key → English template with `{name}` slots. Each becomes a function that
 * takes exactly the template's slots; its code is `<feature>.<key>`.
 */
export function defineMessages<const T extends Record<string, string>>(
  feature: string,
  english: T,
): { [K in keyof T & string]: Maker<T[K]> } & { readonly english: T; readonly feature: string } {
  const makers: Record<string, unknown> = { english, feature };
  for (const [key, template] of Object.entries(english)) {
    makers[key] = (params: Params = {}): Said => ({ code: `${feature}.${key}`, params, text: fill(template, paramsInWords(params)) });
  }
  return makers as never;
}

// --- Messages in a language -----------------------------------------------------------------

/** The languages messages are translated into; English is the catalogs' own wording. */
export type MessageLanguage = 'ko' | 'zh';
/** The languages Depot speaks: to its staff on screen, and to its customers on documents and the portal. */
export type Language = 'en' | MessageLanguage;

/**
 * A feature's messages in Korean and Chinese: one sentence per key of its catalog, with the same
 * `{name}` slots. The type makes a missing or unknown key fail the type check.
 */
export type Translations<Catalog extends { english: Record<string, string> }> = Record<
  MessageLanguage,
  { [K in keyof Catalog['english']]: string }
>;

/** The BCP 47 tag of a language, for Intl and for glyph shapes: Chinese is Simplified. */
export const languageTag = (language: Language): string => ({ en: 'en-US', ko: 'ko-KR', zh: 'zh-CN' })[language];

/** The language of a BCP 47 tag or a customer's locale ("ko", "zh-CN"); English for any other. */
export function languageOf(locale: string | null | undefined): Language {
  const code = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return code === 'ko' || code === 'zh' ? code : 'en';
}

/**
 * One catalog's message in a language, for text Depot writes for a reader away from the screen
 * (documents, the portal). A value that is the code of another message of the same catalog (who
 * pays the freight) is worded too.
 */
export function sayIn(
  language: Language,
  said: Said,
  catalog: { feature: string; english: Record<string, string> },
  translations: Translations<{ english: Record<string, string> }>,
): string {
  const prefix = `${catalog.feature}.`;
  if (language === 'en' || !said.code.startsWith(prefix)) return said.text;
  const table = translations[language] as Record<string, string>;
  const template = table[said.code.slice(prefix.length)];
  if (template === undefined) return said.text;
  const params: Params = {};
  for (const [name, value] of Object.entries(said.params)) {
    const nested = typeof value === 'string' && value.startsWith(prefix) ? table[value.slice(prefix.length)] : undefined;
    params[name] = nested ?? value;
  }
  return fill(template, params);
}

// --- Field labels and the messages of the shared schemas --------------------------------------

/** The names of the fields the shared schemas check, as the messages about them say them. */
export const fieldLabels = {
  field: 'This field',
  text: 'This text',
  siteName: 'Site name',
  name: 'Name',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
  phone: 'Phone',
  email: 'E-mail',
  timeZone: 'Time zone',
  adminName: 'Admin name',
  pin: 'PIN',
  newPin: 'New PIN',
  pinLength: 'PIN length',
  idleMinutes: 'Lock after idle minutes',
  documentLanguage: "Documents' language",
  note: 'Note',
  reason: 'Reason',
  serial: 'Serial',
  carrier: 'Carrier',
  service: 'Service',
  tracking: 'Tracking number',
  model: 'Model',
  customerName: 'Customer name',
  rma: 'RMA number',
  date: 'Date',
  problemCategory: 'Problem category',
  problemDescription: 'Problem description',
  sku: 'SKU',
  partName: 'Part name',
  productLine: 'Product line',
  description: 'Description',
  printer: 'Printer',
  faultCategory: 'Fault category',
  faultFound: 'Fault found',
  testResults: 'Test results',
  internalNotes: 'Internal notes',
  customerNotes: 'Notes for the customer',
  workDone: 'Work done',
  stockReason: 'Stock reason',
  shelf: 'Shelf',
  sender: 'Sender',
  search: 'Search',
  paymentReference: 'Payment reference',
  otherAccessories: 'Other accessories',
  fileName: 'File name',
  contents: 'Contents',
  // Bench, estimates and warranty settings.
  price: 'Price',
  amount: 'Amount',
  unitPrice: 'Unit price',
  shipping: 'Shipping',
  discount: 'Discount',
  hourlyRate: 'Hourly rate',
  level1Fee: 'Level 1 fee',
  level2Fee: 'Level 2 fee',
  level3Fee: 'Level 3 fee',
  returnShippingFee: 'Return shipping fee',
  standardWarranty: 'Standard warranty',
  warranty: 'Warranty',
  noReasonReturn: 'No-reason return period',
  companyPaidShipping: 'Company-paid shipping period',
  extendedWarranty: 'Extended warranty',
  repairWarranty: 'Repair warranty',
  dateCodePattern: 'Date-code pattern',
  // Consumer rules by region.
  clause: 'Clause',
  rulePeriod: 'Period',
  ruleRepairs: 'Number of repairs',
  ruleDays: 'Days',
  goodsReceivedOn: 'Goods received on',
  vendor: 'Vendor',
} as const;
export type FieldLabel = keyof typeof fieldLabels;

const labelled = (code: string, template: string) => (label: FieldLabel, params: Params = {}): Said => {
  const all = { ...params, label };
  return { code, params: all, text: fill(template, { ...params, label: fieldLabels[label] }) };
};

/** Messages about one field; `label` is a field label's key, worded by the reader's language. */
export const fieldMessages = {
  required: labelled('field.required', '{label} is required'),
  tooLong: labelled('field.tooLong', '{label} must be at most {max} characters'),
  nul: labelled('field.nul', '{label} contains a NUL character; remove it and type the text again'),
  invisible: labelled('field.invisible', '{label} contains invisible or text-direction characters; type it again without them'),
};

/** Messages of the shared schemas that name no field. */
export const commonMessages = defineMessages('common', {
  rmaFormat: 'RMA numbers look like RMA-2026-000123',
  serialChars: 'A serial has only letters, digits, spaces and - _ . /',
  trackingChars: 'A tracking number has only letters, digits, spaces and dashes',
  dateFormat: 'Dates are written YYYY-MM-DD',
  notDate: 'Not a real date',
  pin: 'A PIN is 4 to 8 digits',
  pinDigits: 'A PIN at this site is exactly {digits} digits',
  pinLength: 'PINs are 4 to 8 digits long',
  email: 'Not an e-mail address',
  phone: 'A phone number has digits, spaces and + ( ) - only',
  country: 'Country is a two-letter code such as KR, CN, GR, US',
  timeZone: 'Unknown time zone',
  minDays: 'At least {min} day',
  maxDays: 'At most {max} days',
  idleMinutes: 'Between {min} and {max} minutes',
  documentLanguage: "Choose the customer's language, English, Korean or Chinese",
  scanCode: 'Scan a code',
  notACode: 'That is not a code: at most 200 characters',
  versionRequired: 'The case version is required',
  number: 'Enter a number',
  wholeNumber: 'Enter a whole number',
  amount: 'Enter an amount',
  invalid: 'Invalid input',
  // The dispatcher's own answers.
  unknownMethod: 'Unknown method {method}',
  signInFirst: 'Sign in first',
  roleCannot: 'The {role} role cannot do this',
  internal: 'Depot could not do this; the error was logged',
  unreachable: 'Depot cannot be reached',
  foreignWindow: 'Calls are accepted from Depot’s own window only',
});

/** What base/node says: the database Depot opens. */
export const databaseMessages = defineMessages('database', {
  newerSchema: 'This database was written by a newer Depot (schema {newest}; this Depot knows up to {known}). Update Depot to open it.',
  // Why a file is refused at open, at restore or by `depot check`: the path, then what is wrong.
  empty: '{file} is empty (0 bytes) where a database was expected. To start a new database there, run: depot init --db {file}.',
  notSqlite: '{file} is not a database: it is not an SQLite file. Check the path.',
  notDepot: '{file} is an SQLite database, but not a Depot database (it has no depot_migrations table). Check the path.',
  truncated: '{file} is cut short: it has {size} bytes, and its header says {expected}.',
  damaged: '{file} is damaged: {detail}.',
  unknownSchema: '{file} has schema changes this Depot does not know ({ids}); it was not written by this version of Depot.',
  // What to do about a refused file.
  restoreNewest: 'Stop Depot and restore the latest backup (taken {taken}): depot restore {backup} --db {file}',
  noBackupFound: 'No backup was found in {folder}. Stop Depot and restore a backup kept elsewhere: depot restore BACKUP_FILE --db {file}',
  // Backups and restores.
  inUse: '{file} is open in a running Depot. Stop it, then run the restore again.',
  restoreSqliteOnly: 'Depot restores SQLite files only. Restore a PostgreSQL database with pg_restore.',
  noPgDump: 'pg_dump was not found on PATH. Install the PostgreSQL client tools, or back up this database with pg_dump yourself.',
  pgDumpFailed: 'pg_dump failed: {detail}',
  backupFailed: 'The backup failed: {detail}',
  notABackup: '{file} is not a file.',
});

// --- Carrying a message through zod ----------------------------------------------------------

/**
 * Zod keeps one string per issue; a schema's message is the Said as JSON, so the dispatcher and
 * the forms get the code and params back whole (`readSaid`), and never parse a sentence.
 */
export const zodMessage = (said: Said): string => JSON.stringify(said);

/** The English of a schema's message, for a command line or a log. */
export const englishOf = (message: string): string => readSaid(message)?.text ?? message;

export function readSaid(message: string): Said | null {
  if (!message.startsWith('{"code":')) return null;
  try {
    const value = JSON.parse(message) as Partial<Said>;
    return typeof value.code === 'string' && typeof value.text === 'string' && value.params && typeof value.params === 'object'
      ? (value as Said)
      : null;
  } catch {
    return null;
  }
}

/** A message as a table keeps it for later readers: its code, params and English, as JSON. */
export const storeSaid = ({ code, params, text }: Said): string => JSON.stringify({ code, params, text });

/**
 * A stored message as the API sends it. A text stored as plain English (before Depot kept messages)
 * comes back under a code no language has, so every reader sees it as it was stored.
 */
export function readStored(stored: string): Said {
  return readSaid(stored) ?? { code: 'stored.text', params: {}, text: stored };
}

// --- Notes made of messages -----------------------------------------------------------------

/** One line of a history note: a message Depot wrote (with its code), or words a person typed. */
export type NotePart = Said | { text: string };

/** A note's lines, dropping the empty ones; null when nothing is left. */
export function noteOf(...parts: (Said | string | null | undefined)[]): NotePart[] | null {
  const kept = parts.flatMap((p): NotePart[] => (!p ? [] : typeof p === 'string' ? [{ text: p }] : [p]));
  return kept.length > 0 ? kept : null;
}

/** The English text of a note, as the API has always sent it. */
export const noteText = (parts: readonly NotePart[] | null): string | null =>
  parts && parts.length > 0 ? parts.map((p) => p.text).join('\n') : null;
