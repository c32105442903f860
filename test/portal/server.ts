import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  estimateSchema,
  rmaRecordSchema,
  statusUpdateSchema,
  type EventType,
  type PortalEvent,
  type PortalStatus,
} from '../../src/features/portal-sync/node/client.ts';

/**
 * A reference customer portal implementing src/features/portal-sync/portal-api.md over in-memory
 * storage, with switches that make it misbehave the ways a real portal does. Tests drive it through
 * the returned handle; `controlApi` also exposes the handle over HTTP under /_control for standalone
 * runs.
 */

export interface RmaState {
  rma: string;
  source: 'portal' | 'depot';
  record: unknown;
  status: string;
  lastSeq: number;
  /** Applied status updates, in the order applied. */
  statusLog: { seq: number; status: PortalStatus; at: string; note?: string | null | undefined; details?: unknown; key: string }[];
  estimates: Map<number, unknown>;
  messages: { id: number; body: string; key: string }[];
  /** Closed on the portal (the customer cancelled): status updates are refused with case_closed. */
  closed: boolean;
}

export type FaultRule =
  | ({ kind: 'status'; status: number; code?: string; retryAfter?: number | Date; count: number } & FaultScope)
  /** Applies the request, then never answers (the client times out). */
  | ({ kind: 'timeout-after-apply'; count: number } & FaultScope)
  /** Applies the request, then answers 200 with a body that is not the contract's. */
  | ({ kind: 'malformed'; body?: string; count: number } & FaultScope)
  /** Drops the connection before doing anything. */
  | ({ kind: 'reset'; count: number } & FaultScope);
/** Which requests a fault hits: push (PUT/POST), pull (GET) or any; `match` narrows to paths containing it. */
export type FaultTarget = 'push' | 'pull' | 'any';
type FaultScope = { on?: FaultTarget; match?: string };

export interface PortalStats {
  requests: number;
  /** Requests whose effect was applied (a new key that changed something). */
  applied: number;
  /** Same key, same body: the stored response was sent again. */
  replays: number;
  /** Status updates answered applied:false (an older or equal seq arrived). */
  stale: number;
  /** Keys applied more than once: must stay zero. */
  duplicateKeys: number;
  unauthorized: number;
  faults: number;
}

interface StoredKey {
  fingerprint: string;
  state: 'processing' | 'done';
  status: number;
  body: string;
  at: number;
}

export interface PortalOptions {
  port?: number;
  host?: string;
  token?: string;
  /** Prefix of the API, as in a real deployment's base URL. */
  basePath?: string;
  controlApi?: boolean;
  now?: () => Date;
}

export const requestedDataSchema = z.object({
  customer: rmaRecordSchema.shape.customer,
  product: rmaRecordSchema.shape.product,
  problem: rmaRecordSchema.shape.problem,
  attachments: z.array(z.object({ url: z.string(), name: z.string(), contentType: z.string() })),
  returnAddress: rmaRecordSchema.shape.returnAddress,
});

/** Details each status must carry (src/features/portal-sync/portal-api.md, PUT /rmas/{rma}/status). */
const requiredDetails: Partial<Record<PortalStatus, string[]>> = {
  authorized: ['shipTo', 'shippingPaidBy', 'instructions'],
  rejected: ['reason'],
  received: ['receivedAt'],
  awaiting_customer: ['estimateVersion'],
  shipped: ['carrier', 'trackingNumber'],
  returned_unrepaired: ['carrier', 'trackingNumber'],
  completed: ['resolution'],
  cancelled: ['reason'],
};

export class ReferencePortal extends EventEmitter {
  readonly stats: PortalStats = { requests: 0, applied: 0, replays: 0, stale: 0, duplicateKeys: 0, unauthorized: 0, faults: 0 };
  readonly rmas = new Map<string, RmaState>();
  readonly events: PortalEvent[] = [];
  /** Every authorized API request, in arrival order. */
  readonly log: { at: number; method: string; path: string; key: string | null; fault: FaultRule['kind'] | null }[] = [];
  token: string;
  latencyMs = 0;
  /** Deliver every event twice and start each page one event early. */
  duplicateEvents = false;
  private faults: FaultRule[] = [];
  private readonly keys = new Map<string, StoredKey>();
  private readonly appliedKeys = new Set<string>();
  private eventSeq = 1000;
  private portalRmaCounter = 900_000;
  private readonly basePath: string;
  private readonly now: () => Date;
  private server: http.Server | null = null;
  url = '';

  constructor(private readonly options: PortalOptions = {}) {
    super();
    this.token = options.token ?? 'portal-test-token';
    this.basePath = (options.basePath ?? '/api/v1').replace(/\/$/, '');
    this.now = options.now ?? (() => new Date());
  }

  async listen(): Promise<this> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: String(error) } });
      });
    });
    server.keepAliveTimeout = 60_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    const address = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}${this.basePath}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // --- Handle for tests ---------------------------------------------------------------------

  addFault(rule: FaultRule): void {
    this.faults.push({ ...rule });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** A customer action: appends an event to the feed. */
  addEvent(type: EventType | string, rma: string, data: unknown): PortalEvent {
    const event: PortalEvent = {
      id: `evt_${crypto.randomUUID()}`,
      seq: ++this.eventSeq,
      type,
      rma,
      occurredAt: this.now().toISOString(),
      data,
    };
    this.events.push(event);
    return event;
  }

  /** A customer files an RMA on the portal; the portal assigns the number. */
  requestRma(data: Partial<z.input<typeof requestedDataSchema>> = {}): { rma: string; event: PortalEvent } {
    const rma = `RMA-${this.now().getUTCFullYear()}-${String(++this.portalRmaCounter).padStart(6, '0')}`;
    const full = { ...sampleRequest(rma), ...data };
    this.rmas.set(rma, newRma(rma, 'portal', full, 'requested'));
    return { rma, event: this.addEvent('rma.requested', rma, full) };
  }

  /** The customer cancels: the portal closes the RMA and tells the depot. */
  cancelByCustomer(rma: string, reason: string): PortalEvent {
    const state = this.rmas.get(rma);
    if (state) {
      state.closed = true;
      state.status = 'cancelled';
    }
    return this.addEvent('rma.cancelled', rma, { reason });
  }

  /**
   * Bulk set-up for benchmarks run against a portal in another process: RMAs Depot registered
   * (`depotRmas`, ready for status updates) and customer requests each followed by `messagesEach` messages.
   */
  seed(input: { depotRmas?: unknown; requests?: unknown; messagesEach?: unknown }): { rmas: number; events: number } {
    const depot = Array.isArray(input.depotRmas) ? input.depotRmas.map(String) : [];
    for (const rma of depot) this.rmas.set(rma, newRma(rma, 'depot', {}, 'authorized'));
    const requests = Number(input.requests) || 0;
    const messages = Number(input.messagesEach) || 0;
    for (let i = 0; i < requests; i++) {
      const { rma } = this.requestRma();
      for (let m = 0; m < messages; m++) this.addEvent('rma.message', rma, { body: `Message ${m + 1}` });
    }
    return { rmas: this.rmas.size, events: this.events.length };
  }

  /**
   * Starts in step with a depot (seed.ts reads them from its database): the requests its customers
   * filed here, then every request the depot delivered, applied in order and kept under its
   * idempotency key as if it had just arrived, then the cancellations its customers made here. Counts
   * start at zero afterwards. A delivered request this portal refuses is an error: the two are not in step.
   */
  restore(input: {
    requested: { rma: string; record: unknown }[];
    delivered: { method: string; path: string; body: string; key: string }[];
    cancelled: string[];
    lastEventSeq: number;
  }): void {
    for (const { rma, record } of input.requested) this.rmas.set(rma, newRma(rma, 'portal', record, 'requested'));
    for (const { method, path, body, key } of input.delivered) {
      const [status, answer] = this.mutate(method, path, body, key);
      if (status < 200 || status >= 300) throw new Error(`The depot's ${method} ${path} does not apply here: ${status} ${answer}`);
      this.keys.set(key, { fingerprint: fingerprintOf(method, path, body), state: 'done', status, body: answer, at: Date.now() });
    }
    for (const rma of input.cancelled) {
      const state = this.rmas.get(rma);
      if (state) {
        state.closed = true;
        state.status = 'cancelled';
      }
    }
    this.eventSeq = Math.max(this.eventSeq, input.lastEventSeq);
    for (const key of Object.keys(this.stats) as (keyof PortalStats)[]) this.stats[key] = 0;
  }

  snapshot() {
    return {
      stats: { ...this.stats },
      rmas: [...this.rmas.values()].map((r) => ({
        rma: r.rma,
        source: r.source,
        status: r.status,
        lastSeq: r.lastSeq,
        closed: r.closed,
        statusLog: r.statusLog,
        estimates: Object.fromEntries(r.estimates),
        messages: r.messages,
      })),
      events: this.events.length,
    };
  }

  // --- HTTP ---------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    const raw = await readBody(req);
    if (this.options.controlApi && url.pathname.startsWith('/_control/')) {
      this.control(req.method ?? 'GET', url.pathname.slice('/_control/'.length), raw, res);
      return;
    }
    this.stats.requests++;
    if (!url.pathname.startsWith(`${this.basePath}/`)) return send(res, 404, err('not_found', 'No such endpoint'));
    const path = url.pathname.slice(this.basePath.length);
    const method = req.method ?? 'GET';
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.stats.unauthorized++;
      return send(res, 401, err('unauthorized', 'Wrong or missing API token'));
    }
    const target: FaultTarget = method === 'GET' ? 'pull' : 'push';
    const fault = this.takeFault(target, path);
    this.log.push({ at: Date.now(), method, path, key: headerText(req.headers['idempotency-key']), fault: fault?.kind ?? null });
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) {
        headers['retry-after'] = fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(fault.retryAfter);
      }
      return send(res, fault.status, err(fault.code ?? `http_${fault.status}`, 'Injected failure'), headers);
    }

    let status: number;
    let body: string;
    if (method === 'GET') {
      if (path !== '/events') return send(res, 404, err('not_found', 'No such endpoint'));
      await this.delay();
      [status, body] = this.listEvents(url.searchParams);
    } else {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
        return send(res, 400, err('invalid', 'Idempotency-Key is required'));
      }
      const fingerprint = fingerprintOf(method, path, raw);
      const stored = this.keys.get(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) return send(res, 422, err('idempotency_key_reused', 'This key was used with another request'));
        if (stored.state === 'processing') return send(res, 409, err('idempotency_in_progress', 'This key is still being processed'));
        this.stats.replays++;
        return sendRaw(res, stored.status, fault?.kind === 'malformed' ? (fault.body ?? '{"applied":') : stored.body, fault);
      }
      const entry: StoredKey = { fingerprint, state: 'processing', status: 0, body: '', at: Date.now() };
      this.keys.set(key, entry);
      await this.delay();
      [status, body] = this.mutate(method, path, raw, key);
      if (status >= 200 && status < 300) {
        entry.state = 'done';
        entry.status = status;
        entry.body = body;
      } else {
        // Only successes are kept: a request refused now may succeed when retried after a fix.
        this.keys.delete(key);
      }
    }
    if (fault?.kind === 'timeout-after-apply') return;
    if (fault?.kind === 'malformed') return sendRaw(res, 200, fault.body ?? '{"applied":', fault);
    sendRaw(res, status, body);
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }

  private takeFault(target: FaultTarget, path: string): FaultRule | null {
    const index = this.faults.findIndex(
      (f) => f.count > 0 && ((f.on ?? 'push') === 'any' || (f.on ?? 'push') === target) && (!f.match || path.includes(f.match)),
    );
    if (index < 0) return null;
    const fault = this.faults[index]!;
    fault.count--;
    if (fault.count === 0) this.faults.splice(index, 1);
    this.stats.faults++;
    return fault;
  }

  private listEvents(params: URLSearchParams): [number, string] {
    const limitText = params.get('limit') ?? '100';
    const afterText = params.get('after');
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 500) {
      return [400, JSON.stringify(err('invalid', 'limit must be 1..500'))];
    }
    if (afterText !== null && !/^\d+$/.test(afterText)) return [400, JSON.stringify(err('invalid', 'Unknown cursor'))];
    const limit = Number(limitText);
    let after = afterText === null ? -1 : Number(afterText);
    if (this.duplicateEvents && after > 0) after--;
    const start = this.events.findIndex((e) => e.seq > after);
    const page = start < 0 ? [] : this.events.slice(start, start + limit);
    const hasMore = start >= 0 && start + limit < this.events.length;
    const delivered = this.duplicateEvents ? page.flatMap((e) => [e, e]) : page;
    const nextCursor = page.length > 0 ? String(page[page.length - 1]!.seq) : afterText;
    return [200, JSON.stringify({ events: delivered, nextCursor, hasMore })];
  }

  private mutate(method: string, path: string, raw: string, key: string): [number, string] {
    const match = /^\/rmas\/([^/]+)(\/status|\/estimates\/([^/]+)|\/messages)?$/.exec(path);
    if (!match) return [404, JSON.stringify(err('not_found', 'No such endpoint'))];
    const rma = decodeURIComponent(match[1]!);
    const sub = match[2] ?? '';
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return [400, JSON.stringify(err('invalid', 'The body is not JSON'))];
    }
    if (!/^RMA-[0-9]{4}-[0-9]{6}$/.test(rma)) return [404, JSON.stringify(err('not_found', `Unknown RMA ${rma}`))];
    const state = this.rmas.get(rma);
    const applied = () => {
      this.stats.applied++;
      if (this.appliedKeys.has(key)) this.stats.duplicateKeys++;
      this.appliedKeys.add(key);
      this.emit('applied', { rma, path, key });
    };

    if (sub === '' && method === 'PUT') {
      const parsed = rmaRecordSchema.safeParse(json);
      if (!parsed.success) return [400, JSON.stringify(err('invalid', parsed.error.issues[0]?.message ?? 'Invalid body'))];
      if (state?.closed) return [409, JSON.stringify(err('case_closed', 'This RMA is closed'))];
      applied();
      if (state) {
        state.record = parsed.data;
        return [200, JSON.stringify({ rma, created: false })];
      }
      this.rmas.set(rma, newRma(rma, 'depot', parsed.data, 'registered'));
      return [201, JSON.stringify({ rma, created: true })];
    }
    if (!state) return [404, JSON.stringify(err('not_found', `Unknown RMA ${rma}`))];

    if (sub === '/status' && method === 'PUT') {
      const parsed = statusUpdateSchema.safeParse(json);
      if (!parsed.success) return [400, JSON.stringify(err('invalid', parsed.error.issues[0]?.message ?? 'Invalid body'))];
      const update = parsed.data;
      const missing = (requiredDetails[update.status] ?? []).filter((d) => update.details?.[d] == null);
      if (missing.length > 0) return [400, JSON.stringify(err('invalid', `details.${missing[0]} is required for ${update.status}`))];
      if (state.closed) return [409, JSON.stringify(err('case_closed', 'The customer cancelled this RMA'))];
      if (update.seq <= state.lastSeq) {
        this.stats.stale++;
        return [200, JSON.stringify({ applied: false })];
      }
      applied();
      state.lastSeq = update.seq;
      state.status = update.status;
      state.statusLog.push({ seq: update.seq, status: update.status, at: update.at, note: update.note, details: update.details, key });
      return [200, JSON.stringify({ applied: true })];
    }
    if (sub.startsWith('/estimates/') && method === 'PUT') {
      const version = Number(match[3]);
      if (!Number.isInteger(version) || version < 1) return [404, JSON.stringify(err('not_found', 'Unknown estimate version'))];
      const parsed = estimateSchema.safeParse(json);
      if (!parsed.success) return [400, JSON.stringify(err('invalid', parsed.error.issues[0]?.message ?? 'Invalid body'))];
      if (state.closed) return [409, JSON.stringify(err('case_closed', 'This RMA is closed'))];
      applied();
      state.estimates.set(version, parsed.data);
      return [200, JSON.stringify({ rma, version })];
    }
    if (sub === '/messages' && method === 'POST') {
      const parsed = z.object({ body: z.string().min(1).max(10_000) }).safeParse(json);
      if (!parsed.success) return [400, JSON.stringify(err('invalid', 'body is required'))];
      applied();
      const id = state.messages.length + 1;
      state.messages.push({ id, body: parsed.data.body, key });
      return [201, JSON.stringify({ id })];
    }
    return [405, JSON.stringify(err('method_not_allowed', 'Method not allowed'))];
  }

  private control(method: string, action: string, raw: string, res: http.ServerResponse): void {
    let input: Record<string, unknown> = {};
    try {
      input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, err('invalid', 'The body is not JSON'));
    }
    if (method === 'GET' && action === 'state') return send(res, 200, this.snapshot());
    if (method !== 'POST') return send(res, 404, err('not_found', 'No such control'));
    switch (action) {
      case 'request':
        return send(res, 200, this.requestRma((input.data ?? {}) as never));
      case 'events':
        if (typeof input.type !== 'string' || typeof input.rma !== 'string') return send(res, 400, err('invalid', 'type and rma'));
        if (input.type === 'rma.cancelled') return send(res, 200, this.cancelByCustomer(input.rma, String((input.data as { reason?: unknown })?.reason ?? 'Cancelled')));
        return send(res, 200, this.addEvent(input.type, input.rma, input.data ?? {}));
      case 'faults':
        this.addFault(input as unknown as FaultRule);
        return send(res, 200, { ok: true });
      case 'clear-faults':
        this.clearFaults();
        return send(res, 200, { ok: true });
      case 'token':
        this.token = String(input.token);
        return send(res, 200, { ok: true });
      case 'latency':
        this.latencyMs = Number(input.ms) || 0;
        return send(res, 200, { ok: true });
      case 'duplicate-events':
        this.duplicateEvents = Boolean(input.on);
        return send(res, 200, { ok: true });
      case 'stats':
        return send(res, 200, { stats: this.stats, events: this.events.length });
      case 'seed':
        return send(res, 200, this.seed(input));
      default:
        return send(res, 404, err('not_found', 'No such control'));
    }
  }
}

export async function startPortal(options: PortalOptions = {}): Promise<ReferencePortal> {
  return new ReferencePortal(options).listen();
}

export function sampleRequest(rma: string) {
  const n = Number(rma.slice(-6));
  return {
    customer: { name: '김민수', email: `customer${n}@example.com`, phone: '010-2345-6789', locale: 'ko' },
    product: { model: 'AX-100', serial: `SN${n}`, purchaseDate: '2026-01-15', proofOfPurchaseUrl: `https://portal.example.com/files/${n}/receipt.pdf` },
    problem: { category: 'hardware', description: 'Left ear has no sound' },
    attachments: [{ url: `https://portal.example.com/files/${n}/photo.jpg`, name: 'photo.jpg', contentType: 'image/jpeg' }],
    returnAddress: {
      name: '김민수',
      line1: '서울특별시 마포구 월드컵북로 396',
      city: 'Seoul',
      postalCode: '03925',
      country: 'KR',
      phone: '010-2345-6789',
    },
  };
}

function newRma(rma: string, source: 'portal' | 'depot', record: unknown, status: string): RmaState {
  return { rma, source, record, status, lastSeq: 0, statusLog: [], estimates: new Map(), messages: [], closed: false };
}

/** What makes two requests under one idempotency key the same request. */
function fingerprintOf(method: string, path: string, raw: string): string {
  return crypto.createHash('sha256').update(`${method} ${path}\n${raw}`).digest('hex');
}

function err(code: string, message: string) {
  return { error: { code, message } };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(body), undefined, headers);
}

function sendRaw(res: http.ServerResponse, status: number, body: string, fault?: FaultRule | null, headers: Record<string, string> = {}): void {
  if (fault?.kind === 'timeout-after-apply') return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function headerText(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
