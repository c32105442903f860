import type { Site } from '../../../base/common/schemas.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { readSite, requireSite, setting } from './store.ts';

/** Changes the site's settings (once the site exists). */
export async function updateSite(ctx: ServiceContext, input: Site): Promise<Site> {
  await requireSite(ctx.db);
  await setting.site.write(ctx.db, input);
  return (await readSite(ctx.db))!;
}
