import { siteSchema, type Site } from '../../../base/common/schemas.ts';
import { empty, method } from '../../../base/common/rpc.ts';

export const settingsMethods = {
  'settings.get': method<Site>()({ input: empty, access: 'signed-in', summary: 'Site settings.' }),
  'settings.update': method<Site>()({ writes: true, input: siteSchema, access: ['admin'], summary: 'Changes site settings.' }),
} as const;

type SettingsMethods = typeof settingsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends SettingsMethods {}
}
