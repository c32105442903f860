import { z } from 'zod';
import { fieldMessages, zodMessage, type FieldLabel } from '../../../base/common/messages.ts';
import { aboutTerm, warrantyMessages as m } from './messages.ts';

/** The pieces the warranty policy's schemas are built from: whole-number terms, country codes, names compared loosely. */

const termMessages = {
  months: { number: m.numberOfMonths, whole: m.wholeMonths, between: m.betweenMonths },
  days: { number: m.numberOfDays, whole: m.wholeDays, between: m.betweenDays },
  years: { number: m.numberOfYears, whole: m.wholeYears, between: m.betweenYears },
  count: { number: m.aNumber, whole: m.aWholeNumber, between: m.betweenNumbers },
};

/** A whole number of the unit between min and max; a form converts what was typed (`typedNumber`). */
export const wholeNumber = (label: FieldLabel, min: number, max: number, unit: keyof typeof termMessages) => {
  const says = termMessages[unit];
  const between = zodMessage(aboutTerm(says.between, label, { min, max }));
  return z
    .number({ error: zodMessage(aboutTerm(says.number, label, {})) })
    .int(zodMessage(aboutTerm(says.whole, label, {})))
    .min(min, between)
    .max(max, between);
};

export const countryCode = z
  .string({ error: zodMessage(fieldMessages.required('region')) })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, zodMessage(m.regionCode()));

export const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
