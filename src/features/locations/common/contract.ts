import { z } from 'zod';
import { zodMessage } from '../../../base/common/messages.ts';
import { method } from '../../../base/common/rpc.ts';
import { line, rmaSchema, scanSchema, textInput } from '../../../base/common/schemas.ts';
import { locationKinds } from './kinds.ts';
import { locationsMessages as m } from './messages.ts';
import type { LocationInfo, UnitAt, UnitTrail } from './types.ts';

const chooseLocation = zodMessage(m.chooseLocation());
const locationId = z.number({ error: chooseLocation }).int(chooseLocation).positive(chooseLocation).max(2_147_483_647, chooseLocation);
const versionRequired = zodMessage(m.versionRequired());
const version = z.number({ error: versionRequired }).int(versionRequired).positive(versionRequired).max(2_147_483_647, versionRequired);
const codeFormat = zodMessage(m.codeFormat());

/** A location code: printable as Code128 and typed by a scanner, so plain ASCII without spaces. */
export const locationCodeSchema = textInput('field')
  .transform((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim())
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9\-_./]{0,31}$/, codeFormat));

export const locationFields = z.object({
  code: locationCodeSchema,
  name: line(100, 'name'),
  kind: z.enum(locationKinds, { error: zodMessage(m.kind()) }),
});

/**
 * Where a desk puts the units its work hands on (the dock's inbound shelf, a bench, the outbound
 * shelf): the code of the location the station chose, or none. Receiving, taking at the bench and
 * shipping carry it, and move the unit there in their own transaction.
 */
export const placeAtSchema = locationCodeSchema.optional();

/** Adds a location (no id) or changes one against the version the list showed. */
export const saveLocationInput = locationFields.extend({ id: locationId.optional(), version: version.optional() });
export const setLocationActiveInput = z.object({ id: locationId, version, active: z.boolean() });

/** The second scan of a move: the location, for the unit as the first scan found it. */
export const moveInput = z.object({
  rma: rmaSchema,
  /** The unit's place version the first scan returned (0 before its first move). */
  placeVersion: z.number().int().min(0).max(2_147_483_647),
  location: scanSchema,
});

/** Who moves units: everyone who handles them. */
const handlers = ['warehouse', 'technician', 'clerk'] as const;

export const locationsMethods = {
  'locations.list': method<LocationInfo[]>()({
    input: z.object({ includeRetired: z.boolean().optional() }).strict(),
    access: 'signed-in',
    summary: 'The locations units can be in; retired ones too when asked.',
  }),
  'locations.save': method<LocationInfo>()({
    writes: true,
    input: saveLocationInput,
    access: ['admin'],
    summary: 'Adds a location, or changes one against its version. A code is unique whatever its case.',
  }),
  'locations.setActive': method<LocationInfo>()({
    writes: true,
    input: setLocationActiveInput,
    access: ['admin'],
    summary: 'Retires a location (no new moves to it) or makes it active again.',
  }),
  'locations.label': method<{ fileName: string; pdfBase64: string }>()({
    input: z.object({ id: locationId }),
    access: ['admin'],
    summary: "A location's label as a PDF (base64): its code as Code128 and its name.",
  }),
  'locations.unit': method<UnitAt>()({
    input: z.object({ code: scanSchema }),
    access: handlers,
    summary: "The first scan of a move: the unit of a scanned RMA barcode, with where it is and its place's version.",
  }),
  'locations.move': method<UnitAt>()({
    writes: true,
    input: moveInput,
    access: handlers,
    summary: "Moves a unit to a scanned location: one trail row and the unit's current place; refused if it moved meanwhile.",
  }),
  'locations.ofCase': method<UnitTrail>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: "Where a case's unit is and every move it made.",
  }),
  'locations.find': method<UnitAt[]>()({
    input: z.object({ query: scanSchema.pipe(z.string().max(64, zodMessage(m.findTerm()))) }),
    access: 'signed-in',
    summary: 'Where a unit is, by its exact RMA number or its serial (case, spaces and dashes aside).',
  }),
} as const;

type LocationsMethods = typeof locationsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends LocationsMethods {}
}
