import { z } from 'zod';
import { commonMessages as m, fieldMessages, zodMessage, type FieldLabel } from './messages.ts';
import { currencies } from './money.ts';

/** Shared by the API (to parse) and the forms (to validate as the user types). */

// Control characters (scanners add tabs and CRs; pastes add worse) are never kept.
const controlChars = /[\u0000-\u001f\u007f-\u009f]/g;

const required = (label: FieldLabel) => zodMessage(fieldMessages.required(label));
const tooLong = (label: FieldLabel, max: number) => zodMessage(fieldMessages.tooLong(label, { max }));

/** Free text of one line: control characters removed, surrounding space trimmed. */
export const line = (max: number, label: FieldLabel = 'field') =>
  z
    .string({ error: required(label) })
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().min(1, required(label)).max(max, tooLong(label, max)));

export const optionalLine = (max: number, label: FieldLabel = 'field') =>
  z
    .string()
    .transform((s) => s.replace(controlChars, ' ').trim())
    .pipe(z.string().max(max, tooLong(label, max)))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

/** Multi-line text: keeps newlines, drops other control characters. */
export const optionalText = (max: number, label: FieldLabel = 'text') =>
  z
    .string()
    .transform((s) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim())
    .pipe(z.string().max(max, tooLong(label, max)))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

export const RMA_PATTERN = /^RMA-[0-9]{4}-[0-9]{6}$/;
export const rmaSchema = z
  .string({ error: required('rma') })
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

export const pinSchema = z
  .string({ error: required('pin') })
  .regex(/^\d{4,8}$/, zodMessage(m.pin()));

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
  name: line(200, 'name'),
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
  name: line(200, 'customerName'),
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

export const siteSchema = z.object({
  siteName: line(200, 'siteName'),
  address: addressSchema,
  currency: currencySchema,
  timeZone: line(64, 'timeZone').refine(isTimeZone, zodMessage(m.timeZone())),
  turnaroundDays: z.coerce
    .number()
    .int()
    .min(1, zodMessage(m.minDays({ min: 1 })))
    .max(60, zodMessage(m.maxDays({ max: 60 }))),
});
export type SiteSettings = z.output<typeof siteSchema>;

/** One scan as the scanner typed it: stray whitespace, tabs and CR/LF dropped. */
export const scanSchema = z
  .string({ error: zodMessage(m.scanCode()) })
  .max(200, zodMessage(m.notACode()))
  .transform((s) => s.replace(controlChars, '').trim())
  .pipe(z.string().min(1, zodMessage(m.scanCode())));
export type Site = SiteSettings;
