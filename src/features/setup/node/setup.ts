import type { z } from 'zod';
import { DepotError } from '../../../base/common/result.ts';
import { setupMessages } from '../common/messages.ts';
import type { Core } from '../../../base/node/core.ts';
import { runService, trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { createUser, listUsers, signIn } from '../../users/node/index.ts';
import { readSite, setting } from '../../settings/node/index.ts';
import { insertDemoData } from './demo.ts';
import type { SessionInfo } from '../../users/common/index.ts';
import type { SetupState } from '../common/types.ts';
import type { createSiteInput } from '../common/contract.ts';

export async function setupState(ctx: ServiceContext): Promise<SetupState> {
  const site = await readSite(ctx.db);
  return { initialized: site !== null, users: site ? await listUsers(ctx.db) : [], siteName: site?.siteName ?? null };
}

async function refuseIfInitialized(ctx: ServiceContext): Promise<void> {
  if (await readSite(ctx.db)) throw new DepotError('conflict', setupMessages.alreadySetUp());
}

/**
 * The site's row is the first run's claim: written only where there is none, in the request's
 * transaction with the admin, so two first runs at once (two stations on one empty database) make
 * one site and one admin, and the other is told the depot is already set up.
 */
export async function createSite(ctx: ServiceContext, input: z.output<typeof createSiteInput>): Promise<SessionInfo> {
  const { adminName, adminPin, ...site } = input;
  const trx = trxOf(ctx);
  if (!(await setting.site.create(trx, site))) throw new DepotError('conflict', setupMessages.alreadySetUp());
  const admin = await createUser(trx, ctx.now, { name: adminName, role: 'admin', pin: adminPin });
  return signIn(ctx, { userId: admin.id, pin: adminPin });
}

/** The demo data, in the request's transaction. */
export async function loadDemoData(ctx: ServiceContext): Promise<SetupState> {
  await refuseIfInitialized(ctx);
  await insertDemoData(ctx);
  return setupState(ctx);
}

/** The demo data loaded from the command line (and tests): one transaction of its own. */
export function loadDemo(core: Core): Promise<SetupState> {
  return runService(core, true, { caller: { kind: 'system' } }, loadDemoData);
}
