import type { z } from 'zod';
import { DepotError } from '../../../base/common/result.ts';
import { setupMessages } from '../common/messages.ts';
import type { Core } from '../../../base/node/core.ts';
import { createUser, listUsers, signIn } from '../../users/node/index.ts';
import { readSite, setting } from '../../settings/node/index.ts';
import { insertDemoData } from './demo.ts';
import type { SessionInfo } from '../../users/common/index.ts';
import type { SetupState } from '../common/types.ts';
import type { createSiteInput } from '../common/contract.ts';

export async function setupState(core: Core): Promise<SetupState> {
  const site = await readSite(core.db);
  return { initialized: site !== null, users: site ? await listUsers(core.db) : [], siteName: site?.siteName ?? null };
}

async function refuseIfInitialized(core: Core): Promise<void> {
  if (await readSite(core.db)) throw new DepotError('conflict', setupMessages.alreadySetUp());
}

export async function createSite(core: Core, input: z.output<typeof createSiteInput>): Promise<SessionInfo> {
  await refuseIfInitialized(core);
  const { adminName, adminPin, ...site } = input;
  const admin = await core.db.transaction().execute(async (trx) => {
    await setting.site.write(trx, site);
    return createUser(trx, core.now(), { name: adminName, role: 'admin', pin: adminPin });
  });
  return signIn(core, admin.id, adminPin);
}

export async function loadDemo(core: Core): Promise<SetupState> {
  await refuseIfInitialized(core);
  await core.db.transaction().execute((trx) => insertDemoData(trx, core.now()));
  return setupState(core);
}
