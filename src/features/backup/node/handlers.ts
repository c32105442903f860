import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { backupMethods } from '../common/contract.ts';
import { backupStatus, configureBackup, startBackup } from './backup.ts';

export const backupHandlers: HandlersFor<typeof backupMethods> = {
  'backup.status': (ctx) => backupStatus(ctx.core, ctx.db),
  'backup.run': (ctx) => startBackup(ctx),
  'backup.configure': (ctx, input) => configureBackup(ctx, input),
};
