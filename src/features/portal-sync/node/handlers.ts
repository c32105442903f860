import type { syncMethods } from '../common/contract.ts';
import { resolveFlag } from './flags.ts';
import {
  caseFlagInfos,
  caseSync,
  configureSync,
  deadLetterInfos,
  discardDead,
  dismissParked,
  listParked,
  pauseByCaller,
  requeueDead,
  resumeByCaller,
  syncSettings,
  syncStatus,
  testConnection,
} from './service.ts';
import type { HandlersFor } from '../../../base/node/handlers.ts';

export const syncHandlers: HandlersFor<typeof syncMethods> = {
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.case': (ctx, input) => caseSync(ctx, input.rma),
  'sync.settings': (ctx) => syncSettings(ctx),
  'sync.configure': (ctx, input) => configureSync(ctx, input),
  'sync.test': (ctx, input) => testConnection(ctx, input),
  'sync.pause': (ctx, input) => pauseByCaller(ctx, input),
  'sync.resume': (ctx) => resumeByCaller(ctx),
  'sync.deadLetters': (ctx) => deadLetterInfos(ctx),
  'sync.requeue': (ctx, input) => requeueDead(ctx, input.id),
  'sync.discard': (ctx, input) => discardDead(ctx, input.id),
  'sync.parked': (ctx) => listParked(ctx),
  'sync.dismissParked': (ctx, input) => dismissParked(ctx, input.id).then(() => null),
  'sync.flags': (ctx, input) => caseFlagInfos(ctx, input),
  'sync.resolveFlag': (ctx, input) => resolveFlag(ctx, input.id),
};
