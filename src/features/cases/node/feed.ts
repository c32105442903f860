import { Slot, type Core, type Tx } from '../../../base/node/core.ts';
import { actingUserName } from '../../../base/node/handlers.ts';
import type { CaseChange, CaseChangeKind } from '../common/types.ts';

/**
 * The change feed of cases. Every change to a case goes through the case store (`insertCase`,
 * `saveCase`), and every move of its unit through the locations store; each notes it here in the
 * change's own transaction: a row of `case_changes`. So
 * the database itself decides that a change is heard once it committed and never when it rolled
 * back. On PostgreSQL the row's trigger sends it as a NOTIFY, delivered at commit to the one
 * listening connection of each Depot process on the database; on SQLite each process reads the
 * new rows every 250 ms, so several processes on one file hear each other too. In a process, one
 * listener fans each change out to its subscribers (the host's event streams, the desktop window).
 */

const CHANNEL = 'depot_case_changes';
const POLL_MS = 250;
/** How many changes the table keeps; a reader 250 ms behind needs far fewer. */
const KEEP = 1000;

/** Notes a change to a case, in the transaction that makes it. */
export async function noteCaseChange(trx: Tx, change: { rma: string; version: number; kind: CaseChangeKind }): Promise<void> {
  const { id } = await trx
    .insertInto('case_changes')
    .values({ rma: change.rma, version: change.version, kind: change.kind, by_name: actingUserName() })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Old rows go now and then, in the same transaction (the id is the primary key).
  if (Number(id) % 100 === 0) await trx.deleteFrom('case_changes').where('id', '<=', Number(id) - KEEP).execute();
}

type Listener = (change: CaseChange) => void;

interface FeedState {
  listeners: Set<Listener>;
  /** Stops listening to the database; set while anyone subscribes. */
  running: Promise<() => Promise<void>> | null;
}

const feedSlot = new Slot<FeedState>('cases.feed', () => ({ listeners: new Set(), running: null }));

const kinds: readonly string[] = ['created', 'status', 'updated', 'moved'] satisfies CaseChangeKind[];

/** A change as the database sent it, or null for anything else. */
function changeOf(value: unknown): CaseChange | null {
  if (!value || typeof value !== 'object') return null;
  const { rma, version, kind, by } = value as Record<string, unknown>;
  if (typeof rma !== 'string' || typeof version !== 'number' || typeof kind !== 'string' || !kinds.includes(kind)) return null;
  return { rma, version, kind: kind as CaseChangeKind, by: typeof by === 'string' ? by : null };
}

function fanOut(state: FeedState, change: CaseChange): void {
  for (const listener of [...state.listeners]) {
    try {
      listener(change);
    } catch (error) {
      console.error('depot: a case change listener failed', error);
    }
  }
}

async function start(core: Core, state: FeedState): Promise<() => Promise<void>> {
  const { database } = core;
  if (database.listen) {
    return database.listen(CHANNEL, (payload) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return;
      }
      const change = changeOf(parsed);
      if (change) fanOut(state, change);
    });
  }
  const newest = await core.db.selectFrom('case_changes').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  let seen = Number(newest?.id ?? 0);
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const rows = await core.db
        .selectFrom('case_changes')
        .select(['id', 'rma', 'version', 'kind', 'by_name'])
        .where('id', '>', seen)
        .orderBy('id')
        .limit(KEEP)
        .execute();
      for (const row of rows) {
        seen = Number(row.id);
        const change = changeOf({ rma: row.rma, version: Number(row.version), kind: row.kind, by: row.by_name });
        if (change) fanOut(state, change);
      }
    } catch {
      // A closed or busy database: the next poll tries again.
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  timer.unref();
  return async () => clearInterval(timer);
}

/**
 * Hears every committed change to a case, from this process and every other on the database, until
 * the returned function is called. Resolves once listening, so a change committed after it is heard.
 */
export async function subscribeCaseChanges(core: Core, listener: Listener): Promise<() => Promise<void>> {
  const state = core.slot(feedSlot);
  state.listeners.add(listener);
  state.running ??= start(core, state);
  try {
    await state.running;
  } catch (error) {
    state.listeners.delete(listener);
    if (state.listeners.size === 0) state.running = null;
    throw error;
  }
  return async () => {
    if (!state.listeners.delete(listener) || state.listeners.size > 0 || !state.running) return;
    const running = state.running;
    state.running = null;
    await (await running)();
  };
}
