import { z } from 'zod';
import type { CaseDetail, CaseList, DashboardCounts, SessionInfo, SetupState, Site, UserInfo } from '../domain.ts';
import {
  addressSchema,
  customerSchema,
  dateSchema,
  line,
  optionalLine,
  optionalText,
  pinSchema,
  resolutionSchema,
  rmaSchema,
  roleSchema,
  serialSchema,
  siteSchema,
  statusSchema,
  trackingSchema,
} from '../schemas.ts';
import type { Role } from '../status.ts';
import {
  addPhotoInput,
  linkParcelInput,
  receiveInput,
  scanInput,
  undoReceiveInput,
  unmatchedParcelInput,
  type PhotoInfo,
  type ReceiveOutcome,
  type ScanResult,
  type UnmatchedParcel,
} from '../receiving.ts';

/**
 * The one API contract: every method's input schema, who may call it, and (as a type) what it
 * returns. IPC, HTTP and direct calls all dispatch through it.
 */
interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** 'public' needs no session; otherwise the roles that may call (admin may always). */
  access: 'public' | 'signed-in' | readonly Role[];
  summary: string;
  /** Phantom: carries the result type. */
  output?: O;
}

const method = <O>() => <I extends z.ZodType>(spec: MethodSpec<I, O>) => spec as MethodSpec<I, O>;

const empty = z.object({}).strict();

export const createSiteInput = siteSchema.extend({
  adminName: line(100, 'Admin name'),
  adminPin: pinSchema,
});

export const createCaseInput = z.object({
  customer: customerSchema,
  returnAddress: addressSchema,
  model: line(100, 'Model'),
  serial: serialSchema,
  purchaseDate: dateSchema.nullish().transform((s) => s ?? null),
  problemCategory: optionalLine(100, 'Problem category'),
  problemDescription: line(4000, 'Problem description'),
});

export const transitionInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: 'The case version is required' }).int().positive(),
  to: statusSchema,
  note: optionalText(2000, 'Note'),
  serial: serialSchema.optional(),
  carrier: optionalLine(64, 'Carrier'),
  tracking: trackingSchema.optional(),
  resolution: resolutionSchema.optional(),
});

export const api = {
  'setup.state': method<SetupState>()({
    input: empty,
    access: 'public',
    summary: 'Whether the site is set up, and who can sign in.',
  }),
  'setup.createSite': method<SessionInfo>()({
    input: createSiteInput,
    access: 'public',
    summary: 'First run only: creates the site and its first admin, and signs the admin in.',
  }),
  'setup.loadDemo': method<SetupState>()({
    input: empty,
    access: 'public',
    summary: 'First run only: fills an empty database with a demo site, one user per role and sample cases.',
  }),
  'session.signIn': method<SessionInfo>()({
    input: z.object({ userId: z.number().int().positive('Choose who you are'), pin: pinSchema }),
    access: 'public',
    summary: 'Signs a user in with their PIN.',
  }),
  'session.signOut': method<null>()({ input: empty, access: 'signed-in', summary: 'Ends the session.' }),
  'session.me': method<UserInfo>()({ input: empty, access: 'signed-in', summary: 'The signed-in user.' }),
  'cases.list': method<CaseList>()({
    input: z.object({
      query: z.string().max(200, 'Search at most 200 characters').optional(),
      statuses: z.array(statusSchema).max(20).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    access: 'signed-in',
    summary: 'Cases matching a search (RMA, serial, tracking, customer name, e-mail, phone), newest first.',
  }),
  'cases.get': method<CaseDetail>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'One case with its history.',
  }),
  'cases.create': method<CaseDetail>()({
    input: createCaseInput,
    access: ['warehouse', 'clerk'],
    summary: 'A case created at the desk (walk-in, phone); the portal is told.',
  }),
  'cases.transition': method<CaseDetail>()({
    input: transitionInput,
    access: 'signed-in',
    summary: 'Moves a case to another status (checked against the status machine, the role and the version).',
  }),
  'receiving.scan': method<ScanResult>()({
    input: scanInput,
    access: ['warehouse'],
    summary: 'Finds the case a scanned RMA or tracking number belongs to.',
  }),
  'receiving.receive': method<ReceiveOutcome>()({
    input: receiveInput,
    access: ['warehouse'],
    summary: 'Marks a unit received with its serial check and condition; prints its unit tag.',
  }),
  'receiving.undo': method<null>()({
    input: undoReceiveInput,
    access: ['warehouse'],
    summary: 'Undoes a wrong receipt (its author within 15 minutes, or an admin), with a reason.',
  }),
  'parcels.createUnmatched': method<UnmatchedParcel>()({
    input: unmatchedParcelInput,
    access: ['warehouse'],
    summary: 'Logs a parcel that matches no case, so it is never lost.',
  }),
  'parcels.listUnmatched': method<UnmatchedParcel[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'Parcels on the unmatched shelf, oldest first.',
  }),
  'parcels.link': method<UnmatchedParcel>()({
    input: linkParcelInput,
    access: ['warehouse', 'clerk'],
    summary: 'Links an unmatched parcel to its case.',
  }),
  'photos.add': method<PhotoInfo>()({
    input: addPhotoInput,
    access: ['warehouse', 'technician', 'clerk'],
    summary: 'Adds a JPEG or PNG photo (base64, at most 10 MiB) to a case or an unmatched parcel.',
  }),
  'photos.list': method<PhotoInfo[]>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'Photos of a case.',
  }),
  'photos.get': method<{ dataUrl: string }>()({
    input: z.object({ id: z.number().int().positive() }),
    access: 'signed-in',
    summary: 'One photo as a data URL.',
  }),
  'dashboard.counts': method<DashboardCounts>()({
    input: empty,
    access: 'signed-in',
    summary: 'Open cases per status with the oldest, and how many are past the turnaround target.',
  }),
  'settings.get': method<Site>()({ input: empty, access: 'signed-in', summary: 'Site settings.' }),
  'settings.update': method<Site>()({ input: siteSchema, access: ['admin'], summary: 'Changes site settings.' }),
  'users.list': method<UserInfo[]>()({ input: empty, access: ['admin'], summary: 'All users.' }),
  'users.create': method<UserInfo>()({
    input: z.object({ name: line(100, 'Name'), role: roleSchema, pin: pinSchema }),
    access: ['admin'],
    summary: 'Adds a user.',
  }),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Api[M]['output']> extends never
  ? null
  : NonNullable<Api[M]['output']>;

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(api, name);
