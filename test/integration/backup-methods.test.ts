import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { BackupStatus } from '../../src/features/backup/common/index.ts';
import { runBackup, startBackupSchedule } from '../../src/features/backup/node/index.ts';
import { asRole, freshCore, freshPostgresUrl, tempDir, testDialect, unwrap } from '../helpers.ts';

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "Back up now", then the status until the backup is over. */
async function backUpNow(admin: Awaited<ReturnType<typeof asRole>>): Promise<BackupStatus> {
  let status = unwrap(await admin('backup.run', {}));
  expect(status.running).not.toBeNull();
  while (status.running) {
    await sleep(20);
    status = unwrap(await admin('backup.status', {}));
  }
  return status;
}

describe('backups through the API', () => {
  it('backs up on "Back up now" into an owner-only file, and warns when the newest is older than twice the schedule', async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const core = await freshCore({ demo: true, now: () => new Date(now) });
    const admin = await asRole(core, 'admin');
    const before = unwrap(await admin('backup.status', {}));
    expect(before).toMatchObject({ last: null, overdue: true, kept: 0, folder: path.join(core.dataDir!, 'backups') });

    const status = await backUpNow(admin);
    expect(status.lastError).toBeNull();
    expect(status.last).toMatchObject({ takenAt: '2026-03-02T09:00:00.000Z' });
    expect(status.overdue).toBe(false);
    const file = status.last!.file;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // SQLite's backup is an SQLite file; PostgreSQL's is pg_dump's custom format.
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe(testDialect === 'postgres' ? 'PGDMP' : 'SQLit');

    now += 47 * HOUR;
    expect(unwrap(await admin('backup.status', {})).overdue).toBe(false);
    now += 2 * HOUR;
    expect(unwrap(await admin('backup.status', {})).overdue).toBe(true);
    await core.database.close();
  });

  it('sets the schedule, the number kept and the folder; refuses a folder it cannot write to, at the field', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const plainFile = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(plainFile, 'a file, not a folder');
    const unwritable = await admin('backup.configure', { automatic: true, everyHours: 24, keep: 7, folder: `${plainFile}/backups` });
    expect(!unwritable.ok && unwritable.error.fields?.folder).toBe(`Depot cannot write into ${plainFile}/backups`);
    const tooOften = await admin('backup.configure', { automatic: true, everyHours: 0, keep: 7, folder: '' });
    expect(!tooOften.ok && tooOften.error.fields?.everyHours).toBe('Back up every 1 to 720 hours');

    const folder = path.join(tempDir(), 'nightly');
    const saved = unwrap(await admin('backup.configure', { automatic: false, everyHours: 6, keep: 3, folder }));
    expect(saved.settings).toEqual({ automatic: false, everyHours: 6, keep: 3, folder });
    expect(saved.folder).toBe(folder);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    const status = await backUpNow(admin);
    expect(path.dirname(status.last!.file)).toBe(folder);

    const clerk = await asRole(core, 'clerk');
    expect((await clerk('backup.run', {})).ok).toBe(false);
    await core.database.close();
  });

  it('backs up at once when the schedule starts with no backup, and next a schedule later', async () => {
    const core = await freshCore({ demo: true });
    const schedule = startBackupSchedule(core);
    const admin = await asRole(core, 'admin');
    let status = unwrap(await admin('backup.status', {}));
    for (let i = 0; i < 500 && !status.nextAt; i++) {
      await sleep(20);
      status = unwrap(await admin('backup.status', {}));
    }
    schedule.stop();
    expect(status.last).not.toBeNull();
    expect(Date.parse(status.nextAt!)).toBe(Date.parse(status.last!.takenAt) + 24 * HOUR);
    await core.database.close();
  });

  it.runIf(testDialect === 'postgres')('says to use pg_dump when it is not on PATH', async () => {
    const core: Core = await freshCore({ demo: true });
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(runBackup(core, { folder: tempDir() })).rejects.toThrow('pg_dump was not found on PATH');
    } finally {
      process.env.PATH = path;
    }
    const admin = await asRole(core, 'admin');
    expect(unwrap(await admin('backup.status', {})).lastError?.said.code).toBe('database.noPgDump');
    await core.database.close();
  });
});

describe('first run on a shared database', () => {
  // On SQLite two processes are needed (one process holds its write lock): backup.test.ts does that.
  it.runIf(testDialect === 'postgres')('makes one site and one admin when two Depots set up the same empty database at once', async () => {
    const url = await freshPostgresUrl();
    const cores = await Promise.all([freshCore({ databaseUrl: url }), freshCore({ databaseUrl: url })]);
    const site = (name: string) => ({
      siteName: name,
      address: { name, line1: '1 Test Street', city: 'Seoul', postalCode: '04524', country: 'KR' },
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      turnaroundDays: 7,
      adminName: `Admin ${name}`,
      adminPin: '1234',
    });
    const results = await Promise.all(cores.map((core, i) => dispatch(core, 'setup.createSite', site(['North', 'South'][i]!), null)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(!refused!.ok && refused!.error.reason.code).toBe('setup.alreadySetUp');
    const admins = await cores[0]!.db.selectFrom('users').select(['name', 'role']).execute();
    expect(admins).toHaveLength(1);
    for (const core of cores) await core.database.close();
  });
});
