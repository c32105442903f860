import { backupSettingsSchema, defaultBackupSettings, type BackupSettings } from '../../backup/common/index.ts';
import { benchSettingsSchema, defaultBenchSettings, type BenchSettings } from '../../bench/common/index.ts';
import { defaultPortalSetting, portalSettingSchema, type PortalSetting } from '../../portal-sync/common/index.ts';
import { defaultPrinterSettings, printerSettingsSchema, type PrinterSettings } from '../../shipping/common/index.ts';
import { calendarSchema, defaultCalendar, type HolidayCalendar } from '../../reports/common/index.ts';
import { calendarDateIn, type CalendarDate } from '../../../base/common/dates.ts';
import { DepotError } from '../../../base/common/result.ts';
import { settingsMessages } from '../common/messages.ts';
import { DEFAULT_IDLE_MINUTES, siteSchema } from '../../../base/common/schemas.ts';
import type { Db } from '../../../base/node/core.ts';
import type { Site } from '../../../base/common/schemas.ts';

/**
 * Settings are JSON values in site_settings under a key. Every key is here, with what it holds and
 * how its stored JSON is read (undefined: never written); features read and write them through
 * `setting.<key>`, never by the key's name.
 */
const keys = {
  /** The site itself; null until the depot is set up. A stored site that does not parse is an error. */
  site: (stored: unknown): Site | null => (stored === undefined ? null : siteSchema.parse(stored)),
  /** The bench's warranty policy, rates, estimate validity and fault categories. */
  bench: (stored: unknown): BenchSettings => (stored === undefined ? defaultBenchSettings : benchSettingsSchema.parse(stored)),
  /** Printers per kind of document, paper, and when shipped cases close; the defaults when unreadable. */
  printing: (stored: unknown): PrinterSettings => orDefault(printerSettingsSchema.safeParse(stored), defaultPrinterSettings),
  /** The portal's address (never its token); none when unreadable. */
  portal: (stored: unknown): PortalSetting => orDefault(portalSettingSchema.safeParse(stored), defaultPortalSetting),
  /** Set when the database was filled with demo data. */
  demo: (stored: unknown): boolean => stored === true,
  /** The weekend days and holidays the turnaround clock skips; Saturday and Sunday when unreadable. */
  calendar: (stored: unknown): HolidayCalendar => orDefault(calendarSchema.safeParse(stored), defaultCalendar),
  /** When Depot backs up, how many backups it keeps, and where; the defaults (daily, keep 7, beside the database) when unreadable. */
  backup: (stored: unknown): BackupSettings => orDefault(backupSettingsSchema.safeParse(stored), defaultBackupSettings),
};

function orDefault<T>(parsed: { success: true; data: T } | { success: false }, fallback: T): T {
  return parsed.success ? parsed.data : fallback;
}

export type SettingKey = keyof typeof keys;
/** What reading a key gives. */
export type SettingRead<K extends SettingKey> = ReturnType<(typeof keys)[K]>;
/** What a key holds when written. */
export type SettingValue<K extends SettingKey> = NonNullable<SettingRead<K>>;

export interface Setting<K extends SettingKey> {
  read(db: Db): Promise<SettingRead<K>>;
  write(db: Db, value: SettingValue<K>): Promise<void>;
  /** Writes the value only where the key has none yet; false when it had one. */
  create(db: Db, value: SettingValue<K>): Promise<boolean>;
}

/**
 * Within one transaction a setting is read once: a request sees one version of each setting (most
 * read the site several times), and a write in it is read back from the database. Reads outside a
 * transaction always go to the database.
 */
const snapshots = new WeakMap<Db, Map<SettingKey, unknown>>();

function snapshotOf(db: Db): Map<SettingKey, unknown> | null {
  if (!db.isTransaction) return null;
  let snapshot = snapshots.get(db);
  if (!snapshot) {
    snapshot = new Map();
    snapshots.set(db, snapshot);
  }
  return snapshot;
}

function settingOf<K extends SettingKey>(key: K): Setting<K> {
  return {
    async read(db) {
      const snapshot = snapshotOf(db);
      if (snapshot?.has(key)) return snapshot.get(key) as SettingRead<K>;
      const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
      const value = keys[key](row ? JSON.parse(row.value) : undefined) as SettingRead<K>;
      snapshot?.set(key, value);
      return value;
    },
    async write(db, value) {
      const text = JSON.stringify(value);
      await db
        .insertInto('site_settings')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute();
      snapshotOf(db)?.delete(key);
    },
    async create(db, value) {
      const written = await db
        .insertInto('site_settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      return written.length > 0;
    },
  };
}

/** The one way to a setting: `setting.site.read(db)`, `setting.bench.write(db, value)`, … */
export const setting: { readonly [K in SettingKey]: Setting<K> } = {
  site: settingOf('site'),
  bench: settingOf('bench'),
  printing: settingOf('printing'),
  portal: settingOf('portal'),
  demo: settingOf('demo'),
  calendar: settingOf('calendar'),
  backup: settingOf('backup'),
};

export function readSite(db: Db): Promise<Site | null> {
  return setting.site.read(db);
}

/** How long a session may go unused: the site's setting, or its default before the site exists. */
export async function idleLimitMs(db: Db): Promise<number> {
  return ((await readSite(db))?.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
}

export async function requireSite(db: Db): Promise<Site> {
  const site = await readSite(db);
  if (!site) throw new DepotError('not_found', settingsMessages.notSetUp());
  return site;
}

export function readBenchSettings(db: Db): Promise<BenchSettings> {
  return setting.bench.read(db);
}

/** Today on the site's wall calendar. */
export async function siteToday(db: Db, now: Date): Promise<CalendarDate> {
  return calendarDateIn(now, (await requireSite(db)).timeZone);
}
