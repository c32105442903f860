import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { settingsMethods } from '../common/contract.ts';
import { requireSite } from './store.ts';
import { updateSite } from './site.ts';

export const settingsHandlers: HandlersFor<typeof settingsMethods> = {
  'settings.get': (ctx) => requireSite(ctx.db),
  'settings.update': (ctx, input) => updateSite(ctx, input),
};
