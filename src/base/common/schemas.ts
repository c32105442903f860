import { z } from 'zod';
import { commonMessages as m, fieldMessages, zodMessage, type FieldLabel } from './messages.ts';
import { currencies } from './money.ts';

/** Shared by the API (to parse) and the forms (to validate as the user types). */

// Control characters (scanners add tabs and CRs; pastes add worse) are never kept.
const controlChars = /[\u0001-\u001f\u007f-\u009f]/g;

const required = (label: FieldLabel) => zodMessage(fieldMessages.required(label));
const tooLong = (label: FieldLabel, max: number) => zodMessage(fieldMessages.tooLong(label, { max }));

/**
 * Every text input starts here: a NUL byte is refused at its field (no keyboard types one, and
 * PostgreSQL cannot keep one), and the text is put in Unicode's composed form (NFC), so a word
 * typed on any system is stored, searched and compared one way.
 */
export const textInput = (label: FieldLabel = 'text') =>
  z
    .string({ error: required(label) })
    .refine((s) => !s.includes('\u0000'), zodMessage(fieldMessages.nul(label)))
    .transform((s) => s.normalize('NFC'));

/** Free text of one line: control characters removed, surrounding space trimmed. */
export const line = (max: number, label: FieldLabel = 'field') =>
  textInput(label)
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().min(1, required(label)).max(max, tooLong(label, max)));

export const optionalLine = (max: number, label: FieldLabel = 'field') =>
  textInput(label)
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().max(max, tooLong(label, max)))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

/** Multi-line text: keeps newlines, drops other control characters. */
export const optionalText = (max: number, label: FieldLabel = 'text') =>
  textInput(label)
    .transform((s) => s.replace(/[\u0001-\u0009\u000b-\u001f\u007f]/g, '').trim())
    .pipe(z.string().max(max, tooLong(label, max)))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

/**
 * Characters that show nothing or turn the text's direction: zero-width spaces and joiners, the
 * soft hyphen, bidi controls, Hangul fillers and tag characters. In a name they make
 * "Admin Park\u202e" look like "Admin Park" (or like something else), so names refuse them.
 */
const invisibleChars = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/u;

/** A person's name (a user, a customer, an addressee): one line, with nothing hidden in it. */
export const nameSchema = (max: number, label: FieldLabel = 'name') =>
  line(max, label).pipe(z.string().refine((s) => !invisibleChars.test(s), zodMessage(fieldMessages.invisible(label))));

export const RMA_PATTERN = /^RMA-[0-9]{4}-[0-9]{6}$/;
export const rmaSchema = textInput('rma')
  .transform((s) => s.replace(controlChars, '').trim().toUpperCase())
  .pipe(z.string().regex(RMA_PATTERN, zodMessage(m.rmaFormat())));

/** Serials compare without case, spaces or dashes: "ab-12 3" is "AB123". */
export const normalizeSerial = (s: string) => s.replace(/[\s\-_.]/g, '').toUpperCase();
/** Tracking numbers compare exactly but for spaces, dashes and case. */
export const normalizeTracking = (s: string) => s.replace(/[\s\-]/g, '').toUpperCase();

export const serialSchema = line(64, 'serial').pipe(
  z.string().regex(/^[\p{L}\p{N}\s\-_./]+$/u, zodMessage(m.serialChars())),
);
export const trackingSchema = line(64, 'tracking').pipe(
  z.string().regex(/^[A-Za-z0-9\s\-]+$/, zodMessage(m.trackingChars())),
);

export const dateSchema = z
  .string({ error: required('date') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(m.dateFormat()))
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, zodMessage(m.notDate()));

/** The PIN lengths a site may ask for. */
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 8;

/**
 * Any PIN Depot accepts at sign-in: 4 to 8 digits, so PINs set before the site asked for longer
 * ones keep working. A new or reset PIN must also have the site's length (`pinOfLength`).
 */
export const pinSchema = z
  .string({ error: required('pin') })
  .regex(/^\d{4,8}$/, zodMessage(m.pin()));

/** How long a session may sit unused before it locks: a shared desk locks soon, never after more than 12 hours. */
export const MIN_IDLE_MINUTES = 5;
export const MAX_IDLE_MINUTES = 720;
export const DEFAULT_IDLE_MINUTES = 30;

/** Whether a new PIN has the site's length. */
export const pinOfLength = (pin: string, length: number) => pin.length === length;

export const currencySchema = z.enum(currencies);

export const emailSchema = z
  .string()
  .trim()
  .max(254, tooLong('email', 254))
  .pipe(z.union([z.literal(''), z.email(zodMessage(m.email()))]))
  .transform((s) => (s === '' ? null : s.toLowerCase()))
  .nullish()
  .transform((s) => s ?? null);

export const phoneSchema = optionalLine(32, 'phone').pipe(
  z
    .string()
    .regex(/^[+0-9()\s\-.]{3,32}$/, zodMessage(m.phone()))
    .nullable(),
);

export const addressSchema = z.object({
  name: nameSchema(200, 'name'),
  line1: line(200, 'line1'),
  line2: optionalLine(200, 'line2'),
  city: line(100, 'city'),
  region: optionalLine(100, 'region'),
  postalCode: line(20, 'postalCode'),
  country: z
    .string({ error: required('country') })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, zodMessage(m.country())),
  phone: phoneSchema,
});
export type AddressInput = z.input<typeof addressSchema>;
export type Address = z.output<typeof addressSchema>;

export const customerSchema = z.object({
  name: nameSchema(200, 'customerName'),
  email: emailSchema,
  phone: phoneSchema,
  locale: z.enum(['en', 'ko', 'zh', 'el']).default('en'),
});

/** Time zones seen to be valid: the site is read on most requests, and asking Intl costs far more than the lookup. */
const knownTimeZones = new Set<string>();

function isTimeZone(tz: string): boolean {
  if (knownTimeZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  knownTimeZones.add(tz);
  return true;
}

/** Documents speak each customer's language, or one language the site chose for all of them. */
export const documentLanguageChoices = ['customer', 'en', 'ko', 'zh'] as const;
export type DocumentLanguageChoice = (typeof documentLanguageChoices)[number];

export const siteSchema = z.object({
  siteName: line(200, 'siteName'),
  address: addressSchema,
  currency: currencySchema,
  timeZone: line(64, 'timeZone').refine(isTimeZone, zodMessage(m.timeZone())),
  // A number, not text that looks like one: the form converts what was typed.
  turnaroundDays: z
    .number({ error: zodMessage(m.number()) })
    .int(zodMessage(m.wholeNumber()))
    .min(1, zodMessage(m.minDays({ min: 1 })))
    .max(60, zodMessage(m.maxDays({ max: 60 }))),
  // Sites set up before PINs could be longer read as 4.
  pinLength: z
    .number({ error: zodMessage(m.number()) })
    .int(zodMessage(m.pinLength()))
    .min(MIN_PIN_LENGTH, zodMessage(m.pinLength()))
    .max(MAX_PIN_LENGTH, zodMessage(m.pinLength()))
    .default(MIN_PIN_LENGTH),
  // Sites set up before sessions had a site limit read the default.
  idleMinutes: z
    .number({ error: zodMessage(m.number()) })
    .int(zodMessage(m.wholeNumber()))
    .min(MIN_IDLE_MINUTES, zodMessage(m.idleMinutes({ min: MIN_IDLE_MINUTES, max: MAX_IDLE_MINUTES })))
    .max(MAX_IDLE_MINUTES, zodMessage(m.idleMinutes({ min: MIN_IDLE_MINUTES, max: MAX_IDLE_MINUTES })))
    .default(DEFAULT_IDLE_MINUTES),
  // The language of the documents' fixed words; sites set up before the choice read "customer".
  documentLanguage: z.enum(documentLanguageChoices, { error: zodMessage(m.documentLanguage()) }).default('customer'),
});
export type SiteSettings = z.output<typeof siteSchema>;

/** One scan as the scanner typed it: stray whitespace, tabs and CR/LF dropped. */
export const scanSchema = z
  .string({ error: zodMessage(m.scanCode()) })
  .max(200, zodMessage(m.notACode()))
  .pipe(textInput())
  .transform((s) => s.replace(controlChars, '').trim())
  .pipe(z.string().min(1, zodMessage(m.scanCode())));
export type Site = SiteSettings;
