import { fork, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { bootCore } from '../../src/base/node/boot.ts';
import { createCore } from '../../src/base/node/core.ts';
import { restoreSqlite } from '../../src/base/node/db/backup.ts';
import { listBackups } from '../../src/base/node/db/backup-files.ts';
import { fullCheck } from '../../src/base/node/db/sqlite-file.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { migrations, type Migration } from '../../src/base/node/db/migrations/registry.ts';
import { runBackup } from '../../src/features/backup/node/index.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { addSyntheticCases } from '../bench/data.ts';
import { asRole, tempDir, unwrap } from '../helpers.ts';

const depotCli = path.resolve(import.meta.dirname, '../../src/apps/cli/depot.mjs');

/** Runs the `depot` command; resolves with its exit code and what it printed. */
function depot(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [depotCli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEPOT_DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every row of every table, in order, for comparing two databases row by row. */
function rowsOf(file: string): Record<string, unknown[]> {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = raw.prepare("select name from sqlite_schema where type = 'table' order by name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, raw.prepare(`select * from "${table}" order by rowid`).all()]));
  } finally {
    raw.close();
  }
}

const integrity = (file: string) => {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return raw.pragma('integrity_check', { simple: true });
  } finally {
    raw.close();
  }
};

/** Overwrites one leaf page of `table` with garbage, as a failing disk would. */
function damagePageOf(file: string, table: string): void {
  const raw = new BetterSqlite3(file, { readonly: true });
  const { pageno, size } = raw.prepare("select pageno, pgsize as size from dbstat where name = ? and pagetype = 'leaf' order by pageno limit 1").get(table) as {
    pageno: number;
    size: number;
  };
  raw.close();
  const garbage = Buffer.from(Array.from({ length: size }, (_, i) => (i * 37 + 11) & 0xff));
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, garbage, 0, size, (pageno - 1) * size);
  fs.closeSync(fd);
}

/** One backup of `file` into `backups` beside it, as Depot takes them. */
async function backUp(file: string) {
  const database = await openSqlite(file, { migrate: false });
  try {
    const backup = await runBackup(createCore(database), { folder: path.join(path.dirname(file), 'backups') });
    await new Promise((resolve) => setTimeout(resolve, 2)); // the next one is named for a later millisecond
    return backup;
  } finally {
    await database.close();
  }
}

let template: string;
let roomy: string;

beforeAll(async () => {
  // A demo database, and one with enough cases that a backup takes a while.
  const dir = tempDir('depot-backup-template-');
  template = path.join(dir, 'demo.sqlite');
  const database = await openSqlite(template);
  await loadDemo(createCore(database, { dataDir: dir }));
  await database.close();
  roomy = path.join(dir, 'roomy.sqlite');
  fs.copyFileSync(template, roomy);
  addSyntheticCases(roomy, 20_000);
}, 120_000);

/** A copy of a template as `depot.sqlite` in a new folder. */
function copyOf(source: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'depot.sqlite');
  fs.copyFileSync(source, file);
  return { dir, file };
}

describe('files for their owner only', () => {
  const umask = process.umask();
  afterAll(() => void process.umask(umask));

  it('makes the database, WAL, shared memory, migration copy, backups and photos owner-only in a folder anyone can write to', async () => {
    process.umask(0);
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    const file = path.join(dir, 'depot.sqlite');
    const core = await bootCore({ dataDir: dir, databaseFile: file, databaseUrl: null });
    await loadDemo(core);
    expect(mode(dir)).toBe(0o777); // a folder that was there is not Depot's to change
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);

    const warehouse = await asRole(core, 'warehouse');
    const rma = (await core.db.selectFrom('cases').select('rma').limit(1).executeTakeFirstOrThrow()).rma;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(64)]);
    unwrap(await warehouse('photos.add', { rma, name: 'front.jpg', dataBase64: jpeg.toString('base64') }));
    const sha = crypto.createHash('sha256').update(jpeg).digest('hex');
    expect(mode(path.join(dir, 'attachments'))).toBe(0o700);
    expect(mode(path.join(dir, 'attachments', sha.slice(0, 2)))).toBe(0o700);
    expect(mode(path.join(dir, 'attachments', sha.slice(0, 2), sha))).toBe(0o600);

    const backup = await runBackup(core, { folder: path.join(dir, 'backups') });
    expect(mode(path.join(dir, 'backups'))).toBe(0o700);
    expect(mode(backup.file)).toBe(0o600);
    await core.database.close();

    const next: Migration = { id: 1000, name: 'adds a column', up: (db) => db.schema.alterTable('products').addColumn('color', 'text').execute() };
    await (await openSqlite(file, { migrations: [...migrations, next] })).close();
    const copies = fs.readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(copies).toHaveLength(1);
    expect(mode(path.join(dir, copies[0]!))).toBe(0o600);
  });

  it('makes a database folder it creates owner-only, parents included', async () => {
    process.umask(0);
    const dir = path.join(tempDir(), 'depot', 'data');
    const core = await bootCore({ dataDir: dir, databaseUrl: null });
    await core.database.close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
    expect(mode(path.join(dir, 'depot.sqlite'))).toBe(0o600);
  });
});

describe('a file Depot cannot trust is refused at open', () => {
  it('refuses a database with one damaged page, with its path and the command that restores the newest backup', async () => {
    const { dir, file } = copyOf(template);
    await backUp(file);
    const newest = await backUp(file);
    damagePageOf(file, 'cases');
    const before = sha256(file);

    await expect(openSqlite(file)).rejects.toThrow(`${file} is damaged: table cases:`);
    const serve = await depot(['serve', '--db', file, '--port', '0']);
    expect(serve.code).toBe(1);
    expect(serve.err).toContain(`${file} is damaged: table cases:`);
    expect(serve.err).toContain(`Stop Depot and restore the latest backup (taken ${newest.takenAt}): depot restore ${newest.file} --db ${file}`);
    expect(sha256(file)).toBe(before); // nothing was written into it

    // The command it prints works, and keeps the damaged file aside.
    const restore = await depot(['restore', newest.file, '--db', file]);
    expect(restore.code, restore.err).toBe(0);
    expect(integrity(file)).toBe('ok');
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('depot.sqlite.replaced-'))!;
    expect(restore.out).toContain(`The database it replaced is kept as ${path.join(dir, aside)}`);
    expect(sha256(path.join(dir, aside))).toBe(before);
    await (await openSqlite(file)).close();
  }, 90_000);

  it('finds the damaged page in `depot check` and says what to do', async () => {
    const { file } = copyOf(template);
    const sound = new BetterSqlite3(file);
    expect(fullCheck(sound)).toEqual([]);
    sound.close();
    damagePageOf(file, 'case_history');
    const check = await depot(['check', '--db', file]);
    expect(check.code).toBe(1);
    expect(check.err).toContain('table case_history:');
    expect(check.err).toContain(`No backup was found in ${path.join(path.dirname(file), 'backups')}`);
  }, 60_000);

  it('refuses a file cut short', async () => {
    const { file } = copyOf(template);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 2));
    await expect(openSqlite(file)).rejects.toThrow(`${file} is cut short: it has ${Math.floor(size / 2)} bytes, and its header says ${size}.`);
    expect(fs.statSync(file).size).toBe(Math.floor(size / 2));
  });

  it('refuses a text file and an SQLite database that is not Depot’s, and leaves them as they were', async () => {
    const dir = tempDir();
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'shopping list\n');
    await expect(openSqlite(text)).rejects.toThrow(`${text} is not a database: it is not an SQLite file.`);
    expect(fs.readFileSync(text, 'utf8')).toBe('shopping list\n');

    const other = path.join(dir, 'other.sqlite');
    const raw = new BetterSqlite3(other);
    raw.exec("create table invoices (id integer primary key, total real); insert into invoices (total) values (9.5)");
    raw.close();
    const before = sha256(other);
    await expect(openSqlite(other)).rejects.toThrow(`${other} is an SQLite database, but not a Depot database`);
    expect(sha256(other)).toBe(before);
  });

  it('refuses a 0-byte file unless `depot init` is asked to make it a database', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depot.sqlite');
    fs.writeFileSync(file, '');
    await expect(openSqlite(file)).rejects.toThrow(`${file} is empty (0 bytes) where a database was expected. To start a new database there, run: depot init --db ${file}.`);
    await expect(bootCore({ dataDir: dir, databaseFile: file, databaseUrl: null })).rejects.toThrow('is empty (0 bytes)');
    expect(fs.statSync(file).size).toBe(0);
    const init = await depot(['init', '--db', file]);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toContain('schema up to date; no site yet');
    await (await openSqlite(file)).close();
  }, 60_000);
});

describe('backups that restore', () => {
  it('takes a consistent backup while another process writes, and the restore gives exactly that database back', async () => {
    const { file } = copyOf(roomy);
    const writer: ChildProcess = fork(path.join(import.meta.dirname, 'backup-writer-child.ts'), [file], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let written = 0;
    writer.on('message', (message: { written?: number }) => (written = message.written ?? written));
    await new Promise((resolve) => writer.once('message', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const writtenBefore = written;
    const copy = await backUp(file);
    const writtenDuring = written;
    const stopped = new Promise<number>((resolve) => writer.on('message', (m: { written?: number; stopped?: boolean }) => m.stopped && resolve(m.written!)));
    writer.send('stop');
    const total = await stopped;
    expect(writtenDuring).toBeGreaterThan(writtenBefore); // the writes went on while the backup ran

    const restoredFile = path.join(tempDir(), 'restored.sqlite');
    expect(restoreSqlite(copy.file, restoredFile, { now: new Date() })).toEqual({ setAside: null });

    // The restored database is the live one as it was at one moment: every table the same, and
    // the writer's rows a prefix of them, each customer with their address (no transaction torn).
    const restored = rowsOf(restoredFile);
    const live = rowsOf(file);
    const customers = restored.customers as { id: number; name: string }[];
    const lastId = Math.max(...customers.map((c) => c.id));
    const ours = customers.filter((c) => c.name.startsWith('Writer ')).length;
    expect(ours).toBeGreaterThanOrEqual(writtenBefore);
    expect(ours).toBeLessThan(total);
    expect(customers).toEqual((live.customers as { id: number }[]).filter((c) => c.id <= lastId));
    expect(restored.addresses).toEqual((live.addresses as { customer_id: number }[]).filter((a) => a.customer_id <= lastId));
    for (const table of Object.keys(live)) {
      if (['customers', 'addresses', 'sqlite_sequence'].includes(table)) continue;
      expect(restored[table], table).toEqual(live[table]);
    }
    expect(Object.keys(restored)).toEqual(Object.keys(live));
  }, 60_000);

  it('leaves the live database and earlier backups intact when a backup is killed halfway', async () => {
    const { dir, file } = copyOf(roomy);
    const folder = path.join(dir, 'backups');
    await backUp(file);
    const earlier = listBackups(folder, 'depot');
    const earlierSums = earlier.map((b) => sha256(b.file));
    const liveBefore = sha256(file);

    const child = spawn(process.execPath, [depotCli, 'backup', '--db', file], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let partial: string | undefined;
    for (let i = 0; i < 2000 && !partial; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      partial = fs.readdirSync(folder).find((f) => f.endsWith('.partial') && fs.statSync(path.join(folder, f)).size > 0);
    }
    expect(partial, 'the backup never started writing').toBeDefined();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(integrity(file)).toBe('ok');
    expect(sha256(file)).toBe(liveBefore);
    expect(listBackups(folder, 'depot')).toEqual(earlier);
    expect(earlier.map((b) => sha256(b.file))).toEqual(earlierSums);
    expect(integrity(earlier[0]!.file)).toBe('ok');
    // What it left behind is cleared by the next backup, which comes out whole.
    const next = await backUp(file);
    expect(integrity(next.file)).toBe('ok');
    expect(fs.readdirSync(folder).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(listBackups(folder, 'depot')).toHaveLength(2);
  }, 60_000);

  it('restores nothing from a damaged backup or one of an unknown schema, nor over a database in use', async () => {
    const { dir, file } = copyOf(template);
    const liveBefore = sha256(file);
    const restore = (backup: string) => () => restoreSqlite(backup, file, { now: new Date() });
    const damaged = path.join(dir, 'damaged.sqlite');
    fs.copyFileSync(template, damaged);
    damagePageOf(damaged, 'users');
    expect(restore(damaged)).toThrow(`${damaged} is damaged: table users:`);

    const future = path.join(dir, 'future.sqlite');
    fs.copyFileSync(template, future);
    const raw = new BetterSqlite3(future);
    raw.prepare("insert into depot_migrations (id, name, applied_at) values (999, 'from the future', 'x')").run();
    raw.close();
    expect(restore(future)).toThrow(`${future} has schema changes this Depot does not know (999)`);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'not a backup');
    expect(restore(notes)).toThrow(`${notes} is not a database`);
    expect(sha256(file)).toBe(liveBefore);

    const running = await openSqlite(file);
    expect(restore(template)).toThrow(`${file} is open in a running Depot`);
    await running.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('replaced') || f.includes('partial'))).toEqual([]);
    expect(sha256(file)).toBe(liveBefore);
  });

  it('backs up on "Back up now" with progress in the status, and keeps as many as the settings say', async () => {
    const { dir, file } = copyOf(template);
    const core = await bootCore({ dataDir: dir, databaseFile: file, databaseUrl: null });
    const admin = await asRole(core, 'admin');
    unwrap(await admin('backup.configure', { automatic: true, everyHours: 24, keep: 2, folder: '' }));
    const taken: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = unwrap(await admin('backup.run', {}));
      expect(started.running?.phase).toBe('copying');
      let status = started;
      while (status.running) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = unwrap(await admin('backup.status', {}));
      }
      expect(status.lastError).toBeNull();
      taken.push(status.last!.file);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(new Set(taken).size).toBe(3);
    expect(listBackups(path.join(dir, 'backups'), 'depot').map((b) => b.file)).toEqual([taken[2], taken[1]]);
    await core.database.close();
  });
});

describe('first run', () => {
  it('makes one site and one admin when two Depots set up one empty file at once', async () => {
    const file = path.join(tempDir(), 'depot.sqlite');
    const names = ['North', 'South', 'East'];
    const children = names.map((name) => fork(path.join(import.meta.dirname, 'site-child.ts'), [file, name], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }));
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
    const answers = children.map((child) => new Promise<string>((resolve) => child.once('message', (m) => resolve(String(m)))));
    for (const child of children) child.send('go');
    const results = await Promise.all(answers);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'setup.alreadySetUp')).toHaveLength(2);

    const winner = names[results.indexOf('ok')]!;
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('select name, role from users').all()).toEqual([{ name: `Admin ${winner}`, role: 'admin' }]);
    expect(JSON.parse((raw.prepare("select value from site_settings where key = 'site'").pluck().get() as string)).siteName).toBe(winner);
    raw.close();
    const core = await bootCore({ dataDir: path.dirname(file), databaseFile: file, databaseUrl: null });
    const again = await dispatch(core, 'setup.createSite', { siteName: 'Late', address: { name: 'x', line1: 'x', city: 'x', postalCode: '1', country: 'KR' }, currency: 'KRW', timeZone: 'Asia/Seoul', turnaroundDays: 7, adminName: 'Late', adminPin: '1234' }, null);
    expect(!again.ok && again.error.message).toMatch(/already set up/);
    await core.database.close();
  }, 60_000);
});
