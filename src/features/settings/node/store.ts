import { benchSettingsSchema, defaultBenchSettings, type BenchSettings } from '../../bench/common/index.ts';
import { calendarDateIn, type CalendarDate } from '../../../base/common/dates.ts';
import { DepotError } from '../../../base/common/result.ts';
import { siteSchema } from '../../../base/common/schemas.ts';
import type { Db } from '../../../base/node/core.ts';
import type { Site } from '../../../base/common/schemas.ts';

/** Settings are JSON values under a key; each feature owns its keys. */
export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('site_settings')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}

export async function readSite(db: Db): Promise<Site | null> {
  const value = await readSetting(db, 'site');
  return value === undefined ? null : siteSchema.parse(value);
}

export async function requireSite(db: Db): Promise<Site> {
  const site = await readSite(db);
  if (!site) throw new DepotError('not_found', 'The site is not set up yet');
  return site;
}

/** The key of the bench's settings: warranty policy, rates, estimate validity, fault categories. */
export const BENCH_SETTINGS_KEY = 'bench';

export async function readBenchSettings(db: Db): Promise<BenchSettings> {
  const stored = await readSetting(db, BENCH_SETTINGS_KEY);
  return stored === undefined ? defaultBenchSettings : benchSettingsSchema.parse(stored);
}

/** Today on the site's wall calendar. */
export async function siteToday(db: Db, now: Date): Promise<CalendarDate> {
  return calendarDateIn(now, (await requireSite(db)).timeZone);
}
