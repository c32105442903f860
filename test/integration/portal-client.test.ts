import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfter, PortalClient, PortalError } from '../../src/features/portal-sync/node/client.ts';
import { scrubSecrets } from '../../src/features/portal-sync/node/secrets.ts';
import { sampleRequest, startPortal, type ReferencePortal } from '../portal/server.ts';

const RMA = 'RMA-2026-000001';
const record = () => {
  const { attachments: _ignored, ...rest } = sampleRequest(RMA);
  return rest;
};
const authorized = { seq: 1, status: 'authorized' as const, at: '2026-11-20T09:00:00Z', details: { shipTo: {}, shippingPaidBy: 'customer', instructions: 'x' } };

async function failure(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PortalError);
  return error as PortalError;
}

describe('portal client', () => {
  let portal: ReferencePortal;
  let client: PortalClient;
  beforeEach(async () => {
    portal = await startPortal();
    client = new PortalClient({ baseUrl: portal.url, token: portal.token, timeoutMs: 300 });
  });
  afterEach(async () => {
    client.close();
    await portal.close();
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-20T09:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('cuts credentials out of what a portal says back', () => {
    const token = 'tok/en+42=';
    const echoes = [
      `Authorization: Bearer ${token}`,
      `{"authorization":"Bearer ${token}","accept":"application/json"}`,
      `proxy-authorization=Basic ZGVwb3Q6c2VjcmV0`,
      `GET /api/v1/events?limit=1&token=${encodeURIComponent(token)}`,
      `bad access_token=abc123 in bearer abc.def-ghi`,
      `you sent ${token} and ${encodeURIComponent(token)}`,
    ];
    const scrubbed = echoes.map((e) => scrubSecrets(e, [token]));
    expect(scrubbed).toEqual([
      'Authorization: [hidden]',
      '{"authorization":"[hidden]","accept":"application/json"}',
      'proxy-authorization=[hidden]',
      'GET /api/v1/events?limit=1&token=[hidden]',
      'bad access_token=[hidden] in Bearer [hidden]',
      'you sent [hidden] and [hidden]',
    ]);
    expect(scrubSecrets('The portal is down for maintenance until 10:00')).toBe('The portal is down for maintenance until 10:00');
  });

  it('classifies failures as the contract says', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyStatus(s, 'x')).toBe('transient');
    for (const s of [400, 401, 403, 404, 422]) expect(classifyStatus(s, 'x')).toBe('permanent');
    expect(classifyStatus(409, 'case_closed')).toBe('permanent');
    expect(classifyStatus(409, 'idempotency_in_progress')).toBe('transient');
  });

  it('speaks every endpoint; the same key and body replay, another body is refused', async () => {
    expect((await client.upsertRma(RMA, record(), 'k1')).status).toBe(201);
    expect((await client.upsertRma(RMA, record(), 'k1')).status).toBe(201);
    expect(portal.stats.replays).toBe(1);
    const reused = await failure(client.upsertRma(RMA, { ...record(), problem: { category: 'x', description: 'other' } }, 'k1'));
    expect([reused.status, reused.kind]).toEqual([422, 'permanent']);
    expect((await client.putStatus(RMA, authorized, 'k2')).body).toEqual({ applied: true });
    expect((await client.putStatus(RMA, authorized, 'k3')).body).toEqual({ applied: false });
    await client.putEstimate(RMA, 1, {
      currency: 'KRW',
      validUntil: '2026-12-05',
      warranty: { covered: false, reason: 'expired' },
      lines: [{ kind: 'part', description: 'Main board', quantity: 1, unitPrice: 45000, covered: false }],
      subtotal: 45000,
      tax: 4500,
      total: 49500,
    }, 'k4');
    await client.postMessage(RMA, 'Your unit is on the bench', 'k5');
    const state = portal.rmas.get(RMA)!;
    expect([state.lastSeq, state.status, state.estimates.size, state.messages.length]).toEqual([1, 'authorized', 1, 1]);
    const unknown = await failure(client.putStatus('RMA-2026-999999', authorized, 'k6'));
    expect([unknown.status, unknown.kind]).toEqual([404, 'permanent']);
  });

  it('reads the event feed page by page', async () => {
    for (let i = 0; i < 5; i++) portal.requestRma();
    const first = await client.events(null, 3);
    expect(first.events.map((e) => e.type)).toEqual(['rma.requested', 'rma.requested', 'rma.requested']);
    expect(first.hasMore).toBe(true);
    const second = await client.events(first.nextCursor, 3);
    expect(second.events).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    expect(second.events[0]!.seq).toBe(first.events[2]!.seq + 1);
  });

  it('treats malformed responses, timeouts, resets, 429 and 401 as the errors they are', async () => {
    await client.upsertRma(RMA, record(), 'k1');
    portal.addFault({ kind: 'malformed', count: 1 });
    const malformed = await failure(client.putStatus(RMA, authorized, 'k2'));
    expect([malformed.code, malformed.kind]).toEqual(['malformed', 'transient']);
    portal.addFault({ kind: 'malformed', body: '{"applied":"yes"}', count: 1 });
    expect((await failure(client.putStatus(RMA, authorized, 'k2'))).code).toBe('malformed');
    portal.addFault({ kind: 'malformed', body: '{"events":[{"id":1}]}', count: 1, on: 'pull' });
    expect((await failure(client.events(null))).code).toBe('malformed');
    portal.addFault({ kind: 'timeout-after-apply', count: 1 });
    expect((await failure(client.postMessage(RMA, 'hello', 'k3'))).code).toBe('timeout');
    expect(portal.rmas.get(RMA)!.messages).toHaveLength(1);
    portal.addFault({ kind: 'reset', count: 1 });
    expect((await failure(client.postMessage(RMA, 'hello', 'k4'))).code).toBe('network');
    portal.addFault({ kind: 'status', status: 429, retryAfter: 3, count: 1 });
    const limited = await failure(client.postMessage(RMA, 'hello', 'k4'));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['transient', 3000]);
    portal.token = 'rotated';
    const refused = await failure(client.postMessage(RMA, 'hello', 'k4'));
    expect([refused.status, refused.unauthorized, refused.kind]).toEqual([401, true, 'permanent']);
  });

  it('answers 409 while the same key is still being processed', async () => {
    await client.upsertRma(RMA, record(), 'k1');
    portal.latencyMs = 150;
    const slow = new PortalClient({ baseUrl: portal.url, token: portal.token, timeoutMs: 2000 });
    const first = slow.postMessage(RMA, 'hello', 'same');
    await new Promise((r) => setTimeout(r, 50));
    portal.latencyMs = 0;
    const second = await failure(client.postMessage(RMA, 'hello', 'same'));
    expect([second.status, second.kind]).toEqual([409, 'transient']);
    await first;
    slow.close();
    expect(portal.rmas.get(RMA)!.messages).toHaveLength(1);
  });
});
