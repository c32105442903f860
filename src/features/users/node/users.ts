import { DepotError } from '../../../base/common/result.ts';
import { usersMessages } from '../common/messages.ts';
import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { UserInfo } from '../../../base/common/identity.ts';
import type { UserEntry } from '../common/types.ts';
import type { Role } from '../../../base/common/identity.ts';
import { hashPin, lockedUsers } from './sign-in.ts';

export async function createUser(db: Db, now: Date, input: { name: string; role: Role; pin: string }): Promise<UserInfo> {
  const existing = await db.selectFrom('users').select('id').where('name', '=', input.name).executeTakeFirst();
  if (existing) throw new DepotError('invalid', usersMessages.userExists(), { name: usersMessages.userExists() });
  const row = await db
    .insertInto('users')
    .values({ name: input.name, role: input.role, pin_hash: await hashPin(input.pin), created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), name: input.name, role: input.role };
}

export async function listUsers(db: Db): Promise<UserInfo[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, role: r.role as Role }));
}

/** The users as the admin's list shows them: with whether each is locked out. */
export async function userEntries(db: Db): Promise<UserEntry[]> {
  const users = await listUsers(db);
  const locked = await lockedUsers(db, users.map((u) => u.id));
  return users.map((u) => ({ ...u, locked: locked.has(u.id) }));
}

/** Ends the caller's session. */
export async function signOut(ctx: ServiceContext): Promise<null> {
  if (ctx.session) ctx.core.sessions.close(ctx.session);
  return null;
}

/** A user's name (undefined: no such user). */
export async function userNameOf(db: Db, id: number) {
  return db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
}
