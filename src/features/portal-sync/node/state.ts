import type { Core, Db, Tx } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { storeSaid, type Said } from '../../../base/common/messages.ts';

/** Sync-wide state staff and admins see: paused or not (and why), the pull cursor, last activity. */
export interface SyncState {
  paused: boolean;
  pauseReason: string | null;
  pausedAt: string | null;
  cursor: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
}

export async function readSyncState(db: Db | Tx): Promise<SyncState> {
  const row = await db.selectFrom('portal_sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return {
    paused: row.paused === 1,
    pauseReason: row.pause_reason,
    pausedAt: row.paused_at,
    cursor: row.cursor,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
  };
}

export const getSyncState = (core: Core): Promise<SyncState> => readSyncState(core.db);

/** Stops pushing and pulling until `resumeSync`; the reason is shown to the admin. */
export async function pauseSync(db: Db | Tx, now: Date, reason: Said): Promise<void> {
  await db
    .updateTable('portal_sync_state')
    .set({ paused: 1, pause_reason: storeSaid(reason), paused_at: now.toISOString() })
    .where('id', '=', 1)
    .execute();
}

export async function resumeSync(ctx: ServiceContext): Promise<void> {
  await ctx.db
    .updateTable('portal_sync_state')
    .set({ paused: 0, pause_reason: null, paused_at: null })
    .where('id', '=', 1)
    .execute();
}

/**
 * Takes or renews the named lease for `ttlMs`. Atomic in every dialect: a conditional update of
 * an existing row, or the insert of a new one that only one contender can win.
 */
export async function acquireLease(db: Db, name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const updated = await db
    .updateTable('portal_lease')
    .set({ owner, expires_at: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('owner', '=', owner), eb('expires_at', '<', now.toISOString())]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  const inserted = await db
    .insertInto('portal_lease')
    .values({ name, owner, expires_at: until })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('portal_lease').where('name', '=', name).where('owner', '=', owner).execute();
}
