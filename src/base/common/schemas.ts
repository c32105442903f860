import { z } from 'zod';
import { currencies } from './money.ts';

/** Shared by the API (to parse) and the forms (to validate as the user types). */

// Control characters (scanners add tabs and CRs; pastes add worse) are never kept.
const controlChars = /[\u0000-\u001f\u007f-\u009f]/g;

/** Free text of one line: control characters removed, surrounding space trimmed. */
export const line = (max: number, label = 'This field') =>
  z
    .string({ error: `${label} is required` })
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`));

export const optionalLine = (max: number, label = 'This field') =>
  z
    .string()
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().max(max, `${label} must be at most ${max} characters`))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

/** Multi-line text: keeps newlines, drops other control characters. */
export const optionalText = (max: number, label = 'This text') =>
  z
    .string()
    .transform((s) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim())
    .pipe(z.string().max(max, `${label} must be at most ${max} characters`))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

export const RMA_PATTERN = /^RMA-[0-9]{4}-[0-9]{6}$/;
export const rmaSchema = z
  .string({ error: 'RMA number is required' })
  .transform((s) => s.replace(controlChars, '').trim().toUpperCase())
  .pipe(z.string().regex(RMA_PATTERN, 'RMA numbers look like RMA-2026-000123'));

/** Serials compare without case, spaces or dashes: "ab-12 3" is "AB123". */
export const normalizeSerial = (s: string) => s.replace(/[\s\-_.]/g, '').toUpperCase();
/** Tracking numbers compare exactly but for spaces, dashes and case. */
export const normalizeTracking = (s: string) => s.replace(/[\s\-]/g, '').toUpperCase();

export const serialSchema = line(64, 'Serial').pipe(
  z.string().regex(/^[\p{L}\p{N}\s\-_./]+$/u, 'A serial has only letters, digits, spaces and - _ . /'),
);
export const trackingSchema = line(64, 'Tracking number').pipe(
  z.string().regex(/^[A-Za-z0-9\s\-]+$/, 'A tracking number has only letters, digits, spaces and dashes'),
);

export const dateSchema = z
  .string({ error: 'Date is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Not a real date');

export const pinSchema = z
  .string({ error: 'PIN is required' })
  .regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits');

export const currencySchema = z.enum(currencies);

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'E-mail must be at most 254 characters')
  .pipe(z.union([z.literal(''), z.email('Not an e-mail address')]))
  .transform((s) => (s === '' ? null : s.toLowerCase()))
  .nullish()
  .transform((s) => s ?? null);

export const phoneSchema = optionalLine(32, 'Phone').pipe(
  z
    .string()
    .regex(/^[+0-9()\s\-.]{3,32}$/, 'A phone number has digits, spaces and + ( ) - only')
    .nullable(),
);

export const addressSchema = z.object({
  name: line(200, 'Name'),
  line1: line(200, 'Address line 1'),
  line2: optionalLine(200, 'Address line 2'),
  city: line(100, 'City'),
  region: optionalLine(100, 'Region'),
  postalCode: line(20, 'Postal code'),
  country: z
    .string({ error: 'Country is required' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Country is a two-letter code such as KR, CN, GR, US'),
  phone: phoneSchema,
});
export type AddressInput = z.input<typeof addressSchema>;
export type Address = z.output<typeof addressSchema>;

export const customerSchema = z.object({
  name: line(200, 'Customer name'),
  email: emailSchema,
  phone: phoneSchema,
  locale: z.enum(['en', 'ko', 'zh', 'el']).default('en'),
});

export const siteSchema = z.object({
  siteName: line(200, 'Site name'),
  address: addressSchema,
  currency: currencySchema,
  timeZone: line(64, 'Time zone').refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone'),
  turnaroundDays: z.coerce.number().int().min(1, 'At least 1 day').max(60, 'At most 60 days'),
});
export type SiteSettings = z.output<typeof siteSchema>;

/** One scan as the scanner typed it: stray whitespace, tabs and CR/LF dropped. */
export const scanSchema = z
  .string({ error: 'Scan a code' })
  .max(200, 'That is not a code: at most 200 characters')
  .transform((s) => s.replace(controlChars, '').trim())
  .pipe(z.string().min(1, 'Scan a code'));
export type Site = SiteSettings;
