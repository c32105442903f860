import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainContext } from '../../src/base/node/handlers.ts';
import type { Core } from '../../src/base/node/core.ts';
import { PortalClient } from '../../src/features/portal-sync/node/client.ts';
import { listFlags } from '../../src/features/portal-sync/node/flags.ts';
import { getSyncState, resumeSync } from '../../src/features/portal-sync/node/state.ts';
import { discard, listDeadLetters, requeue } from '../../src/features/portal-sync/node/worker.ts';
import { advance, deskCase, drain, expectInSync, setupDepot, testClient, testWorker } from '../portal/harness.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';
import type { Caller } from '../../src/base/common/identity.ts';

/** Counts the requests in flight, in all and per RMA. */
class WatchedClient extends PortalClient {
  private readonly perRma = new Map<string, number>();
  private inFlight = 0;
  most = 0;
  mostPerRma = 0;
  /** Runs before each request goes out. */
  beforeSend: (rma: string) => Promise<void> = async () => undefined;

  override async sendStored(method: string, path: string, body: string, idempotencyKey: string) {
    const rma = path.split('/')[2]!;
    await this.beforeSend(rma);
    const count = (this.perRma.get(rma) ?? 0) + 1;
    this.perRma.set(rma, count);
    this.mostPerRma = Math.max(this.mostPerRma, count);
    this.most = Math.max(this.most, ++this.inFlight);
    try {
      return await super.sendStored(method, path, body, idempotencyKey);
    } finally {
      this.inFlight--;
      this.perRma.set(rma, this.perRma.get(rma)! - 1);
    }
  }
}

const road = ['received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship', 'shipped', 'closed'] as const;

describe('portal push worker', () => {
  let portal: ReferencePortal;
  let core: Core;
  let users: Record<string, Caller>;
  let client: PortalClient;

  beforeEach(async () => {
    portal = await startPortal();
    ({ core, users } = await setupDepot());
    client = testClient(portal, { timeoutMs: 250 });
  });
  afterEach(async () => {
    client.close();
    await portal.close();
    await core.database.close();
  });

  async function someCases(n: number, steps = 3): Promise<string[]> {
    const rmas: string[] = [];
    for (let i = 0; i < n; i++) {
      const rma = await deskCase(core, users.clerk!, i + 1);
      await advance(core, users, rma, [...road.slice(0, steps)]);
      rmas.push(rma);
    }
    return rmas;
  }

  it('delivers every update once, in order per RMA, and the portal ends equal to the depot', async () => {
    await someCases(6, road.length);
    await drain(testWorker(core, client));
    await expectInSync(core, portal);
    // Registration before the first status, then statuses in seq order, for every RMA.
    for (const state of portal.rmas.values()) {
      const paths = portal.log.filter((l) => l.path.includes(state.rma)).map((l) => l.path.replace(/.*\//, ''));
      expect(paths[0]).toBe(state.rma);
    }
    expect(portal.stats.replays + portal.stats.stale).toBe(0);
  });

  // One row per window and one lane: the RMA's later rows come in later reads of the same round, after the failure.
  it.each([
    [500, 4],
    [1, 1],
  ])('never lets a later update of an RMA overtake an earlier one that is still pending (window of %i, %i at a time)', async (batchSize, concurrency) => {
    const [a, b] = (await someCases(2, 2)) as [string, string];
    portal.addFault({ kind: 'status', status: 500, count: 1, match: `${a}/status` });
    const worker = testWorker(core, client, { backoff: { baseMs: 60_000, capMs: 60_000 }, random: () => 1, batchSize, concurrency });
    await worker.runOnce();
    // b went through; a's first status failed and its two later statuses were not sent.
    expect(portal.rmas.get(b)!.lastSeq).toBe(3);
    expect(portal.rmas.get(a)!.lastSeq).toBe(0);
    expect(portal.log.filter((l) => l.path === `/rmas/${a}/status`)).toHaveLength(1);
    const pending = await core.db.selectFrom('portal_outbox').select(['rma', 'attempts', 'last_error']).where('state', '=', 'pending').execute();
    expect(pending.map((p) => p.rma)).toEqual([a, a, a]);
    expect(pending[0]!.attempts).toBe(1);
    expect(pending[0]!.last_error).toMatch(/500/);
  });

  it('reads the queue again within a round: every update once, in order, one request per RMA at a time', async () => {
    await someCases(6, 4);
    const watched = new WatchedClient({ baseUrl: portal.url, token: portal.token });
    const round = await testWorker(core, watched, { batchSize: 2, concurrency: 3 }).runOnce();
    watched.close();
    const rows = await core.db.selectFrom('portal_outbox').select(['state', 'attempts']).execute();
    // 6 registrations + 24 statuses, all in one round although a window holds two rows.
    expect(rows).toHaveLength(30);
    expect(round.sent).toBe(30);
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
    expect(watched.mostPerRma).toBe(1);
    expect(watched.most).toBeLessThanOrEqual(3);
    expect(portal.stats.replays + portal.stats.stale + portal.stats.duplicateKeys).toBe(0);
    await expectInSync(core, portal);
  });

  it('sends a row that became visible after a read went past its id before the later rows of its RMA', async () => {
    const [, b, c] = (await someCases(3, 2)) as [string, string, string];
    await advance(core, users, b, ['repairing']);
    // b's rows stand for a transaction that got smaller ids than c's but committed after them.
    const hidden = (await core.db.selectFrom('portal_outbox').select('id').where('rma', '=', b).execute()).map((r) => r.id);
    await core.db.updateTable('portal_outbox').set({ state: 'discarded' }).where('id', 'in', hidden).execute();
    const watched = new WatchedClient({ baseUrl: portal.url, token: portal.token });
    watched.beforeSend = async (rma) => {
      if (rma === c) await core.db.updateTable('portal_outbox').set({ state: 'pending' }).where('id', 'in', hidden).where('state', '=', 'discarded').execute();
    };
    await testWorker(core, watched, { batchSize: 1, concurrency: 1 }).runOnce();
    watched.close();
    expect(portal.stats.stale).toBe(0);
    // The round that saw b's last row sent all of b's rows, in order.
    expect(portal.rmas.get(b)!.statusLog.map((u) => u.seq)).toEqual([1, 2, 3, 4]);
    await expectInSync(core, portal);
  });

  it('survives timeouts after the portal applied: same key again, applied once', async () => {
    await someCases(3, 3);
    portal.addFault({ kind: 'timeout-after-apply', count: 4 });
    await drain(testWorker(core, client));
    await expectInSync(core, portal);
    expect(portal.stats.replays).toBeGreaterThanOrEqual(4);
    // Each retry carried the key of its row.
    const keys = new Map((await core.db.selectFrom('portal_outbox').select(['path', 'idempotency_key']).execute()).map((r) => [r.idempotency_key, r.path]));
    for (const l of portal.log) expect(keys.get(l.key!)).toBe(l.path);
  });

  it('honours Retry-After given in seconds', async () => {
    await someCases(1, 0);
    portal.addFault({ kind: 'status', status: 429, retryAfter: 1, count: 1 });
    const worker = testWorker(core, client);
    const first = await worker.runOnce();
    expect(first.nextDueAt!.getTime() - Date.now()).toBeGreaterThan(800);
    expect((await worker.runOnce()).skipped).toBe('hold');
    await drain(worker);
    const tries = portal.log.filter((l) => l.path.endsWith('000001'));
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    await expectInSync(core, portal);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    await someCases(1, 0);
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    portal.addFault({ kind: 'status', status: 503, retryAfter: at, count: 1 });
    const worker = testWorker(core, client);
    await worker.runOnce();
    await drain(worker);
    const tries = portal.log.filter((l) => l.path.endsWith('000001'));
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at).toBeGreaterThanOrEqual(at.getTime() - 50);
    await expectInSync(core, portal);
  });

  it('rides out 503 storms, 500s, dropped connections and malformed answers', async () => {
    await someCases(5, 4);
    portal.addFault({ kind: 'status', status: 503, count: 25 });
    portal.addFault({ kind: 'status', status: 500, count: 5 });
    portal.addFault({ kind: 'reset', count: 5 });
    portal.addFault({ kind: 'malformed', count: 5 });
    portal.addFault({ kind: 'malformed', body: '<html>Bad gateway</html>', count: 3 });
    await drain(testWorker(core, client), { rounds: 2000 });
    expect(portal.stats.faults).toBe(43);
    await expectInSync(core, portal);
  });

  it('pauses all sync on 401 until the admin fixes the token and resumes', async () => {
    await someCases(2, 2);
    let token = portal.token;
    const tokenClient = testClient(portal, { token: () => token });
    portal.token = 'rotated-on-the-portal';
    const worker = testWorker(core, tokenClient);
    const round = await worker.runOnce();
    expect(round.sent).toBe(0);
    const state = await getSyncState(core);
    expect(state.paused).toBe(true);
    expect(state.pauseReason).toMatch(/token/);
    expect((await worker.runOnce()).skipped).toBe('paused');
    const unauthorized = portal.stats.unauthorized;
    token = 'rotated-on-the-portal';
    expect((await worker.runOnce()).skipped).toBe('paused');
    expect(portal.stats.unauthorized).toBe(unauthorized);
    await resumeSync(plainContext(core));
    await drain(worker);
    tokenClient.close();
    await expectInSync(core, portal);
    expect(await listDeadLetters(plainContext(core))).toEqual([]);
  });

  it('sends 404 and 409 case_closed to dead letters; staff re-queue or discard them', async () => {
    const [lost, closed, fine] = await someCases(3, 1);
    const worker = testWorker(core, client);
    await drain(worker);
    // The portal lost one RMA; the customer cancelled another there.
    const saved = portal.rmas.get(lost!)!;
    portal.rmas.delete(lost!);
    portal.cancelByCustomer(closed!, 'Changed my mind');
    for (const rma of [lost!, closed!, fine!]) await advance(core, users, rma, ['diagnosing', 'repairing']);
    await drain(worker);

    const dead = await listDeadLetters(plainContext(core));
    expect(dead.map((d) => [d.rma, d.seq, d.heldBehind])).toEqual([
      [lost, 3, 1],
      [closed, 3, 1],
    ]);
    expect(dead[0]!.lastError).toMatch(/404/);
    expect(dead[1]!.lastError).toMatch(/case_closed/);
    expect((await listFlags(plainContext(core))).map((f) => [f.rma, f.kind])).toEqual([[closed, 'portal_closed']]);
    expect(portal.rmas.get(fine!)!.lastSeq).toBe(4);

    // Fixed on the portal: re-queued with the same key, and the held update follows.
    portal.rmas.set(lost!, saved);
    await requeue(plainContext(core), dead[0]!.id);
    await discard(plainContext(core), dead[1]!.id);
    await drain(worker);
    expect(portal.rmas.get(lost!)!.statusLog.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(await listDeadLetters(plainContext(core))).toMatchObject([{ rma: closed, seq: 4 }]);
    const keyOf = async (id: number) => (await core.db.selectFrom('portal_outbox').select('idempotency_key').where('id', '=', id).executeTakeFirstOrThrow()).idempotency_key;
    const lostKey = await keyOf(dead[0]!.id);
    expect(portal.log.filter((l) => l.key === lostKey)).toHaveLength(2);
    await expect(requeue(plainContext(core), dead[0]!.id)).rejects.toThrow(/No dead-letter/);
  });

  it('lets one worker per database send at a time', async () => {
    await someCases(1, 0);
    const first = testWorker(core, client, { owner: 'station-1' });
    const second = testWorker(core, client, { owner: 'station-2' });
    expect((await first.runOnce()).sent).toBe(2);
    await someCases(1, 0);
    expect((await second.runOnce()).skipped).toBe('lease');
    await first.stop();
    expect((await second.runOnce()).sent).toBe(2);
    await expectInSync(core, portal);
  });

  it('takes over a lease whose holder stopped renewing it', async () => {
    let now = Date.now();
    const clock = () => new Date(now);
    const first = testWorker(core, client, { owner: 'a', leaseTtlMs: 1000, now: clock });
    const second = testWorker(core, client, { owner: 'b', leaseTtlMs: 1000, now: clock });
    await first.runOnce();
    expect((await second.runOnce()).skipped).toBe('lease');
    now += 1001;
    expect((await second.runOnce()).skipped).toBe(null);
    expect((await first.runOnce()).skipped).toBe('lease');
  });

  it('runs as a loop that sends new updates as they come, and stops', async () => {
    const worker = testWorker(core, client);
    worker.start();
    await someCases(3, 3);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const pending = await core.db.selectFrom('portal_outbox').select('id').where('state', '!=', 'sent').executeTakeFirst();
      if (!pending) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await worker.stop();
    await expectInSync(core, portal);
    const lease = await core.db.selectFrom('portal_lease' as never).selectAll().execute();
    expect(lease).toEqual([]);
  });
});
