import { line, pinOfLength, pinSchema, siteSchema } from '../../../base/common/schemas.ts';
import { commonMessages, zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import type { SessionInfo } from '../../users/common/index.ts';
import type { SetupState } from './types.ts';

// The first admin's PIN has the length the new site asks for.
export const createSiteInput = siteSchema
  .extend({
    adminName: line(100, 'adminName'),
    adminPin: pinSchema,
  })
  .superRefine((input, ctx) => {
    if (!pinOfLength(input.adminPin, input.pinLength)) {
      ctx.addIssue({ code: 'custom', path: ['adminPin'], message: zodMessage(commonMessages.pinDigits({ digits: input.pinLength })) });
    }
  });

export const setupMethods = {
  'setup.state': method<SetupState>()({
    input: empty,
    access: 'public',
    summary: 'Whether the site is set up, and who can sign in.',
  }),
  'setup.createSite': method<SessionInfo>()({
    writes: true,
    input: createSiteInput,
    access: 'public',
    summary: 'First run only: creates the site and its first admin, and signs the admin in.',
  }),
  'setup.loadDemo': method<SetupState>()({
    writes: true,
    input: empty,
    access: 'public',
    summary: 'First run only: fills an empty database with a demo site, one user per role and sample cases.',
  }),
} as const;

type SetupMethods = typeof setupMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends SetupMethods {}
}
