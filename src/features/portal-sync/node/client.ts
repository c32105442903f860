import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import type { Said } from '../../../base/common/messages.ts';
import { DepotError } from '../../../base/common/result.ts';
import { portalSyncMessages as m } from '../common/messages.ts';
import { scrubSecrets } from './secrets.ts';

/**
 * Typed client for the customer portal's API (src/features/portal-sync/portal-api.md). Every
 * response is checked against its schema: a portal that answers something unexpected is treated as
 * failing, never trusted. The token goes to the base address's origin only: redirects are not
 * followed, and what a failure says is cleared of credentials before anyone keeps it.
 */

export type FailureKind = 'transient' | 'permanent';

export class PortalError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** HTTP status, or 0 for network failures, timeouts and malformed responses. */
    readonly status: number,
    /** The portal's error code, or ours: 'network', 'timeout', 'malformed'. */
    readonly code: string,
    /** What the failure means, for staff in their language (the portal's own words kept as data). */
    readonly said: Said,
    /** Wait this long before the next try, when the portal said so (Retry-After). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(said.text);
    this.name = 'PortalError';
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }

  get caseClosed(): boolean {
    return this.status === 409 && this.code === 'case_closed';
  }
}

/** A message with every credential (as `clean` finds them) taken out of its words and its values. */
export function scrubSaid(said: Said, clean: (text: string) => string): Said {
  const params = Object.fromEntries(Object.entries(said.params).map(([name, value]) => [name, typeof value === 'string' ? clean(value) : value]));
  return { code: said.code, params, text: clean(said.text) };
}

/** What any failure of the sync means, as a message: the portal's, Depot's own, or the bare error's words. */
export function failureSaid(error: unknown): Said {
  if (error instanceof PortalError || error instanceof DepotError) return error.said;
  return m.requestFailed({ detail: error instanceof Error ? error.message : String(error) });
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, at - now.getTime());
}

/** Which failures are worth retrying (src/features/portal-sync/portal-api.md, "Errors"). */
export function classifyStatus(status: number, code: string): FailureKind {
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  // 409 other than case_closed is "this key is still being processed": try again later.
  if (status === 409 && code !== 'case_closed') return 'transient';
  return 'permanent';
}

// --- Shapes of the contract -----------------------------------------------------------------

const text = (max: number) => z.string().max(max);
const looseObject = z.object({}).loose();

export const portalCustomerSchema = z.object({
  name: text(200).min(1),
  email: text(254).nullish(),
  phone: text(32).nullish(),
  locale: text(35).nullish(),
});

export const portalAddressSchema = z.object({
  name: text(200).min(1),
  line1: text(200).min(1),
  line2: text(200).nullish(),
  city: text(100).min(1),
  region: text(100).nullish(),
  postalCode: text(20).min(1),
  country: z.string().regex(/^[A-Za-z]{2}$/),
  phone: text(32).nullish(),
});

export const portalProductSchema = z.object({
  model: text(100).min(1),
  serial: text(64).min(1),
  purchaseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
  proofOfPurchaseUrl: z.url().nullish(),
});

export const portalProblemSchema = z.object({ category: text(100).min(1), description: text(4000).min(1) });

export const rmaRecordSchema = z.object({
  customer: portalCustomerSchema,
  product: portalProductSchema,
  problem: portalProblemSchema,
  returnAddress: portalAddressSchema,
});
export type RmaRecord = z.input<typeof rmaRecordSchema>;

export const portalStatuses = [
  'authorized',
  'rejected',
  'received',
  'in_diagnosis',
  'awaiting_customer',
  'in_repair',
  'waiting_parts',
  'shipped',
  'returned_unrepaired',
  'completed',
  'cancelled',
] as const;
export type PortalStatus = (typeof portalStatuses)[number];

export const statusUpdateSchema = z.object({
  seq: z.number().int().positive(),
  status: z.enum(portalStatuses),
  at: z.string().min(1),
  note: text(2000).nullish(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type StatusUpdate = z.input<typeof statusUpdateSchema>;

export const estimateSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  warranty: z.object({ covered: z.boolean(), reason: text(1000) }),
  remedies: z.array(z.object({ remedy: z.enum(['refund', 'exchange', 'repair', 'paid_repair']), reason: text(1000) })).optional(),
  lines: z.array(
    z.object({
      kind: z.enum(['part', 'labor', 'shipping', 'discount']),
      description: text(500),
      quantity: z.number().positive(),
      unitPrice: z.number().int(),
      covered: z.boolean(),
    }),
  ),
  subtotal: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
});
export type Estimate = z.input<typeof estimateSchema>;

export const eventTypes = [
  'rma.requested',
  'rma.shipment_submitted',
  'rma.estimate_decided',
  'rma.payment_received',
  'rma.address_changed',
  'rma.cancelled',
  'rma.message',
] as const;
export type EventType = (typeof eventTypes)[number];

/** The envelope is checked here; each type's `data` is checked where the event is applied. */
export const portalEventSchema = z.object({
  id: z.string().min(1).max(200),
  seq: z.number().int().nonnegative(),
  type: z.string().min(1).max(100),
  rma: z.string().max(100),
  occurredAt: z.string().max(100),
  data: z.unknown(),
});
export type PortalEvent = z.infer<typeof portalEventSchema>;

export const eventPageSchema = z.object({
  events: z.array(portalEventSchema),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type EventPage = z.infer<typeof eventPageSchema>;

const appliedSchema = z.object({ applied: z.boolean() });
const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

// --- The client -----------------------------------------------------------------------------

export interface PortalClientOptions {
  /** For example https://portal.example.com/api/v1 */
  baseUrl: string;
  /** Read on every request, so a token the admin replaces is used at once. */
  token: string | (() => string);
  timeoutMs?: number;
  /** Connections kept open to the portal. */
  maxSockets?: number;
  now?: () => Date;
}

export interface SendResult {
  status: number;
  body: unknown;
}

const MAX_BODY = 32 * 1024 * 1024;

export class PortalClient {
  private readonly base: URL;
  private readonly basePath: string;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: PortalClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.basePath = this.base.pathname.replace(/\/$/, '');
    this.transport = this.base.protocol === 'https:' ? https : http;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
    this.agent = this.base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? (() => new Date());
  }

  close(): void {
    this.agent.destroy();
  }

  upsertRma(rma: string, record: RmaRecord, idempotencyKey: string): Promise<SendResult> {
    return this.exchange('PUT', `/rmas/${encodeURIComponent(rma)}`, JSON.stringify(record), idempotencyKey, looseObject);
  }

  putStatus(rma: string, update: StatusUpdate, idempotencyKey: string): Promise<SendResult> {
    return this.exchange('PUT', `/rmas/${encodeURIComponent(rma)}/status`, JSON.stringify(update), idempotencyKey, appliedSchema);
  }

  putEstimate(rma: string, version: number, estimate: Estimate, idempotencyKey: string): Promise<SendResult> {
    return this.exchange('PUT', `/rmas/${encodeURIComponent(rma)}/estimates/${version}`, JSON.stringify(estimate), idempotencyKey, looseObject);
  }

  postMessage(rma: string, body: string, idempotencyKey: string): Promise<SendResult> {
    return this.exchange('POST', `/rmas/${encodeURIComponent(rma)}/messages`, JSON.stringify({ body }), idempotencyKey, looseObject);
  }

  async events(after: string | null, limit = 500): Promise<EventPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (after !== null) query.set('after', after);
    const { body } = await this.exchange('GET', `/events?${query}`, null, null, eventPageSchema);
    return body as EventPage; // checked against eventPageSchema by the exchange
  }

  /**
   * Sends a stored outbox request as is (the body string is what was fixed at insert time, so a
   * retry is byte for byte the first try). The response is checked with the schema of its path.
   */
  sendStored(method: string, path: string, body: string, idempotencyKey: string): Promise<SendResult> {
    return this.exchange(method, path, body, idempotencyKey, path.endsWith('/status') ? appliedSchema : looseObject);
  }

  /** One request: settles with the status and the body checked against `schema`, or fails with a PortalError. */
  private exchange(method: string, path: string, body: string | null, key: string | null, schema: z.ZodType): Promise<SendResult> {
    const token = typeof this.options.token === 'function' ? this.options.token() : this.options.token;
    // As a flat list, the headers go out as given, still checked, without one setHeader each.
    const headers = ['host', this.base.host, 'authorization', `Bearer ${token}`, 'accept', 'application/json'];
    if (key) headers.push('idempotency-key', key);
    if (body !== null) headers.push('content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(body, 'utf8')));
    const exchange = new Exchange(token, schema, this.now, this.timeoutMs);
    try {
      // Host and port are always the base's: a stored path cannot point the token elsewhere.
      const req = this.transport.request(
        { protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, path: `${this.basePath}${path}`, method, headers, agent: this.agent },
        onResponse,
      ) as ExchangeRequest;
      exchange.start(req);
      req.on('error', onRequestError);
      // A string body goes out in one write with the headers; a Buffer would take a second one.
      req.end(body ?? undefined, 'utf8');
    } catch (error) {
      exchange.fail(new PortalError('transient', 0, 'internal', m.requestFailed({ detail: String(error) })));
    }
    return exchange.promise;
  }
}

/** Where a request's handlers find its exchange: the handlers are shared, not made per request. */
const exchangeOf = Symbol('exchange');
type ExchangeRequest = http.ClientRequest & { [exchangeOf]: Exchange };
type ExchangeResponse = http.IncomingMessage & { [exchangeOf]: Exchange };

/**
 * One request in flight: its timer, its response's body so far, and the one promise it settles.
 * The push sends tens of thousands of requests a minute, so a request makes no closures of its own
 * (the event handlers below are shared) and goes through no async layers.
 */
class Exchange {
  readonly promise: Promise<SendResult>;
  private resolve!: (result: SendResult) => void;
  private reject!: (error: PortalError) => void;
  private req: ExchangeRequest | null = null;
  private res: http.IncomingMessage | null = null;
  /** A response's body mostly comes in one chunk: it is kept as is, without an array and a concat. */
  private first: Buffer | null = null;
  private more: Buffer[] | null = null;
  private size = 0;
  private timedOut = false;
  private settled = false;
  // A plain timer rather than an AbortSignal: per request it costs a fraction of the signal's listeners.
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly token: string,
    private readonly schema: z.ZodType,
    private readonly now: () => Date,
    timeoutMs: number,
  ) {
    this.promise = new Promise<SendResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.timer = setTimeout(onTimeout, timeoutMs, this);
  }

  start(req: ExchangeRequest): void {
    req[exchangeOf] = this;
    this.req = req;
  }

  timeout(): void {
    this.timedOut = true;
    this.req?.destroy(new Error('timeout'));
  }

  response(res: ExchangeResponse): void {
    res[exchangeOf] = this;
    this.res = res;
    res.on('data', onData);
    res.on('end', onEnd);
    res.on('error', onResponseError);
  }

  data(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > MAX_BODY) {
      this.req?.destroy();
      this.fail(new PortalError('transient', 0, 'malformed', m.portalOversized()));
    } else if (this.first === null) {
      this.first = chunk;
    } else {
      (this.more ??= [this.first]).push(chunk);
    }
  }

  failed(error: unknown): void {
    if (error instanceof PortalError) return this.fail(error);
    if (this.timedOut) return this.fail(new PortalError('transient', 0, 'timeout', m.portalTimeout()));
    const message = error instanceof Error ? error.message : String(error);
    this.fail(new PortalError('transient', 0, 'network', m.portalUnreachable({ detail: message })));
  }

  /** What a failure says is cleared of the token before anyone keeps it. */
  fail(failure: PortalError): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reject(new PortalError(failure.kind, failure.status, failure.code, scrubSaid(failure.said, (text) => scrubSecrets(text, [this.token])), failure.retryAfterMs));
  }

  end(): void {
    if (this.settled) return;
    const res = this.res!;
    const status = res.statusCode ?? 0;
    const raw = this.more ? Buffer.concat(this.more).toString('utf8') : this.first ? this.first.toString('utf8') : '';
    let json: unknown;
    try {
      json = raw === '' ? null : JSON.parse(raw);
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) {
      if (json === undefined) return this.fail(new PortalError('transient', status, 'malformed', m.portalNotJson({ status })));
      const parsed = this.schema.safeParse(json);
      if (!parsed.success) return this.fail(malformed(parsed.error));
      this.settled = true;
      clearTimeout(this.timer);
      this.resolve({ status, body: parsed.data });
      return;
    }
    if (status >= 300 && status < 400) {
      const location = headerValue(res.headers.location) ?? '';
      return this.fail(new PortalError('transient', status, 'redirect', m.portalRedirect({ status, location: location.slice(0, 200) || '—' })));
    }
    const parsed = errorBodySchema.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : `http_${status}`;
    const message = parsed.success && parsed.data.error.message ? parsed.data.error.message : raw.slice(0, 200);
    const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']), this.now());
    this.fail(new PortalError(classifyStatus(status, code), status, code, m.portalRefused({ status, code, detail: message }), retryAfter));
  }
}

function onTimeout(exchange: Exchange): void {
  exchange.timeout();
}

function onResponse(this: ExchangeRequest, res: http.IncomingMessage): void {
  this[exchangeOf].response(res as ExchangeResponse);
}

function onRequestError(this: ExchangeRequest, error: unknown): void {
  this[exchangeOf].failed(error);
}

function onData(this: ExchangeResponse, chunk: Buffer): void {
  this[exchangeOf].data(chunk);
}

function onEnd(this: ExchangeResponse): void {
  this[exchangeOf].end();
}

function onResponseError(this: ExchangeResponse, error: unknown): void {
  this[exchangeOf].failed(error);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function malformed(error: z.ZodError): PortalError {
  const issue = error.issues[0];
  return new PortalError('transient', 0, 'malformed', m.portalUnexpected({ path: issue?.path.join('.') || 'body', detail: issue?.message ?? '' }));
}
