import { z } from 'zod';
import {
  addressSchema,
  customerSchema,
  dateSchema,
  line,
  optionalLine,
  optionalText,
  rmaSchema,
  serialSchema,
  textInput,
  trackingSchema,
} from '../../../base/common/schemas.ts';
import { commonMessages, zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { resolutionSchema, statusSchema } from './status.ts';
import { casesMessages } from './messages.ts';
import type { CaseDetail, CaseList, DashboardCounts } from './types.ts';

export const createCaseInput = z.object({
  customer: customerSchema,
  returnAddress: addressSchema,
  model: line(100, 'model'),
  serial: serialSchema,
  purchaseDate: dateSchema.nullish().transform((s) => s ?? null),
  problemCategory: optionalLine(100, 'problemCategory'),
  problemDescription: line(4000, 'problemDescription'),
});

export const transitionInput = z.object({
  rma: rmaSchema,
  version: z.number({ error: zodMessage(commonMessages.versionRequired()) }).int().positive(),
  to: statusSchema,
  note: optionalText(2000, 'note'),
  serial: serialSchema.optional(),
  carrier: optionalLine(64, 'carrier'),
  tracking: trackingSchema.optional(),
  resolution: resolutionSchema.optional(),
});

export const casesMethods = {
  'cases.list': method<CaseList>()({
    input: z.object({
      query: textInput('search').pipe(z.string().max(200, zodMessage(casesMessages.searchTooLong({ max: 200 })))).optional(),
      statuses: z.array(statusSchema).max(20).optional(),
      /** Only the cases whose unit is at this location now. */
      locationId: z.number().int().positive().max(2_147_483_647).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    access: 'signed-in',
    summary: 'Cases matching a search (RMA, serial, tracking, customer name, e-mail, phone), and a location, newest first.',
  }),
  'cases.get': method<CaseDetail>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'One case with its history.',
  }),
  'cases.create': method<CaseDetail>()({
    writes: true,
    input: createCaseInput,
    access: ['warehouse', 'clerk'],
    summary: 'A case created at the desk (walk-in, phone); the portal is told.',
  }),
  'cases.transition': method<CaseDetail>()({
    writes: true,
    input: transitionInput,
    access: 'signed-in',
    summary: 'Moves a case to another status (checked against the status machine, the role and the version).',
  }),
  'dashboard.counts': method<DashboardCounts>()({
    input: empty,
    access: 'signed-in',
    summary: 'Open cases per status with the oldest, and how many are past the turnaround target.',
  }),
} as const;

type CasesMethods = typeof casesMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends CasesMethods {}
}
