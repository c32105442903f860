import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
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
    message: string,
    /** Wait this long before the next try, when the portal said so (Retry-After). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'PortalError';
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }

  get caseClosed(): boolean {
    return this.status === 409 && this.code === 'case_closed';
  }
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

  upsertRma(rma: string, record: RmaRecord, idempotencyKey: string) {
    return this.send('PUT', `/rmas/${encodeURIComponent(rma)}`, JSON.stringify(record), idempotencyKey, looseObject);
  }

  putStatus(rma: string, update: StatusUpdate, idempotencyKey: string) {
    return this.send('PUT', `/rmas/${encodeURIComponent(rma)}/status`, JSON.stringify(update), idempotencyKey, appliedSchema);
  }

  putEstimate(rma: string, version: number, estimate: Estimate, idempotencyKey: string) {
    return this.send(
      'PUT',
      `/rmas/${encodeURIComponent(rma)}/estimates/${version}`,
      JSON.stringify(estimate),
      idempotencyKey,
      looseObject,
    );
  }

  postMessage(rma: string, body: string, idempotencyKey: string) {
    return this.send('POST', `/rmas/${encodeURIComponent(rma)}/messages`, JSON.stringify({ body }), idempotencyKey, looseObject);
  }

  async events(after: string | null, limit = 500): Promise<EventPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (after !== null) query.set('after', after);
    const { body } = await this.request('GET', `/events?${query}`, null, null);
    return parse(eventPageSchema, body);
  }

  /**
   * Sends a stored outbox request as is (the body string is what was fixed at insert time, so a
   * retry is byte for byte the first try). The response is checked with the schema of its path.
   */
  async sendStored(method: string, path: string, body: string, idempotencyKey: string): Promise<SendResult> {
    const schema = /\/status$/.test(path) ? appliedSchema : looseObject;
    return this.send(method, path, body, idempotencyKey, schema);
  }

  private async send<T>(method: string, path: string, body: string, key: string, schema: z.ZodType<T>) {
    const response = await this.request(method, path, body, key);
    return { status: response.status, body: parse(schema, response.body) };
  }

  private async request(method: string, path: string, body: string | null, key: string | null): Promise<SendResult> {
    const token = typeof this.options.token === 'function' ? this.options.token() : this.options.token;
    try {
      return await this.exchange(method, path, body, key, token);
    } catch (error) {
      const failure = error instanceof PortalError ? error : new PortalError('transient', 0, 'internal', String(error));
      const message = scrubSecrets(failure.message, [token]);
      throw new PortalError(failure.kind, failure.status, failure.code, message, failure.retryAfterMs);
    }
  }

  private exchange(method: string, path: string, body: string | null, key: string | null, token: string): Promise<SendResult> {
    // Host and port are always the base's: a stored path cannot point the token elsewhere.
    const url = { protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, path: `${this.basePath}${path}` };
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (key) headers['idempotency-key'] = key;
    if (body !== null) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = Buffer.byteLength(body, 'utf8');
    }
    return new Promise<SendResult>((settle, refuse) => {
      // A plain timer rather than an AbortSignal: per request it costs a fraction of the signal's listeners.
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timeout'));
      }, this.timeoutMs);
      const resolve = (result: SendResult) => {
        clearTimeout(timer);
        settle(result);
      };
      const reject = (error: unknown) => {
        clearTimeout(timer);
        refuse(error);
      };
      const fail = (error: unknown) => reject(toPortalError(error, timedOut));
      const req = this.transport.request({ ...url, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            req.destroy();
            reject(new PortalError('transient', 0, 'malformed', 'The portal sent an oversized response'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const raw = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = raw === '' ? null : JSON.parse(raw);
          } catch {
            json = undefined;
          }
          if (status >= 200 && status < 300) {
            if (json === undefined) {
              reject(new PortalError('transient', status, 'malformed', `The portal sent a response that is not JSON (${status})`));
            } else {
              resolve({ status, body: json });
            }
            return;
          }
          if (status >= 300 && status < 400) {
            const location = headerValue(res.headers.location) ?? '';
            reject(new PortalError('transient', status, 'redirect', `${status} redirect: the portal sent Depot to ${location.slice(0, 200) || 'another address'}, where the token is not sent. Set the new address in the portal settings.`));
            return;
          }
          const parsed = errorBodySchema.safeParse(json);
          const code = parsed.success ? parsed.data.error.code : `http_${status}`;
          const message = parsed.success && parsed.data.error.message ? parsed.data.error.message : raw.slice(0, 200);
          const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']), this.now());
          reject(new PortalError(classifyStatus(status, code), status, code, `${status} ${code}: ${message}`, retryAfter));
        });
      });
      req.on('error', fail);
      // A string body goes out in one write with the headers; a Buffer would take a second one.
      req.end(body ?? undefined, 'utf8');
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PortalError(
      'transient',
      0,
      'malformed',
      `The portal sent an unexpected response${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}`,
    );
  }
  return result.data;
}

function toPortalError(error: unknown, timedOut: boolean): PortalError {
  if (error instanceof PortalError) return error;
  if (timedOut) return new PortalError('transient', 0, 'timeout', 'The portal did not answer in time');
  const message = error instanceof Error ? error.message : String(error);
  return new PortalError('transient', 0, 'network', `Cannot reach the portal: ${message}`);
}
