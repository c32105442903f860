import crypto from 'node:crypto';
import { DepotError } from '../../../base/common/result.ts';
import { portalSyncMessages as m } from '../common/index.ts';
import { storeSaid, type Said } from '../../../base/common/messages.ts';
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
const rowColumns = ['id', 'case_id', 'rma', 'idempotency_key', 'method', 'path', 'body', 'attempts', 'next_attempt_at'] as const;
/**
 * Outcomes are written in one transaction once this many piled up or this long after the last
 * write, whichever comes first: each commit is an fsync, so writing few large transactions keeps
 * the push at the rate of the wire, and the bound says how much a crash can make the worker send
 * again (with the same keys, which the portal answers from its key store).
 */
const FLUSH_EVERY = 5000;
const FLUSH_AFTER_MS = 250;
/**
 * Delivered rows marked per statement. SQLite runs on this thread: between statements the
 * responses that came in meanwhile are read and the next requests go out, so a large write does
 * not leave the connections idle.
 */
const MARK_EVERY = 100;

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

  /**
   * Sends what is due for the length of one round. Lanes (`concurrency` of them) each take one
   * RMA's queue and send it row after row; a lane that finishes takes the next queue at once, and
   * the window of pending rows is read again before the queues run out, so the wire stays busy
   * from the round's first request to its last instead of emptying at every window's end.
   */
  private async push(result: RoundResult, now: Date): Promise<void> {
    const db = this.core.db;
    const nowIso = now.toISOString();
    /** Rows read this round whose delivery is not yet committed (they are still pending). */
    const seen = new Set<number>();
    /** Ids committed as sent since the last read: dropped from `seen` before the next one. */
    let committed: number[] = [];
    /** RMAs whose queue waits for a lane or is being sent: later rows join the queue. */
    const open = new Map<string, Row[]>();
    const ready: Row[][] = [];
    /** RMAs left alone for the rest of the round: a row failed, is not due yet, or is dead. */
    const held = new Set<string>();
    let nextDue: string | null = null;
    let exhausted = false;
    let reading: Promise<void> | null = null;
    let readError: unknown = null;
    let writeError: unknown = null;
    let stop = false;
    let pauseReason: Said | null = null;

    const failures: Outcome[] = [];
    let buffer: Outcome[] = [];
    let writing: Promise<void> = Promise.resolve();
    let flushedAt = performance.now();
    // Outcomes are written as they pile up, so one slow request never holds back the others' bookkeeping.
    const flush = () => {
      const batch = buffer;
      buffer = [];
      flushedAt = performance.now();
      writing = writing
        .then(async () => {
          await this.record(batch, result);
          for (const o of batch) if (!o.error) committed.push(o.row.id);
        })
        .catch((error: unknown) => {
          // What was sent but not recorded is sent again next round, with the same keys.
          writeError ??= error;
          stop = true;
        });
      return writing;
    };
    let cursor = 0;
    // Each read takes the next pending rows by id. Per RMA, rows commit in id order; across RMAs a
    // smaller id may commit later (PostgreSQL), so a row a read went past may turn up afterwards:
    // it is looked for among the RMAs read, and still goes before its RMA's later rows.
    const read = async () => {
      for (const id of committed) seen.delete(id);
      committed = [];
      const after = cursor;
      const rows: Row[] = await db
        .selectFrom('portal_outbox')
        .select(rowColumns)
        .where('state', '=', 'pending')
        .where('id', '>', after)
        .orderBy('id')
        .limit(this.batchSize)
        .execute();
      if (rows.length < this.batchSize) exhausted = true;
      if (rows.length > 0) cursor = rows[rows.length - 1]!.id;
      const rmas = [...new Set(rows.map((row) => row.rma))].filter((rma) => !held.has(rma));
      const lateIds: number[] = [];
      for (let i = 0; i < rmas.length; i += 500) {
        const some = rmas.slice(i, i + 500);
        // A dead row holds back the later rows of its RMA until staff re-queue or discard it.
        const dead = await db.selectFrom('portal_outbox').select('rma').where('state', '=', 'dead').where('rma', 'in', some).execute();
        for (const row of dead) held.add(row.rma);
        // Found through the RMAs' index, with the state checked here: by state, the pending rows
        // below the cursor are the thousands in flight or not yet written, each looked at again.
        const below = await db.selectFrom('portal_outbox').select(['id', 'state']).where('rma', 'in', some).where('id', '<=', after).execute();
        for (const row of below) if (row.state === 'pending' && !seen.has(row.id)) lateIds.push(row.id);
      }
      const late: Row[] = [];
      for (let i = 0; i < lateIds.length; i += 500) {
        late.push(...(await db.selectFrom('portal_outbox').select(rowColumns).where('id', 'in', lateIds.slice(i, i + 500)).where('state', '=', 'pending').execute()));
      }
      const fresh = late.length > 0 ? [...late, ...rows].sort((x, y) => x.id - y.id) : rows;
      for (const row of fresh) {
        seen.add(row.id);
        if (held.has(row.rma)) continue;
        if (row.next_attempt_at > nowIso) {
          if (nextDue === null || row.next_attempt_at < nextDue) nextDue = row.next_attempt_at;
          held.add(row.rma);
          continue;
        }
        const queue = open.get(row.rma);
        if (queue) {
          queue.push(row);
        } else {
          const newQueue = [row];
          open.set(row.rma, newQueue);
          ready.push(newQueue);
        }
      }
    };
    const readAhead = () => {
      reading ??= read()
        .catch((error: unknown) => {
          readError = error;
          exhausted = true;
        })
        .finally(() => {
          reading = null;
        });
      return reading;
    };

    const started = performance.now();
    // Rounds end well inside the lease so no second worker can take over mid-round.
    const budgetMs = this.leaseTtlMs / 2;
    const inBudget = () => !stop && performance.now() - started < budgetMs;
    const lane = async () => {
      while (inBudget()) {
        if (ready.length < this.concurrency && !exhausted) void readAhead();
        const queue = ready.shift();
        if (!queue) {
          if (exhausted && !reading) return;
          await readAhead();
          continue;
        }
        const rma = queue[0]!.rma;
        // The queue may grow while it is sent; it closes (synchronously) once its last row went out.
        for (let i = 0; i < queue.length && inBudget(); i++) {
          const row = queue[i]!;
          let outcome: Outcome;
          try {
            await this.client.sendStored(row.method, row.path, row.body, row.idempotency_key);
            outcome = { row, error: null };
          } catch (error) {
            const failure = error instanceof PortalError ? error : new PortalError('transient', 0, 'internal', m.requestFailed({ detail: String(error) }));
            outcome = { row, error: failure };
            failures.push(outcome);
            if (failure.unauthorized) {
              stop = true;
              pauseReason = m.tokenRefused({ status: failure.status, code: failure.code });
            } else if (failure.status === 429 || failure.status === 503) {
              stop = true;
              this.holdUntil = Math.max(this.holdUntil, now.getTime() + this.retryDelay(row.attempts + 1, failure.retryAfterMs));
            }
          }
          buffer.push(outcome);
          // Not awaited: the lane goes on sending while the outcomes are written.
          if (buffer.length >= FLUSH_EVERY || performance.now() - flushedAt >= FLUSH_AFTER_MS) void flush();
          if (outcome.error) {
            held.add(rma);
            break;
          }
        }
        open.delete(rma);
        // Stopped mid-queue: its rest stays pending, and no later row of the RMA may go before it.
        if (!inBudget()) held.add(rma);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, lane));
    await reading;
    await flush();
    if (readError) throw readError;
    if (writeError) throw writeError;
    if (pauseReason) await pauseSync(this.core.db, this.now(), pauseReason);
    const later = [nextDue ? Date.parse(nextDue) : Infinity, this.holdUntil > now.getTime() ? this.holdUntil : Infinity];
    for (const o of failures) if (!o.error!.unauthorized && o.error!.kind === 'transient') later.push(Date.parse(o.row.next_attempt_at));
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
        for (let i = 0; i < sentIds.length; i += MARK_EVERY) {
          if (i > 0) await new Promise((resolve) => setImmediate(resolve));
          await trx
            .updateTable('portal_outbox')
            .set((eb) => ({ state: 'sent', sent_at: at, last_error: null, attempts: eb('attempts', '+', 1) }))
            .where('id', 'in', sentIds.slice(i, i + MARK_EVERY))
            .execute();
        }
        for (const { row, error } of outcomes) {
          if (!error) continue;
          const attempts = row.attempts + 1;
          if (error.kind === 'permanent' && !error.unauthorized) {
            await trx
              .updateTable('portal_outbox')
              .set({ state: 'dead', attempts, last_error: storeSaid(error.said) })
              .where('id', '=', row.id)
              .execute();
            if (error.caseClosed) {
              await flagCase(trx, now, row.case_id, 'portal_closed', m.flagPortalClosed({ detail: error.message }));
            }
            result.dead++;
          } else {
            // Unauthorized rows wait for the token fix without using up their backoff.
            const delay = error.unauthorized ? 0 : this.retryDelay(attempts, error.retryAfterMs);
            row.next_attempt_at = new Date(now.getTime() + delay).toISOString();
            await trx
              .updateTable('portal_outbox')
              .set({ attempts, last_error: storeSaid(error.said), next_attempt_at: row.next_attempt_at })
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
        await pauseSync(this.core.db, now, m.tokenRefused({ status: error.status, code: error.code }));
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
