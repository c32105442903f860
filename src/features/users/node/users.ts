import { DepotError, fieldError } from '../../../base/common/result.ts';
import { leavePresence } from './presence.ts';
import { commonMessages } from '../../../base/common/messages.ts';
import { pinOfLength } from '../../../base/common/schemas.ts';
import { usersMessages } from '../common/messages.ts';
import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { UserInfo } from '../../../base/common/identity.ts';
import type { UserEntry } from '../common/types.ts';
import type { Role } from '../../../base/common/identity.ts';
import { readSite } from '../../settings/node/index.ts';
import { hashPin, lockedUsers } from './sign-in.ts';

/** Refuses a name another user has (`except`: the user being renamed), at the name field. */
export async function requireFreeName(db: Db, name: string, except: number | null = null): Promise<void> {
  let query = db.selectFrom('users').select('id').where('name', '=', name);
  if (except !== null) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) throw fieldError('name', usersMessages.userExists());
}

/** Refuses a new PIN without the site's length, at the PIN field. PINs set earlier keep working at sign-in. */
export async function requireSitePinLength(db: Db, pin: string): Promise<void> {
  const site = await readSite(db);
  if (site && !pinOfLength(pin, site.pinLength)) throw fieldError('pin', commonMessages.pinDigits({ digits: site.pinLength }));
}

export async function createUser(db: Db, now: Date, input: { name: string; role: Role; pin: string }): Promise<UserInfo> {
  await requireFreeName(db, input.name);
  await requireSitePinLength(db, input.pin);
  const row = await db
    .insertInto('users')
    .values({ name: input.name, role: input.role, pin_hash: await hashPin(input.pin), created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), name: input.name, role: input.role };
}

/** The users who may sign in, for the sign-in list. */
export async function listUsers(db: Db): Promise<UserInfo[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, role: r.role as Role }));
}

/** Users as the admin's list shows them (disabled ones too), with whether each is locked out; `id`: that user only. */
export async function userEntries(db: Db, id?: number): Promise<UserEntry[]> {
  let query = db.selectFrom('users').select(['id', 'name', 'role', 'active', 'version']).orderBy('name');
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.execute();
  const locked = await lockedUsers(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    role: r.role as Role,
    locked: locked.has(Number(r.id)),
    active: Number(r.active) === 1,
    version: Number(r.version),
  }));
}

/** Ends the caller's session. */
export async function signOut(ctx: ServiceContext): Promise<null> {
  if (!ctx.session) return null;
  await leavePresence(ctx.db, ctx.session);
  const token = ctx.session;
  ctx.afterCommit(() => ctx.core.sessions.close(token));
  return null;
}

/** A user's name (undefined: no such user). */
export async function userNameOf(db: Db, id: number) {
  return db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
}

/** The one entry of a user who exists. */
export async function userEntryOf(db: Db, id: number): Promise<UserEntry> {
  const [entry] = await userEntries(db, id);
  if (!entry) throw new DepotError('not_found', usersMessages.noUser({ id }), { userId: usersMessages.noUser({ id }) });
  return entry;
}
