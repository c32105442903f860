import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { settingsMethods } from '../common/contract.ts';
import { readSite, requireSite, setting } from './store.ts';

export const settingsHandlers: HandlersFor<typeof settingsMethods> = {
  'settings.get': (_input, { core }) => requireSite(core.db),
  'settings.update': async (input, { core }) => {
    await requireSite(core.db);
    await setting.site.write(core.db, input);
    return (await readSite(core.db))!;
  },
};
