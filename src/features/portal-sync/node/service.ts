import crypto from 'node:crypto';
import os from 'node:os';
import type { CaseFlagInfo, CaseSyncInfo, DeadLetterInfo, ParkedEventInfo, SyncSettings, SyncStatus, SyncTestResult } from '../common/contract.ts';
import { readStored, type Reason, type Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { originOf, portalSyncMessages as m } from '../common/index.ts';
import { Slot, type Core, type Db } from '../../../base/node/core.ts';
import { userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { findCaseRow } from '../../cases/node/index.ts';
import { failureSaid, PortalClient, PortalError, scrubSaid } from './client.ts';
import { listFlags } from './flags.ts';
import { scrubSecrets } from './secrets.ts';
import { readPortalUrl, writePortalUrl, type StoredToken, type TokenStore } from './settings.ts';
import { pauseSync, readSyncState, resumeSync } from './state.ts';
import { discard, listDeadLetters, requeue, SyncWorker, type RoundResult, type WorkerOptions } from './worker.ts';

/**
 * The portal sync of one running Depot (desktop main process, `depot serve`, `depot sync`): finds
 * the address and token, runs the worker loop, and follows changes of either without a restart.
 * Several Depots on one database are fine: the worker's lease lets one sync at a time.
 */

export interface PortalSyncOptions {
  tokens: TokenStore;
  /** An address given on the command line or in the environment; wins over the stored one. */
  url?: string | null;
  /** Worker tuning (tests); the client is made here. */
  worker?: Omit<Partial<WorkerOptions>, 'client'>;
  timeoutMs?: number;
  /** One line per round that did something (the CLI prints them). */
  log?: (line: string) => void;
}

interface Connection {
  url: string;
  token: string;
}

export class PortalSync {
  readonly tokens: TokenStore;
  readonly fixedUrl: string | null;
  private readonly owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  private worker: SyncWorker | null = null;
  private client: PortalClient | null = null;
  private connection: Connection | null = null;
  private loop: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  lastRound: RoundResult | null = null;
  /** The last round's failure, without credentials. */
  lastError: Said | null = null;

  constructor(
    readonly core: Core,
    private readonly options: PortalSyncOptions,
  ) {
    this.tokens = options.tokens;
    this.fixedUrl = options.url ?? null;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** The address and token in force, or null (and why) when either is missing, unusable, or the token belongs elsewhere. */
  async connectionInfo(db: Db = this.core.db): Promise<{ connection: Connection | null; problem: Said | null }> {
    const url = this.fixedUrl ?? (await readPortalUrl(db));
    let stored: StoredToken | null = null;
    try {
      stored = this.tokens.read();
    } catch (error) {
      return { connection: null, problem: failureSaid(error) };
    }
    if (!url) return { connection: null, problem: m.noAddress() };
    if (!stored) return { connection: null, problem: m.noToken() };
    const bound = this.boundOrigin(stored, url);
    if (bound !== originOf(url)) return { connection: null, problem: m.tokenBoundElsewhere({ bound, origin: originOf(url) }) };
    return { connection: { url, token: stored.token }, problem: null };
  }

  /**
   * The origin a token may be sent to: the one it was entered for; for a token kept before
   * Depot recorded that (or given with the address when Depot started), the address's own.
   */
  boundOrigin(stored: StoredToken, storedUrl: string): string {
    if (this.fixedUrl) return originOf(this.fixedUrl);
    return stored.origin ?? originOf(storedUrl);
  }

  /** Cuts credentials (the token in force among them) out of what a portal said, before it is kept or shown. */
  scrub(text: string): string {
    let token: string | null = null;
    try {
      token = this.tokens.read()?.token ?? null;
    } catch {
      // An unreadable token cannot be in the text either.
    }
    return scrubSecrets(text, [token]);
  }

  /** The worker for the current settings, made anew when the address or token changed. */
  private async currentWorker(): Promise<SyncWorker | null> {
    const { connection, problem } = await this.connectionInfo();
    if (!connection) {
      this.lastError = problem;
      this.dropWorker();
      return null;
    }
    if (!this.worker || this.connection?.url !== connection.url || this.connection.token !== connection.token) {
      this.dropWorker();
      this.connection = connection;
      this.client = new PortalClient({ baseUrl: connection.url, token: connection.token, timeoutMs: this.options.timeoutMs });
      this.worker = new SyncWorker(this.core, { pull: {}, ...this.options.worker, client: this.client, owner: this.owner });
    }
    return this.worker;
  }

  private dropWorker(): void {
    this.client?.close();
    this.client = null;
    this.worker = null;
    this.connection = null;
  }

  /** One round: sends what is due and pulls new events. Null when the connection is not set up. */
  async runOnce(): Promise<RoundResult | null> {
    const worker = await this.currentWorker();
    if (!worker) return null;
    worker.lastError = null;
    const round = await worker.runOnce();
    this.lastRound = round;
    const failure = worker.lastError;
    this.lastError = failure ? scrubSaid(failureSaid(failure), (text) => this.scrub(text)) : null;
    if (round.sent + round.dead + round.retrying > 0 || (round.pulled && round.pulled.applied + round.pulled.parked > 0)) {
      this.options.log?.(describeRound(round));
    }
    return round;
  }

  /** Runs rounds until `stop()`: at once while there is work, else when the next update is due (at most idleMs). */
  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    const idleMs = this.options.worker?.idleMs ?? 2_000;
    this.loop = (async () => {
      while (!abort.signal.aborted) {
        let wait = idleMs;
        try {
          const round = await this.runOnce();
          if (round && !round.skipped && (round.sent + round.retrying + round.dead > 0 || round.pulled?.hasMore)) wait = 0;
          else if (round?.nextDueAt) wait = Math.min(idleMs, Math.max(0, round.nextDueAt.getTime() - Date.now()));
        } catch (error) {
          this.lastError = scrubSaid(failureSaid(error), (text) => this.scrub(text));
        }
        if (abort.signal.aborted) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
          abort.signal.addEventListener('abort', this.wakeUp, { once: true });
        });
        this.wakeUp = null;
      }
    })();
  }

  /** Starts the next round now (after a resume, a re-queue or new settings). */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = null;
    this.abort = null;
    await this.worker?.stop();
    this.dropWorker();
  }
}

function describeRound(round: RoundResult): string {
  const parts = [`sent ${round.sent}`];
  if (round.retrying) parts.push(`${round.retrying} to retry`);
  if (round.dead) parts.push(`${round.dead} refused (dead letters)`);
  if (round.pulled) {
    parts.push(`pulled ${round.pulled.applied} events`);
    if (round.pulled.duplicates) parts.push(`${round.pulled.duplicates} already applied`);
    if (round.pulled.parked) parts.push(`${round.pulled.parked} parked`);
  }
  return parts.join(', ');
}

// --- The running sync of each open database, for the API handlers ----------------------------

const runningSlot = new Slot<{ sync: PortalSync | null }>('portal-sync.running', () => ({ sync: null }));

export function attachPortalSync(sync: PortalSync): void {
  sync.core.slot(runningSlot).sync = sync;
}

export function portalSyncOf(core: Core): PortalSync | null {
  return core.slot(runningSlot).sync;
}

// --- What the API shows ---------------------------------------------------------------------

async function count(ctx: ServiceContext, where: (q: ReturnType<typeof outbox>) => ReturnType<typeof outbox>): Promise<number> {
  const row = await where(outbox(ctx)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
const outbox = (ctx: ServiceContext) => ctx.db.selectFrom('portal_outbox');

export async function syncStatus(ctx: ServiceContext): Promise<SyncStatus> {
  const sync = portalSyncOf(ctx.core);
  const state = await readSyncState(ctx.db);
  const info = sync ? await sync.connectionInfo(ctx.db) : null;
  const url = sync?.fixedUrl ?? (await readPortalUrl(ctx.db));
  const parked = await ctx.db
    .selectFrom('portal_parked_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  const flags = await ctx.db
    .selectFrom('case_flags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  const lease = await ctx.db.selectFrom('portal_lease').select(['expires_at']).where('name', '=', 'portal-sync').executeTakeFirst();
  const leaseLive = lease !== undefined && lease.expires_at > ctx.now.toISOString();
  return {
    configured: info ? info.connection !== null : url !== null,
    url,
    workerRunning: sync?.running ?? false,
    elsewhere: sync?.lastRound?.skipped === 'lease' || (!sync?.running && leaseLive),
    paused: state.paused,
    pauseReason: state.pauseReason === null ? null : shownStored(ctx, state.pauseReason),
    lastPushAt: state.lastPushAt,
    lastPullAt: state.lastPullAt,
    pending: await count(ctx, (q) => q.where('state', '=', 'pending')),
    retrying: await count(ctx, (q) => q.where('state', '=', 'pending').where('attempts', '>', 0)),
    dead: await count(ctx, (q) => q.where('state', '=', 'dead')),
    parked: Number(parked.n),
    openFlags: Number(flags.n),
    lastError: sync?.lastError ? scrubSaid(sync.lastError, (text) => shown(ctx, text)) : null,
  };
}

/** What a portal said, as the API shows it: without credentials, whenever it was stored. */
function shown(ctx: ServiceContext, text: string): string {
  return portalSyncOf(ctx.core)?.scrub(text) ?? scrubSecrets(text);
}

/** A message kept in a table (a pause's reason, an update's last error), as the API shows it: read, then cleared word by word. */
const shownStored = (ctx: ServiceContext, stored: string): Said => scrubSaid(readStored(stored), (text) => shown(ctx, text));

export async function syncSettings(ctx: ServiceContext): Promise<SyncSettings> {
  const sync = portalSyncOf(ctx.core);
  const url = sync?.fixedUrl ?? (await readPortalUrl(ctx.db));
  let stored: StoredToken | null = null;
  let tokenProblem: string | null = null;
  let tokenProblemReason: Reason | null = null;
  try {
    stored = sync ? sync.tokens.read() : null;
  } catch (error) {
    tokenProblem = error instanceof Error ? error.message : String(error);
    if (error instanceof DepotError) tokenProblemReason = { code: error.said.code, params: error.said.params };
  }
  if (!sync) {
    const said = m.syncNotRunning();
    tokenProblem = said.text;
    tokenProblemReason = { code: said.code, params: said.params };
  }
  return {
    url,
    urlFixed: sync?.fixedUrl != null,
    tokenSet: stored !== null,
    tokenWritable: sync?.tokens.writable ?? false,
    tokenSource: sync ? sync.tokens.source() : 'none',
    tokenProblem,
    tokenProblemReason,
    tokenOrigin: sync && stored && url ? sync.boundOrigin(stored, url) : (stored?.origin ?? null),
  };
}

/**
 * The token that may go to `url`, by one rule for saving an address and for trying one: a token
 * typed in goes to the address it was typed with; the stored one only to the origin it was entered
 * for, so changing the portal's origin takes the token entered again. Null: no token at all.
 */
async function tokenForAddress(ctx: ServiceContext, sync: PortalSync | null, url: string, typed: string | undefined): Promise<string | null> {
  if (typed) return typed;
  const stored = sync?.tokens.read() ?? null;
  if (!sync || !stored) return null;
  const current = sync.fixedUrl ?? (await readPortalUrl(ctx.db));
  const bound = current ? sync.boundOrigin(stored, current) : stored.origin;
  // A token kept with no address and no origin has never been sent anywhere: the first address takes it.
  if (bound !== null && bound !== originOf(url)) throw fieldError('token', m.tokenForNewAddress({ origin: bound }));
  return stored.token;
}

export async function configureSync(ctx: ServiceContext, input: { url: string; token?: string | undefined }): Promise<SyncSettings> {
  const sync = portalSyncOf(ctx.core);
  if (sync?.fixedUrl && sync.fixedUrl !== input.url) {
    throw fieldError('url', m.urlFixed());
  }
  if (input.token && !sync) throw fieldError('token', m.noSyncForToken());
  await tokenForAddress(ctx, sync, input.url, input.token);
  if (input.token) sync?.tokens.write(input.token, originOf(input.url));
  await writePortalUrl(ctx.db, input.url);
  sync?.wake();
  return syncSettings(ctx);
}

/** Reads one event from the feed: proves the address, the token and the contract, and changes nothing. */
export async function testConnection(ctx: ServiceContext, input: { url?: string | undefined; token?: string | undefined }): Promise<SyncTestResult> {
  const sync = portalSyncOf(ctx.core);
  const url = input.url ?? sync?.fixedUrl ?? (await readPortalUrl(ctx.db));
  if (!url) throw fieldError('url', m.urlFirst());
  const token = await tokenForAddress(ctx, sync, url, input.token);
  if (!token) throw fieldError('token', m.tokenFirst());
  const client = new PortalClient({ baseUrl: url, token, timeoutMs: 10_000 });
  try {
    const page = await client.events(null, 1);
    return { ok: true, message: page.events.length > 0 ? m.connectedWithEvents() : m.connectedNoEvents() };
  } catch (error) {
    if (error instanceof PortalError && error.unauthorized) return { ok: false, message: m.testTokenRefused() };
    return { ok: false, message: scrubSaid(failureSaid(error), (text) => shown(ctx, scrubSecrets(text, [token]))) };
  } finally {
    client.close();
  }
}

export async function caseSync(ctx: ServiceContext, rma: string): Promise<CaseSyncInfo> {
  const rows = await ctx.db
    .selectFrom('portal_outbox')
    .select(['state', 'last_error', 'attempts'])
    .where('rma', '=', rma)
    .orderBy('id')
    .execute();
  const c = await findCaseRow(ctx.db, rma);
  if (!c) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  const flags = await listFlags(ctx, { caseId: c.id });
  const failing = rows.filter((r) => r.last_error && r.state !== 'sent' && r.state !== 'discarded').at(-1);
  return {
    rma,
    pending: rows.filter((r) => r.state === 'pending').length,
    sent: rows.filter((r) => r.state === 'sent').length,
    dead: rows.filter((r) => r.state === 'dead').length,
    lastError: failing?.last_error ? shownStored(ctx, failing.last_error) : null,
    flags: flags.map((f) => ({ id: f.id, rma: f.rma, kind: f.kind, message: f.message, createdAt: f.createdAt })),
  };
}

export async function listParked(ctx: ServiceContext): Promise<ParkedEventInfo[]> {
  const rows = await ctx.db
    .selectFrom('portal_parked_events')
    .select(['id', 'event_id', 'seq', 'type', 'rma', 'reason', 'created_at'])
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), eventId: r.event_id, seq: r.seq, type: r.type, rma: r.rma, reason: readStored(r.reason), createdAt: r.created_at }));
}

export async function dismissParked(ctx: ServiceContext, id: number): Promise<void> {
  const result = await ctx.db
    .updateTable('portal_parked_events')
    .set({ resolved_at: ctx.now.toISOString() })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DepotError('not_found', m.noParked({ id }));
}

/** Stops sending and pulling, with the admin's reason (or who paused). */
export async function pauseByCaller(ctx: ServiceContext, input: { reason: string | null }): Promise<SyncStatus> {
  const name = userOf(ctx).name;
  await pauseSync(ctx.db, ctx.now, input.reason ? m.pausedBecause({ name, reason: input.reason }) : m.pausedBy({ name }));
  return syncStatus(ctx);
}

/** Sends and pulls again; the worker is woken once the change is committed. */
export async function resumeByCaller(ctx: ServiceContext): Promise<SyncStatus> {
  await resumeSync(ctx);
  wakeAfterCommit(ctx);
  return syncStatus(ctx);
}

const wakeAfterCommit = (ctx: ServiceContext) => ctx.afterCommit(() => portalSyncOf(ctx.core)?.wake());

/** The dead letters as the API shows them (the body as JSON text). */
export async function deadLetterInfos(ctx: ServiceContext): Promise<DeadLetterInfo[]> {
  return (await listDeadLetters(ctx)).map((d) => ({
    id: d.id,
    rma: d.rma,
    kind: d.kind,
    seq: d.seq,
    path: d.path,
    body: JSON.stringify(d.body),
    attempts: d.attempts,
    lastError: d.lastError === null ? null : shownStored(ctx, d.lastError),
    createdAt: d.createdAt,
    heldBehind: d.heldBehind,
  }));
}

/** Re-queues a dead letter; the worker is woken once it is committed. */
export async function requeueDead(ctx: ServiceContext, id: number): Promise<null> {
  await requeue(ctx, id);
  wakeAfterCommit(ctx);
  return null;
}

/** Discards a dead letter; the worker is woken once it is committed. */
export async function discardDead(ctx: ServiceContext, id: number): Promise<null> {
  await discard(ctx, id);
  wakeAfterCommit(ctx);
  return null;
}

/** Open case flags, of every case or of one RMA. */
export async function caseFlagInfos(ctx: ServiceContext, input: { rma?: string | undefined }): Promise<CaseFlagInfo[]> {
  let caseId: number | undefined;
  if (input.rma) {
    const c = await findCaseRow(ctx.db, input.rma);
    if (!c) return [];
    caseId = c.id;
  }
  return (await listFlags(ctx, { caseId })).map((f) => ({ id: f.id, rma: f.rma, kind: f.kind, message: f.message, createdAt: f.createdAt }));
}
