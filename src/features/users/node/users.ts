import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { DepotError } from '../../../base/common/result.ts';
import { usersMessages } from '../common/messages.ts';
import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { UserInfo } from '../../../base/common/identity.ts';
import type { SessionInfo } from '../common/types.ts';
import type { Role } from '../../../base/common/identity.ts';

const scrypt = promisify(crypto.scrypt) as (pin: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** PINs are stored as scrypt hashes: "scrypt$<salt>$<hash>", both base64url. */
export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(pin, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(pin, Buffer.from(salt, 'base64url'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

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

export async function signIn(ctx: ServiceContext, { userId, pin }: { userId: number; pin: string }): Promise<SessionInfo> {
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'pin_hash'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  // The same answer for an unknown user and a wrong PIN.
  if (!row || !(await verifyPin(pin, row.pin_hash))) {
    throw new DepotError('unauthenticated', usersMessages.wrongPin(), { pin: usersMessages.wrongPin() });
  }
  const user: UserInfo = { id: Number(row.id), name: row.name, role: row.role as Role };
  return { token: ctx.core.sessions.open(user), user };
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
