import crypto from 'node:crypto';
import type { Role } from '../../../base/common/identity.ts';
import type { Db } from '../../../base/node/core.ts';
import { userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { idleLimitMs } from '../../settings/node/index.ts';
import type { PresentUser } from '../common/types.ts';

/**
 * Who else is working: the `presence` table, one row per signed-in window on any station of the
 * database. Sessions are kept in each Depot process's memory; their rows are how the dock, the
 * benches and the desks see one another. A row's id is a hash of the session's token, so the table
 * never holds a credential.
 */

const presenceIdOf = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

/** A window signed in: its row, seen now. */
export async function enterPresence(db: Db, token: string, userId: number, station: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.insertInto('presence').values({ id: presenceIdOf(token), user_id: userId, station, signed_in_at: at, last_seen: at }).execute();
}

/** A window signed out. */
export async function leavePresence(db: Db, token: string): Promise<void> {
  await db.deleteFrom('presence').where('id', '=', presenceIdOf(token)).execute();
}

/** Every window of a user whose sessions an admin ended (disabled, PIN reset, new role). */
export async function leavePresenceOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('presence').where('user_id', '=', userId).execute();
}

/**
 * The window says it is still here, with when its person last used it (not this call, which a
 * window makes by itself), and hears who else is: the other windows used within the site's idle
 * time, most recently used first. Windows unused for longer are gone (their sessions have ended),
 * so their rows are dropped in the same transaction.
 */
export async function presentOthers(ctx: ServiceContext): Promise<PresentUser[]> {
  const me = userOf(ctx);
  const token = ctx.session!;
  const id = presenceIdOf(token);
  const lastUsed = (ctx.core.sessions.lastUsed(token) ?? ctx.now).toISOString();
  const since = new Date(ctx.now.getTime() - (await idleLimitMs(ctx.db))).toISOString();

  await ctx.db.deleteFrom('presence').where('last_seen', '<', since).execute();
  // A window whose row is missing (signed in before its station kept presence) enters now.
  await ctx.db
    .insertInto('presence')
    .values({ id, user_id: me.id, station: ctx.station, signed_in_at: lastUsed, last_seen: lastUsed })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_seen: lastUsed }))
    .execute();

  // One line per person and station, however many windows they left open there; this window's
  // person at this station is the reader.
  const rows = await ctx.db
    .selectFrom('presence')
    .innerJoin('users', 'users.id', 'presence.user_id')
    .select((eb) => [
      'users.id as userId',
      'users.name',
      'users.role',
      'presence.station',
      eb.fn.min('presence.signed_in_at').as('signed_in_at'),
      eb.fn.max('presence.last_seen').as('last_seen'),
    ])
    .where('presence.id', '!=', id)
    .where('users.active', '=', 1)
    .where((eb) => eb.not(eb.and([eb('presence.user_id', '=', me.id), eb('presence.station', '=', ctx.station)])))
    .groupBy(['users.id', 'users.name', 'users.role', 'presence.station'])
    .orderBy('last_seen', 'desc')
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    userId: Number(r.userId),
    name: r.name,
    role: r.role as Role,
    station: r.station,
    signedInAt: r.signed_in_at,
    lastSeen: r.last_seen,
  }));
}
