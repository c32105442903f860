import { z } from 'zod';
import type { CaseDetail, CaseList, DashboardCounts, ProductInfo, SessionInfo, SetupState, Site, UserInfo } from '../domain.ts';
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
import { empty, method } from './define.ts';
import { benchMethods } from './bench.ts';
import { receivingMethods } from './receiving.ts';
import { shippingMethods } from './shipping.ts';
import { syncMethods } from './sync.ts';

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

/**
 * The one API contract: every method's input schema, who may call it, and (as a type) what it
 * returns. IPC, HTTP and direct calls all dispatch through it. Features keep their methods in
 * their own files beside this one.
 */
export const api = {
  ...receivingMethods,
  ...benchMethods,
  ...syncMethods,
  ...shippingMethods,
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
  'products.list': method<ProductInfo[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'The products the depot services, with the accessories each ships with.',
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
