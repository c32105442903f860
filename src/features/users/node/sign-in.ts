import crypto from 'node:crypto';
import { DepotError } from '../../../base/common/result.ts';
import type { Said } from '../../../base/common/messages.ts';
import { usersMessages as m } from '../common/messages.ts';
import type { Db } from '../../../base/node/core.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import type { UserInfo, Role } from '../../../base/common/identity.ts';
import type { SessionInfo } from '../common/types.ts';
import { enterPresence } from './presence.ts';

/**
 * Signing in with a PIN, made slow to guess. A run of wrong PINs for one user makes the next try
 * wait longer each time and, at LOCK_AFTER, locks the user until an admin unlocks; many wrong
 * PINs from one station (whatever users they name) make that station wait too. Everything is
 * counted from `sign_in_audit`, keyed by the user id the attempt named, so an id nobody has is
 * throttled, locked and timed exactly like a real user's: the answers never tell which ids exist.
 */

/** Wrong PINs in a row that lock a user. */
export const LOCK_AFTER = 10;
/** Wrong PINs from one station within this window count towards its wait. */
const STATION_WINDOW_MS = 15 * 60_000;
const MAX_WAIT_S = 5 * 60;

/** The wait after `wrong` PINs in a row for one user: none for two, then 2 s doubling (2, 4, … 128 s). */
export const userWaitMs = (wrong: number) => (wrong < 3 ? 0 : Math.min(2 ** (wrong - 2), MAX_WAIT_S) * 1000);
/** The wait of a station after `wrong` PINs in the window: none for four, then 2 s doubling, at most 5 minutes. */
export const stationWaitMs = (wrong: number) => (wrong < 5 ? 0 : Math.min(2 ** (wrong - 4), MAX_WAIT_S) * 1000);

const scryptAsync = (pin: string, salt: Buffer, keylen: number) =>
  new Promise<Buffer>((resolve, reject) => crypto.scrypt(pin, salt, keylen, (error, key) => (error ? reject(error) : resolve(key))));

/** PINs are stored as scrypt hashes: "scrypt$<salt>$<hash>", both base64url. */
export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scryptAsync(pin, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64url'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash of no one's PIN: an unknown user's attempt is checked against it, so it takes as long as a wrong PIN. */
const NOBODY = 'scrypt$zTTuZT6GBHn5S8WdHd9W8g$hyPL0OcbjKnPemV-M7IRoBsKrexjUCWjXvwEQ2kRocw';

type AuditEvent =
  | 'signed_in' | 'wrong_pin' | 'throttled' | 'locked' | 'lockout' | 'unlock'
  // An admin's changes to a user (users.update, disable, enable, resetPin).
  | 'user_updated' | 'user_disabled' | 'user_enabled' | 'pin_reset';

interface UserAttempts {
  /** Wrong PINs since the last sign-in or unlock. */
  wrong: number;
  lastWrongAt: number | null;
  locked: boolean;
}

/** A user's run of wrong PINs: the audit rows since their last sign-in, unlock or PIN reset. */
async function userAttempts(db: Db, userId: number): Promise<UserAttempts> {
  const reset = await db
    .selectFrom('sign_in_audit')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('user_id', '=', userId)
    .where('event', 'in', ['signed_in', 'unlock', 'pin_reset'])
    .executeTakeFirst();
  const rows = await db
    .selectFrom('sign_in_audit')
    .select(['event', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('at').as('last')])
    .where('user_id', '=', userId)
    .where('id', '>', Number(reset?.id ?? 0))
    .where('event', 'in', ['wrong_pin', 'lockout'])
    .groupBy('event')
    .execute();
  const wrong = rows.find((r) => r.event === 'wrong_pin');
  return {
    wrong: Number(wrong?.n ?? 0),
    lastWrongAt: wrong?.last ? Date.parse(wrong.last) : null,
    locked: rows.some((r) => r.event === 'lockout'),
  };
}

/** When a station may try again: its wrong PINs of the last 15 minutes. */
async function stationReadyAt(db: Db, station: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_audit')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('at').as('last')])
    .where('station', '=', station)
    .where('event', '=', 'wrong_pin')
    .where('at', '>', new Date(now.getTime() - STATION_WINDOW_MS).toISOString())
    .executeTakeFirstOrThrow();
  return row.last ? Date.parse(row.last) + stationWaitMs(Number(row.n)) : 0;
}

/** One row of `sign_in_audit`: an attempt, or (with the admin as `actorId`) an admin's change; `detail` says what changed. */
export async function audit(
  db: Db,
  ctx: ServiceContext,
  event: AuditEvent,
  userId: number,
  actorId: number | null = null,
  detail: object | null = null,
): Promise<void> {
  await db
    .insertInto('sign_in_audit')
    .values({ at: ctx.now.toISOString(), event, user_id: userId, station: ctx.station, actor_id: actorId, detail: detail && JSON.stringify(detail) })
    .execute();
}

/** The request's transaction (sign-in right after setup), or a short one of its own (`session.signIn`). */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/** "Try again in …", in seconds up to a minute and a half, then in minutes. */
function tryAgainIn(waitMs: number): Said {
  const seconds = Math.max(2, Math.ceil(waitMs / 1000));
  return seconds <= 90 ? m.tryAgainSeconds({ seconds }) : m.tryAgainMinutes({ minutes: Math.ceil(seconds / 60) });
}

const refusal = (said: Said) => new DepotError('unauthenticated', said, { pin: said });

export async function signIn(ctx: ServiceContext, { userId, pin }: { userId: number; pin: string }): Promise<SessionInfo> {
  const now = ctx.now.getTime();
  const before = await userAttempts(ctx.db, userId);
  if (before.locked) {
    await audit(ctx.db, ctx, 'locked', userId);
    throw refusal(m.locked());
  }
  const readyAt = Math.max(
    before.lastWrongAt === null ? 0 : before.lastWrongAt + userWaitMs(before.wrong),
    await stationReadyAt(ctx.db, ctx.station, ctx.now),
  );
  if (readyAt > now) {
    await audit(ctx.db, ctx, 'throttled', userId);
    throw refusal(tryAgainIn(readyAt - now));
  }
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'pin_hash'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  // An unknown user's PIN is checked too, against no one's hash: the same work, the same answer.
  const matches = await verifyPin(pin, row?.pin_hash ?? NOBODY);
  if (row && matches) {
    const user: UserInfo = { id: Number(row.id), name: row.name, role: row.role as Role };
    const token = ctx.core.sessions.open(user);
    // The sign-in's record and its window's presence are written together, or the session is not kept.
    try {
      await inTransaction(ctx.db, async (trx) => {
        await audit(trx, ctx, 'signed_in', userId);
        await enterPresence(trx, token, user.id, ctx.station, ctx.now);
      });
    } catch (error) {
      ctx.core.sessions.close(token);
      throw error;
    }
    return { token, user };
  }
  const after = await inTransaction(ctx.db, async (trx) => {
    await audit(trx, ctx, 'wrong_pin', userId);
    const attempts = await userAttempts(trx, userId);
    if (attempts.wrong >= LOCK_AFTER && !attempts.locked) await audit(trx, ctx, 'lockout', userId);
    return attempts;
  });
  if (after.wrong >= LOCK_AFTER) throw refusal(m.locked());
  const wait = userWaitMs(after.wrong);
  throw refusal(wait > 0 ? tryAgainIn(wait) : m.wrongPin());
}

/** Whether each of these users is locked out, by id. */
export async function lockedUsers(db: Db, ids: number[]): Promise<Set<number>> {
  const locked = new Set<number>();
  for (const id of ids) if ((await userAttempts(db, id)).locked) locked.add(id);
  return locked;
}

/** An admin lets a locked user sign in again: the run of wrong PINs ends with the unlock. */
export async function unlockUser(ctx: ServiceContext, { userId }: { userId: number }): Promise<null> {
  const trx = trxOf(ctx);
  const user = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DepotError('not_found', m.noUser({ id: userId }), { userId: m.noUser({ id: userId }) });
  const attempts = await userAttempts(trx, userId);
  if (!attempts.locked && attempts.wrong === 0) throw new DepotError('invalid', m.notLocked({ name: user.name }), { userId: m.notLocked({ name: user.name }) });
  await audit(trx, ctx, 'unlock', userId, userOf(ctx).id);
  return null;
}
