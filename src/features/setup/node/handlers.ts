import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { setupMethods } from '../common/contract.ts';
import { createSite, loadDemo, setupState } from './setup.ts';

export const setupHandlers: HandlersFor<typeof setupMethods> = {
  'setup.state': (_input, { core }) => setupState(core),
  'setup.createSite': (input, { core }) => createSite(core, input),
  'setup.loadDemo': (_input, { core }) => loadDemo(core),
};
