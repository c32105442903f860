import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncCommand } from '../../src/apps/cli/sync.ts';
import type { Core } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { createCore } from '../../src/base/node/core.ts';
import { attachPortalSync, PortalSync } from '../../src/features/portal-sync/node/service.ts';
import { encryptedTokenStore, envTokenStore, writePortalUrl, type StoredToken, type TokenStore } from '../../src/features/portal-sync/node/settings.ts';
import { asRole, freshCore, tempDir, unwrap } from '../helpers.ts';
import { deskCase, setupDepot } from '../portal/harness.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';

const exec = promisify(execFile);

/** A token store that only lives in memory, as the desktop app's keychain would hold it. */
function memoryTokens(initial: string | null = null): TokenStore & { value: StoredToken | null } {
  return {
    value: initial === null ? null : { token: initial, origin: null },
    writable: true,
    source() {
      return this.value ? 'safeStorage' : 'none';
    },
    read() {
      return this.value;
    },
    write(token: string, origin: string) {
      this.value = { token, origin };
    },
  };
}

async function allText(core: Core): Promise<string> {
  const settings = await core.db.selectFrom('site_settings').selectAll().execute();
  const outbox = await core.db.selectFrom('portal_outbox').select(['body', 'last_error']).execute();
  return JSON.stringify([settings, outbox]);
}

describe('portal sync: settings, API and the running worker', () => {
  let portal: ReferencePortal;
  let core: Core;

  beforeEach(async () => {
    portal = await startPortal({ token: 'secret-portal-token-123' });
    core = await freshCore({ demo: true });
    // Demo cases were never registered on this portal: start from an empty queue.
    await core.db.deleteFrom('portal_outbox').execute();
  });
  afterEach(async () => {
    await portal.close();
    await core.database.close();
  });

  it('approving a portal request pushes `authorized` exactly as portal-api.md describes', async () => {
    const sync = new PortalSync(core, { tokens: memoryTokens(portal.token), url: portal.url, worker: { idleMs: 20 } });
    const { rma } = portal.requestRma({ product: { model: 'AX-100', serial: 'SN-A1', purchaseDate: '2020-01-02' } });
    await sync.runOnce();
    const admin = await asRole(core, 'admin');
    const c = unwrap(await admin('cases.get', { rma }));
    expect(c.status).toBe('requested');
    unwrap(await admin('cases.transition', { rma, version: c.version, to: 'authorized' }));
    await sync.runOnce();
    const state = portal.rmas.get(rma)!;
    expect(state.status).toBe('authorized');
    const [update] = state.statusLog;
    expect(Object.keys(update!).sort()).toEqual(['at', 'details', 'key', 'note', 'seq', 'status']);
    expect(update!.note).toBeUndefined();
    expect(update!.seq).toBe(1);
    expect(new Date(update!.at).toISOString()).toBe(update!.at);
    const site = unwrap(await admin('settings.get', {}));
    expect(update!.details).toEqual({
      shipTo: site.address,
      shippingPaidBy: 'customer',
      instructions: expect.stringContaining(site.siteName),
    });
    expect(Object.keys(site.address).sort()).toEqual(['city', 'country', 'line1', 'line2', 'name', 'phone', 'postalCode', 'region']);
    await sync.stop();
  });

  it('configures, tests, pauses and resumes through the API; the token never reaches the database', async () => {
    const tokens = memoryTokens();
    const sync = new PortalSync(core, { tokens, worker: { idleMs: 20 } });
    attachPortalSync(sync);
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    expect(unwrap(await admin('sync.status', {}))).toMatchObject({ configured: false, workerRunning: false });
    expect(await clerk('sync.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const wrong = unwrap(await admin('sync.test', { url: portal.url, token: 'wrong-token' }));
    expect(wrong).toEqual({ ok: false, message: expect.objectContaining({ code: 'portal-sync.testTokenRefused', text: expect.stringContaining('401') }) });
    expect(unwrap(await admin('sync.test', { url: portal.url, token: portal.token })).ok).toBe(true);

    const settings = unwrap(await admin('sync.configure', { url: portal.url, token: portal.token }));
    expect(settings).toMatchObject({ url: portal.url, tokenSet: true, tokenWritable: true, tokenSource: 'safeStorage' });
    expect(tokens.value).toEqual({ token: portal.token, origin: new URL(portal.url).origin });
    expect(unwrap(await admin('sync.test', {})).ok).toBe(true);
    // The stored token is never sent to an address typed in only to try it.
    expect(await admin('sync.test', { url: 'http://127.0.0.1:9/api/v1' })).toMatchObject({ ok: false, error: { fields: { token: expect.any(String) } } });

    sync.start();
    const rma = unwrap(await asRole(core, 'clerk').then((c) => c('cases.create', walkIn))).rma;
    await waitFor(async () => portal.rmas.get(rma)?.status === 'authorized');
    // The portal holds the update a moment before the worker marks its row sent.
    await waitFor(async () => unwrap(await admin('sync.status', {})).pending === 0);
    const status = unwrap(await admin('sync.status', {}));
    expect(status).toMatchObject({ configured: true, workerRunning: true, pending: 0, dead: 0, paused: false });
    expect(status.lastPushAt).not.toBeNull();
    expect(unwrap(await clerk('sync.case', { rma }))).toMatchObject({ rma, pending: 0, sent: 2, dead: 0, flags: [] });

    expect(unwrap(await admin('sync.pause', {}))).toMatchObject({ paused: true, pauseReason: { code: 'portal-sync.pausedBy', text: 'Paused by Admin Park' } });
    const c = unwrap(await admin('cases.get', { rma }));
    unwrap(await admin('cases.transition', { rma, version: c.version, to: 'cancelled', note: 'Customer changed mind' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(portal.rmas.get(rma)!.status).toBe('authorized');
    expect(unwrap(await clerk('sync.case', { rma })).pending).toBe(1);
    unwrap(await admin('sync.resume', {}));
    await waitFor(async () => portal.rmas.get(rma)?.status === 'cancelled');
    await sync.stop();

    expect(await allText(core)).not.toContain(portal.token);
  });

  it('shows refused updates, re-queues and discards them, and lists flags and parked events', async () => {
    const sync = new PortalSync(core, { tokens: memoryTokens(portal.token), url: portal.url, worker: { idleMs: 20 } });
    attachPortalSync(sync);
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    const rma = unwrap(await clerk('cases.create', walkIn)).rma;
    portal.addFault({ kind: 'status', status: 422, code: 'unprocessable', count: 1, match: '/status' });
    portal.addEvent('rma.message', 'RMA-2020-000001', { body: 'Hello?' });
    await sync.runOnce();
    const [dead] = unwrap(await admin('sync.deadLetters', {}));
    expect(dead).toMatchObject({ rma, kind: 'status', seq: 1, heldBehind: 0, lastError: expect.objectContaining({ code: 'portal-sync.portalRefused', text: expect.stringContaining('422') }) });
    expect(JSON.parse(dead!.body)).toMatchObject({ seq: 1, status: 'authorized' });
    expect(unwrap(await clerk('sync.case', { rma }))).toMatchObject({ dead: 1, lastError: expect.objectContaining({ text: expect.stringContaining('422') }) });
    expect(unwrap(await admin('sync.status', {}))).toMatchObject({ dead: 1, parked: 1 });

    unwrap(await admin('sync.requeue', { id: dead!.id }));
    await sync.runOnce();
    expect(portal.rmas.get(rma)!.status).toBe('authorized');
    expect(unwrap(await admin('sync.deadLetters', {}))).toEqual([]);
    expect(await admin('sync.requeue', { id: dead!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // The customer cancelled on the portal: the next update is refused for good and the case is flagged.
    portal.cancelByCustomer(rma, 'Bought a new one');
    await core.db.deleteFrom('portal_applied_events').execute();
    const c = unwrap(await admin('cases.get', { rma }));
    unwrap(await admin('cases.transition', { rma, version: c.version, to: 'cancelled', note: 'No longer needed' }));
    await sync.runOnce();
    const [closed] = unwrap(await admin('sync.deadLetters', {}));
    expect(closed).toMatchObject({ rma, lastError: expect.objectContaining({ text: expect.stringContaining('case_closed') }) });
    const flags = unwrap(await clerk('sync.flags', { rma }));
    expect(flags).toEqual([expect.objectContaining({ rma, kind: 'portal_closed' })]);
    unwrap(await admin('sync.discard', { id: closed!.id }));
    unwrap(await clerk('sync.resolveFlag', { id: flags[0]!.id }));
    expect(unwrap(await clerk('sync.flags', {}))).toEqual([]);

    const [parked] = unwrap(await admin('sync.parked', {}));
    expect(parked).toMatchObject({ rma: 'RMA-2020-000001', type: 'rma.message', reason: { code: 'portal-sync.parkedNoCase', text: expect.stringContaining('No case') } });
    unwrap(await admin('sync.dismissParked', { id: parked!.id }));
    expect(unwrap(await admin('sync.parked', {}))).toEqual([]);
    await sync.stop();
  });
});

/** An HTTP server that keeps what it was sent (the Authorization header among it) and answers with `answer`. */
async function listener(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.writeHead(404).end()) {
  const requests: { method: string; url: string; authorization: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('portal sync: the token goes only to the portal it was entered for', () => {
  let portal: ReferencePortal;
  let core: Core;
  let sync: PortalSync;
  let tokens: ReturnType<typeof memoryTokens>;

  beforeEach(async () => {
    portal = await startPortal({ token: 'secret-portal-token-123' });
    core = await freshCore({ demo: true });
    await core.db.deleteFrom('portal_outbox').execute();
    tokens = memoryTokens();
    sync = new PortalSync(core, { tokens, worker: { idleMs: 20 } });
    attachPortalSync(sync);
  });
  afterEach(async () => {
    await sync.stop();
    await portal.close();
    await core.database.close();
  });

  it('sends nothing to another port when the address changes without the token, not even if the stored address is changed behind its back', async () => {
    const other = await listener();
    const admin = await asRole(core, 'admin');
    unwrap(await admin('sync.configure', { url: portal.url, token: portal.token }));
    expect(unwrap(await admin('sync.settings', {})).tokenOrigin).toBe(new URL(portal.url).origin);
    // Another path at the same origin keeps the token.
    unwrap(await admin('sync.configure', { url: `${portal.url}/` }));

    const moved = await admin('sync.configure', { url: other.url });
    expect(moved).toMatchObject({ ok: false, error: { fieldReasons: { token: { code: 'portal-sync.tokenForNewAddress', params: { origin: new URL(portal.url).origin } } } } });
    expect(await admin('sync.test', { url: other.url })).toMatchObject({ ok: false, error: { fieldReasons: { token: { code: 'portal-sync.tokenForNewAddress' } } } });
    expect(unwrap(await admin('sync.settings', {})).url).toBe(`${portal.url}/`);

    const rma = unwrap(await asRole(core, 'clerk').then((c) => c('cases.create', walkIn))).rma;
    await writePortalUrl(core.db, other.url);
    expect(await sync.runOnce()).toBeNull();
    expect(unwrap(await admin('sync.status', {})).lastError?.text).toMatch(/entered for http:\/\/127\.0\.0\.1:\d+, not for/);
    expect(other.requests).toEqual([]);

    // Entered again, the token goes to the new address (and is bound to it from now on).
    unwrap(await admin('sync.configure', { url: other.url, token: 'token-for-the-other-portal' }));
    await sync.runOnce();
    expect(other.requests.map((r) => r.authorization)).toContain('Bearer token-for-the-other-portal');
    expect(other.requests.map((r) => r.authorization)).not.toContain(`Bearer ${portal.token}`);
    expect(portal.rmas.get(rma)).toBeUndefined();
    await other.close();
  });

  it('does not follow a redirect with the token: the place it points to hears nothing', async () => {
    const target = await listener();
    const redirecting = await listener((req, res) => res.writeHead(307, { location: `${target.url}${req.url ?? ''}` }).end());
    const admin = await asRole(core, 'admin');
    unwrap(await admin('sync.configure', { url: redirecting.url, token: portal.token }));
    const rma = unwrap(await asRole(core, 'clerk').then((c) => c('cases.create', walkIn))).rma;
    const tried = unwrap(await admin('sync.test', {}));
    expect(tried).toEqual({ ok: false, message: expect.objectContaining({ code: 'portal-sync.portalRedirect', text: expect.stringContaining('307 redirect') }) });
    const round = await sync.runOnce();
    expect(round).toMatchObject({ sent: 0, retrying: 1 });
    expect(redirecting.requests.length).toBeGreaterThanOrEqual(2);
    expect(target.requests).toEqual([]);
    expect(unwrap(await admin('sync.case', { rma })).lastError).toMatchObject({ code: 'portal-sync.portalRedirect', text: expect.stringContaining('307 redirect') });
    await redirecting.close();
    await target.close();
  });

  it('takes https, and plain http only on this machine; no credentials in the address', async () => {
    const admin = await asRole(core, 'admin');
    for (const url of ['http://example.com/api/v1', 'http://127.0.0.1.example.com/api/v1', 'http://10.0.0.5/api/v1']) {
      expect(await admin('sync.configure', { url, token: 'some-token-1' })).toMatchObject({
        ok: false,
        error: { fieldReasons: { url: { code: 'portal-sync.httpsRequired' } } },
      });
      expect(await admin('sync.test', { url, token: 'some-token-1' })).toMatchObject({ ok: false, error: { fieldReasons: { url: { code: 'portal-sync.httpsRequired' } } } });
    }
    expect(await admin('sync.configure', { url: 'https://depot:secret@portal.example.com/api/v1' })).toMatchObject({
      ok: false,
      error: { fieldReasons: { url: { code: 'portal-sync.urlCredentials' } } },
    });
    expect(tokens.value).toBeNull();
    for (const url of ['http://127.0.0.1:9/api/v1', 'http://localhost:9/api/v1', 'http://[::1]:9/api/v1', 'https://portal.example.com/api/v1']) {
      expect(unwrap(await admin('sync.configure', { url, token: 'some-token-1' })).url).toBe(url);
    }
  });

  it('keeps and shows a portal error that echoes the Authorization header without the token', async () => {
    const echo = await listener((req, res) => {
      const seen = JSON.stringify({ headers: req.headers, url: `${req.url}?token=${portal.token}` });
      if (req.method === 'GET') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`authorization: ${req.headers.authorization}\n${seen}`);
      } else {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'invalid', message: `Refused ${seen}` } }));
      }
    });
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    unwrap(await admin('sync.configure', { url: echo.url, token: portal.token }));
    const rma = unwrap(await clerk('cases.create', walkIn)).rma;
    await sync.runOnce();
    expect(echo.requests[0]!.authorization).toBe(`Bearer ${portal.token}`);

    const stored = await core.db.selectFrom('portal_outbox').select('last_error').where('rma', '=', rma).execute();
    expect(stored.map((r) => r.last_error).join(' ')).toContain('Refused');
    const shown = [
      JSON.stringify(stored),
      JSON.stringify(unwrap(await clerk('sync.case', { rma }))),
      JSON.stringify(unwrap(await admin('sync.deadLetters', {}))),
      JSON.stringify(unwrap(await admin('sync.status', {}))),
      JSON.stringify(unwrap(await admin('sync.test', {}))),
    ];
    for (const text of shown) {
      expect(text).not.toContain(portal.token);
      expect(text).toContain('[hidden]');
    }
    expect(shown[1]).toMatch(/authorization\\?":\\?"\[hidden\]/);
    await echo.close();
  });
});

describe('portal sync: where the token is kept', () => {
  it('reads DEPOT_PORTAL_TOKEN first, else a private token file, and refuses a file others can read', () => {
    const dir = tempDir();
    const file = path.join(dir, 'portal-token');
    expect(envTokenStore({ env: {}, file }).read()).toBeNull();
    fs.writeFileSync(file, 'from-file\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => envTokenStore({ env: {}, file }).read()).toThrow(/other users/);
    fs.chmodSync(file, 0o600);
    expect(envTokenStore({ env: {}, file }).read()).toEqual({ token: 'from-file', origin: null });
    expect(envTokenStore({ env: {}, file }).source()).toBe('file');
    const originFile = path.join(dir, 'portal-token.origin');
    const fromEnv = envTokenStore({ env: { DEPOT_PORTAL_TOKEN: 'from-env' }, file, originFile });
    expect([fromEnv.read(), fromEnv.source(), fromEnv.writable]).toEqual([{ token: 'from-env', origin: null }, 'env', false]);
    // Only the token Depot was started with moves to a new origin, and the move outlives the process.
    expect(() => fromEnv.write('another-token', 'https://portal.example')).toThrow(/not the token this Depot was started with/);
    fromEnv.write('from-env', 'https://portal.example');
    expect(envTokenStore({ env: { DEPOT_PORTAL_TOKEN: 'from-env' }, file, originFile }).read()).toEqual({ token: 'from-env', origin: 'https://portal.example' });
    expect(fs.statSync(originFile).mode & 0o777).toBe(0o600);
  });

  it('keeps the desktop token encrypted in an owner-only file, and refuses to store it without a keychain', () => {
    const dir = tempDir();
    const file = path.join(dir, 'portal-token.enc');
    const keychain = {
      available: () => true,
      encrypt: (text: string) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
      decrypt: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
    };
    const store = encryptedTokenStore(file, keychain);
    expect(store.read()).toBeNull();
    store.write('desk-token-42', 'https://portal.example');
    expect(store.read()).toEqual({ token: 'desk-token-42', origin: 'https://portal.example' });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('desk-token-42');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => encryptedTokenStore(file, { ...keychain, available: () => false }).write('x', 'https://portal.example')).toThrow(/keychain/);
    // A file from before tokens were bound holds the token alone: it stays with the stored address.
    fs.writeFileSync(file, keychain.encrypt('old-desk-token'));
    expect(store.read()).toEqual({ token: 'old-desk-token', origin: null });
  });
});

describe('portal sync: one worker per database, and the depot command', () => {
  let portal: ReferencePortal;
  beforeEach(async () => {
    portal = await startPortal();
  });
  afterEach(async () => {
    await portal.close();
  });

  it('lets only one running Depot sync a database at a time', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depot.sqlite');
    const { core, users } = await setupDepot(file);
    const other = createCore(await openSqlite(file));
    const a = new PortalSync(core, { tokens: memoryTokens(portal.token), url: portal.url, worker: { idleMs: 20 } });
    const b = new PortalSync(other, { tokens: memoryTokens(portal.token), url: portal.url, worker: { idleMs: 20 } });
    await deskCase(core, users.clerk!, 1);
    expect((await a.runOnce())?.sent).toBe(2);
    await deskCase(core, users.clerk!, 2);
    expect((await b.runOnce())?.skipped).toBe('lease');
    expect((await a.runOnce())?.sent).toBe(2);
    await a.stop();
    expect((await b.runOnce())?.skipped).toBeNull();
    await b.stop();
    expect(portal.stats.duplicateKeys + portal.stats.replays).toBe(0);
    await other.database.close();
    await core.database.close();
  });

  it('`depot sync --once` prints what it did, and fails when the portal refuses an update for good', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depot.sqlite');
    const { core, users } = await setupDepot(file);
    await writePortalUrl(core.db, portal.url);
    await deskCase(core, users.clerk!, 1);
    portal.requestRma();
    await core.database.close();
    // In this process (starting the command costs seconds on a busy machine); the last run is the real command.
    const run = async (env: Record<string, string>) => {
      const out: string[] = [];
      const err: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
      const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
      const saved = process.env.DEPOT_PORTAL_TOKEN;
      process.env.DEPOT_PORTAL_TOKEN = env.DEPOT_PORTAL_TOKEN;
      try {
        const code = await syncCommand(['--once', '--db', file]);
        return { code, stdout: out.join('\n'), stderr: err.join('\n') };
      } finally {
        if (saved === undefined) delete process.env.DEPOT_PORTAL_TOKEN;
        else process.env.DEPOT_PORTAL_TOKEN = saved;
        log.mockRestore();
        error.mockRestore();
      }
    };
    const missing = await run({ DEPOT_PORTAL_TOKEN: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Portal sync is not set up: No portal API token is set. Give --portal-url');

    const ok = await run({ DEPOT_PORTAL_TOKEN: portal.token });
    expect(ok.stdout).toMatch(/2 updates sent, 1 events applied; 0 waiting/);
    expect(ok.stdout + ok.stderr).not.toContain(portal.token);
    expect(ok.code).toBe(0);

    const again = createCore(await openSqlite(file));
    const [c] = await again.db.selectFrom('cases').select(['rma', 'version']).where('source', '=', 'desk').execute();
    await again.db.transaction().execute(async (trx) => {
      const { applyTransition } = await import('../../src/features/cases/node/cases.ts');
      await applyTransition(trx, new Date(), users.admin!, { rma: c!.rma, version: c!.version, to: 'cancelled', note: 'Test', carrier: null });
    });
    await again.database.close();
    portal.addFault({ kind: 'status', status: 400, code: 'invalid', count: 1 });
    const refused = await exec(process.execPath, ['--import', 'tsx', 'src/apps/cli/main.ts', 'sync', '--once', '--db', file], {
      env: { ...process.env, DEPOT_PORTAL_TOKEN: portal.token },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/1 dead letters/);
  }, 60_000);
});

const walkIn = {
  customer: { name: 'Eleni Papadopoulou', email: 'eleni@example.com', phone: '+30 210 555 0100', locale: 'el' as const },
  returnAddress: { name: 'Eleni Papadopoulou', line1: 'Odos Ermou 10', city: 'Athens', postalCode: '10563', country: 'GR' },
  model: 'AX-100',
  serial: 'SN-WALKIN-1',
  purchaseDate: '2020-05-01',
  problemCategory: 'hardware',
  problemDescription: 'No sound',
};

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
