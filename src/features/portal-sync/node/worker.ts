import crypto from 'node:crypto';
import { DepotError } from '../../../base/common/result.ts';
import { portalSyncMessages as m } from '../common/index.ts';
import type { Core, Tx } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { PortalError, type PortalClient } from './client.ts';
import { flagCase } from './flags.ts';
import { pullEvents, type PullOptions, type PullResult } from './pull.ts';
import { acquireLease, pauseSync, readSyncState, releaseLease } from './state.ts';

/**
 * The sync worker: sends `portal_outbox` rows to the portal, strictly in order per RMA, each with
 * the idempotency key fixed when the row was written, and (optionally) pulls customer events.
 *
 * A row is marked sent only after the portal answered, so a row in flight when the process died
 * is simply sent again with the same key; the portal answers it from its key store.
 */

export interface WorkerOptions {
  client: PortalClient;
  /** Identifies this worker in the lease; one worker per database holds it at a time. */
  owner?: string;
  /** RMAs sent at once (rows of one RMA always go one after another). */
  concurrency?: number;
  /** Pending rows looked at per round. */
  batchSize?: number;
  backoff?: { baseMs: number; capMs: number };
  /** Longest Retry-After honoured as given. */
  maxRetryAfterMs?: number;
  leaseTtlMs?: number;
  /** Sleep of the loop when nothing is due. */
  idleMs?: number;
  /** Pull customer events in the loop too (false: push only). */
  pull?: PullOptions | false;
  now?: () => Date;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RoundResult {
  /** Why nothing was done, if so. */
  skipped: 'paused' | 'lease' | 'hold' | null;
  sent: number;
  retrying: number;
  dead: number;
  /** When the earliest row that is waiting becomes due (null: none waiting). */
  nextDueAt: Date | null;
  pulled: PullResult | null;
}

interface Row {
  id: number;
  case_id: number;
  rma: string;
  idempotency_key: string;
  method: string;
  path: string;
  body: string;
  attempts: number;
  next_attempt_at: string;
}

type Outcome = { row: Row; error: PortalError | null };

const LEASE = 'portal-sync';
/** Outcomes written per transaction while a round is under way. */
const FLUSH_EVERY = 200;

export class SyncWorker {
  private readonly client: PortalClient;
  private readonly owner: string;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly backoff: { baseMs: number; capMs: number };
  private readonly maxRetryAfterMs: number;
  private readonly leaseTtlMs: number;
  private readonly idleMs: number;
  private readonly pullOptions: PullOptions | false;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** After a 429 or 503 the whole portal is left alone until then. */
  private holdUntil = 0;
  private pullHoldUntil = 0;
  private pullFailures = 0;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  /** The last error of the loop itself (e.g. the database was unavailable). */
  lastError: unknown = null;

  constructor(
    private readonly core: Core,
    options: WorkerOptions,
  ) {
    this.client = options.client;
    this.owner = options.owner ?? crypto.randomUUID();
    this.concurrency = options.concurrency ?? 8;
    this.batchSize = options.batchSize ?? 500;
    this.backoff = options.backoff ?? { baseMs: 1_000, capMs: 5 * 60_000 };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60 * 60_000;
    this.leaseTtlMs = options.leaseTtlMs ?? 30_000;
    this.idleMs = options.idleMs ?? 2_000;
    this.pullOptions = options.pull ?? false;
    this.now = options.now ?? core.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Exponential backoff with full jitter: a random wait up to base·2^(attempts-1), capped. */
  retryDelay(attempts: number, retryAfterMs: number | null): number {
    if (retryAfterMs !== null) return Math.min(retryAfterMs, this.maxRetryAfterMs);
    const ceiling = Math.min(this.backoff.capMs, this.backoff.baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.floor(this.random() * ceiling);
  }

  /** One round: send what is due (and pull, if enabled). */
  async runOnce(): Promise<RoundResult> {
    const result: RoundResult = { skipped: null, sent: 0, retrying: 0, dead: 0, nextDueAt: null, pulled: null };
    const db = this.core.db;
    const now = this.now();
    if ((await readSyncState(db)).paused) return { ...result, skipped: 'paused' };
    if (!(await acquireLease(db, LEASE, this.owner, now, this.leaseTtlMs))) return { ...result, skipped: 'lease' };
    if (now.getTime() < this.holdUntil) {
      result.skipped = 'hold';
      result.nextDueAt = new Date(this.holdUntil);
    } else {
      await this.push(result, now);
    }
    if (this.pullOptions && now.getTime() >= this.pullHoldUntil && !(await readSyncState(db)).paused) {
      result.pulled = await this.pull(now);
    }
    return result;
  }

  private async push(result: RoundResult, now: Date): Promise<void> {
    const db = this.core.db;
    const rows: Row[] = await db
      .selectFrom('portal_outbox')
      .select(['id', 'case_id', 'rma', 'idempotency_key', 'method', 'path', 'body', 'attempts', 'next_attempt_at'])
      .where('state', '=', 'pending')
      .orderBy('id')
      .limit(this.batchSize)
      .execute();
    if (rows.length === 0) return;
    // Every earlier pending row of an RMA has a smaller id, so it is in this window too.
    const queues = new Map<string, Row[]>();
    for (const row of rows) {
      const queue = queues.get(row.rma);
      if (queue) queue.push(row);
      else queues.set(row.rma, [row]);
    }
    // A dead row holds back the later rows of its RMA until staff re-queue or discard it.
    const blocked = new Set<string>();
    const rmas = [...queues.keys()];
    for (let i = 0; i < rmas.length; i += 500) {
      const dead = await db
        .selectFrom('portal_outbox')
        .select('rma')
        .distinct()
        .where('state', '=', 'dead')
        .where('rma', 'in', rmas.slice(i, i + 500))
        .execute();
      for (const d of dead) blocked.add(d.rma);
    }
    const nowIso = now.toISOString();
    const work: Row[][] = [];
    let nextDue: string | null = null;
    for (const [rma, queue] of queues) {
      if (blocked.has(rma)) continue;
      const due: Row[] = [];
      for (const row of queue) {
        if (row.next_attempt_at > nowIso) {
          if (nextDue === null || row.next_attempt_at < nextDue) nextDue = row.next_attempt_at;
          break;
        }
        due.push(row);
      }
      if (due.length > 0) work.push(due);
    }

    const outcomes: Outcome[] = [];
    let buffer: Outcome[] = [];
    let writing: Promise<void> = Promise.resolve();
    // Outcomes are written as they pile up, so one slow request never holds back the others' bookkeeping.
    const flush = () => {
      const batch = buffer;
      buffer = [];
      writing = writing.then(() => this.record(batch, result));
      return writing;
    };
    let stop = false;
    let pauseReason: string | null = null;
    const started = performance.now();
    // Rounds end well inside the lease so no second worker can take over mid-round.
    const budgetMs = this.leaseTtlMs / 2;
    let next = 0;
    const lane = async () => {
      while (!stop && next < work.length && performance.now() - started < budgetMs) {
        const queue = work[next++]!;
        for (const row of queue) {
          if (stop) break;
          let outcome: Outcome;
          try {
            await this.client.sendStored(row.method, row.path, row.body, row.idempotency_key);
            outcome = { row, error: null };
          } catch (error) {
            const failure = error instanceof PortalError ? error : new PortalError('transient', 0, 'internal', String(error));
            outcome = { row, error: failure };
            if (failure.unauthorized) {
              stop = true;
              pauseReason = `The portal refused the API token (${failure.message}). Fix the token in the portal settings, then resume sync.`;
            } else if (failure.status === 429 || failure.status === 503) {
              stop = true;
              this.holdUntil = Math.max(this.holdUntil, now.getTime() + this.retryDelay(row.attempts + 1, failure.retryAfterMs));
            }
          }
          outcomes.push(outcome);
          buffer.push(outcome);
          if (buffer.length >= FLUSH_EVERY) await flush();
          if (outcome.error) break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, work.length) }, lane));
    await flush();
    if (pauseReason) await pauseSync(this.core.db, this.now(), pauseReason);
    const later = [nextDue ? Date.parse(nextDue) : Infinity, this.holdUntil > now.getTime() ? this.holdUntil : Infinity];
    for (const o of outcomes) if (o.error && !o.error.unauthorized && o.error.kind === 'transient') later.push(Date.parse(o.row.next_attempt_at));
    const earliest = Math.min(...later);
    result.nextDueAt = Number.isFinite(earliest) ? new Date(earliest) : null;
  }

  /** Writes outcomes in one transaction. */
  private async record(outcomes: Outcome[], result: RoundResult): Promise<void> {
    if (outcomes.length === 0) return;
    const now = this.now();
    const at = now.toISOString();
    const sentIds = outcomes.filter((o) => !o.error).map((o) => o.row.id);
    await this.core.db
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < sentIds.length; i += 500) {
          await trx
            .updateTable('portal_outbox')
            .set((eb) => ({ state: 'sent', sent_at: at, last_error: null, attempts: eb('attempts', '+', 1) }))
            .where('id', 'in', sentIds.slice(i, i + 500))
            .execute();
        }
        for (const { row, error } of outcomes) {
          if (!error) continue;
          const attempts = row.attempts + 1;
          if (error.kind === 'permanent' && !error.unauthorized) {
            await trx
              .updateTable('portal_outbox')
              .set({ state: 'dead', attempts, last_error: error.message })
              .where('id', '=', row.id)
              .execute();
            if (error.caseClosed) {
              await flagCase(trx, now, row.case_id, 'portal_closed', `The portal refused an update: the case is closed there (${error.message}).`);
            }
            result.dead++;
          } else {
            // Unauthorized rows wait for the token fix without using up their backoff.
            const delay = error.unauthorized ? 0 : this.retryDelay(attempts, error.retryAfterMs);
            row.next_attempt_at = new Date(now.getTime() + delay).toISOString();
            await trx
              .updateTable('portal_outbox')
              .set({ attempts, last_error: error.message, next_attempt_at: row.next_attempt_at })
              .where('id', '=', row.id)
              .execute();
            result.retrying++;
          }
        }
        if (sentIds.length > 0) await trx.updateTable('portal_sync_state').set({ last_push_at: at }).where('id', '=', 1).execute();
      });
    result.sent += sentIds.length;
  }

  private async pull(now: Date): Promise<PullResult | null> {
    try {
      const pulled = await pullEvents(this.core, this.client, this.pullOptions || {});
      this.pullFailures = 0;
      return pulled;
    } catch (error) {
      if (error instanceof PortalError && error.unauthorized) {
        await pauseSync(this.core.db, now, `The portal refused the API token (${error.message}). Fix the token in the portal settings, then resume sync.`);
      } else {
        this.pullFailures++;
        const retryAfter = error instanceof PortalError ? error.retryAfterMs : null;
        this.pullHoldUntil = now.getTime() + this.retryDelay(this.pullFailures, retryAfter);
      }
      this.lastError = error;
      return null;
    }
  }

  /** Runs rounds until `stop()`: at once while there is work, otherwise when the next row is due (at most `idleMs`). */
  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.running = (async () => {
      while (!abort.signal.aborted) {
        let wait = this.idleMs;
        try {
          const round = await this.runOnce();
          if (round.sent + round.retrying + round.dead > 0 && !round.skipped) wait = 0;
          else if (round.nextDueAt) wait = Math.min(this.idleMs, Math.max(0, round.nextDueAt.getTime() - this.now().getTime()));
        } catch (error) {
          this.lastError = error;
        }
        if (abort.signal.aborted) break;
        await this.sleep(wait, abort.signal).catch(() => undefined);
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = null;
    this.abort = null;
    await releaseLease(this.core.db, LEASE, this.owner);
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// --- Dead letters ---------------------------------------------------------------------------

export interface DeadLetter {
  id: number;
  caseId: number;
  rma: string;
  kind: string;
  seq: number | null;
  method: string;
  path: string;
  body: unknown;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** Later updates of the same RMA waiting behind this one. */
  heldBehind: number;
}

/** Updates the portal refused for good, oldest first, for staff to fix and re-queue or discard. */
export async function listDeadLetters(ctx: ServiceContext): Promise<DeadLetter[]> {
  const db = ctx.db;
  const rows = await db
    .selectFrom('portal_outbox')
    .select(['id', 'case_id', 'rma', 'kind', 'seq', 'method', 'path', 'body', 'attempts', 'last_error', 'created_at'])
    .where('state', '=', 'dead')
    .orderBy('id')
    .execute();
  const letters: DeadLetter[] = [];
  for (const r of rows) {
    const held = await db
      .selectFrom('portal_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('rma', '=', r.rma)
      .where('state', '=', 'pending')
      .where('id', '>', r.id)
      .executeTakeFirstOrThrow();
    letters.push({
      id: Number(r.id),
      caseId: Number(r.case_id),
      rma: r.rma,
      kind: r.kind,
      seq: r.seq,
      method: r.method,
      path: r.path,
      body: JSON.parse(r.body) as unknown,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      heldBehind: Number(held.n),
    });
  }
  return letters;
}

/** Sends a dead row again (same idempotency key), as soon as the worker next runs. */
export async function requeue(ctx: ServiceContext, id: number): Promise<void> {
  const result = await ctx.db
    .updateTable('portal_outbox')
    .set({ state: 'pending', next_attempt_at: ctx.now.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DepotError('not_found', m.noDeadLetter({ id }));
}

/** Gives up on a dead row for good, letting later updates of its RMA go. */
export async function discard(ctx: ServiceContext, id: number): Promise<void> {
  const result = await ctx.db
    .updateTable('portal_outbox')
    .set({ state: 'discarded' })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DepotError('not_found', m.noDeadLetter({ id }));
}

/**
 * Marks every queued update as delivered when it was queued: the demo data's past, which the portal
 * heard as it happened (the reference portal starts from these rows with `--seed-from`).
 */
export async function markQueuedDelivered(trx: Tx): Promise<void> {
  await trx
    .updateTable('portal_outbox')
    .set((eb) => ({ state: 'sent', sent_at: eb.ref('created_at'), attempts: 1 }))
    .where('state', '=', 'pending')
    .execute();
}
