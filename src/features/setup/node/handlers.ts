import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { setupMethods } from '../common/contract.ts';
import { createSite, loadDemoData, setupState } from './setup.ts';

export const setupHandlers: HandlersFor<typeof setupMethods> = {
  'setup.state': (ctx) => setupState(ctx),
  'setup.createSite': (ctx, input) => createSite(ctx, input),
  'setup.loadDemo': (ctx) => loadDemoData(ctx),
};
