import type { z } from 'zod';
import { leavePresenceOf } from './presence.ts';
import type { Role } from '../../../base/common/identity.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import type { Updateable } from 'kysely';
import type { Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import type { resetPinInput, updateUserInput } from '../common/contract.ts';
import { usersMessages as m } from '../common/messages.ts';
import type { UserEntry } from '../common/types.ts';
import { audit, hashPin } from './sign-in.ts';
import { requireFreeName, requireSitePinLength, userEntryOf } from './users.ts';

/**
 * An admin's changes to a user. Each is made against the version the admin's list showed, so two
 * admins changing one user at once end with one change and the other told to look again; each
 * leaves a row in `sign_in_audit` naming the admin. Sessions of a user whose rights changed end
 * once the change is committed: sessions are kept in memory and would keep the old role.
 */

interface UserRow {
  id: number;
  name: string;
  role: Role;
  active: boolean;
  version: number;
}

async function userRow(trx: Tx, userId: number): Promise<UserRow> {
  const row = await trx.selectFrom('users').select(['id', 'name', 'role', 'active', 'version']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noUser({ id: userId }), { userId: m.noUser({ id: userId }) });
  return { id: Number(row.id), name: row.name, role: row.role as Role, active: Number(row.active) === 1, version: Number(row.version) };
}

const changedMeanwhile = (row: UserRow) => new DepotError('conflict', m.changed({ name: row.name }));

/** The user as the admin saw them: refused as a conflict if anyone changed them since. */
async function currentUser(trx: Tx, userId: number, version: number): Promise<UserRow> {
  const row = await userRow(trx, userId);
  if (row.version !== version) throw changedMeanwhile(row);
  return row;
}

/** Writes a change to a user read in this transaction; the version rises, and a change made in between is a conflict. */
async function saveUser(trx: Tx, row: UserRow, set: Omit<Updateable<Database['users']>, 'id' | 'version'>): Promise<void> {
  const updated = await trx
    .updateTable('users')
    .set({ ...set, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw changedMeanwhile(row);
}

/**
 * Refuses to leave the depot without an active admin, at `field`. The active admins' rows are
 * locked first (an update that changes nothing), so two admins disabling each other at once on
 * PostgreSQL are taken one after the other and the second sees the first's change.
 */
async function requireAnotherAdmin(trx: Tx, row: UserRow, field: 'role' | 'userId'): Promise<void> {
  const admins = await trx
    .updateTable('users')
    .set((eb) => ({ active: eb.ref('active') }))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .returning('id')
    .execute();
  if (!admins.some((a) => Number(a.id) !== row.id)) throw fieldError(field, m.lastAdmin({ name: row.name }));
}

const isActiveAdmin = (row: UserRow) => row.active && row.role === 'admin';

export async function updateUser(ctx: ServiceContext, input: z.output<typeof updateUserInput>): Promise<UserEntry> {
  const trx = trxOf(ctx);
  const row = await currentUser(trx, input.userId, input.version);
  const changes: { name?: [string, string]; role?: [Role, Role] } = {};
  if (input.name !== row.name) changes.name = [row.name, input.name];
  if (input.role !== row.role) changes.role = [row.role, input.role];
  if (!changes.name && !changes.role) return userEntryOf(trx, row.id);
  if (changes.name) await requireFreeName(trx, input.name, row.id);
  if (changes.role && isActiveAdmin(row)) await requireAnotherAdmin(trx, row, 'role');
  await saveUser(trx, row, { name: input.name, role: input.role });
  await audit(trx, ctx, 'user_updated', row.id, userOf(ctx).id, changes);
  const user = { id: row.id, name: input.name, role: input.role };
  // A new role takes a new sign-in; a new name shows at once.
  if (changes.role) await leavePresenceOf(trx, row.id);
  ctx.afterCommit(() => (changes.role ? ctx.core.sessions.closeAllOf(row.id) : ctx.core.sessions.refresh(user)));
  return userEntryOf(trx, row.id);
}

export async function disableUser(ctx: ServiceContext, input: { userId: number; version: number }): Promise<UserEntry> {
  const trx = trxOf(ctx);
  const row = await currentUser(trx, input.userId, input.version);
  if (!row.active) throw fieldError('userId', m.alreadyDisabled({ name: row.name }));
  if (row.role === 'admin') await requireAnotherAdmin(trx, row, 'userId');
  await saveUser(trx, row, { active: 0 });
  await audit(trx, ctx, 'user_disabled', row.id, userOf(ctx).id);
  await leavePresenceOf(trx, row.id);
  ctx.afterCommit(() => ctx.core.sessions.closeAllOf(row.id));
  return userEntryOf(trx, row.id);
}

export async function enableUser(ctx: ServiceContext, input: { userId: number; version: number }): Promise<UserEntry> {
  const trx = trxOf(ctx);
  const row = await currentUser(trx, input.userId, input.version);
  if (row.active) throw fieldError('userId', m.alreadyEnabled({ name: row.name }));
  await saveUser(trx, row, { active: 1 });
  await audit(trx, ctx, 'user_enabled', row.id, userOf(ctx).id);
  return userEntryOf(trx, row.id);
}

/** A new PIN of the site's length; the `pin_reset` row ends the user's run of wrong PINs and any lockout. */
export async function resetPin(ctx: ServiceContext, input: z.output<typeof resetPinInput>): Promise<UserEntry> {
  const trx = trxOf(ctx);
  const row = await currentUser(trx, input.userId, input.version);
  await requireSitePinLength(trx, input.pin);
  await saveUser(trx, row, { pin_hash: await hashPin(input.pin) });
  await audit(trx, ctx, 'pin_reset', row.id, userOf(ctx).id);
  await leavePresenceOf(trx, row.id);
  ctx.afterCommit(() => ctx.core.sessions.closeAllOf(row.id));
  return userEntryOf(trx, row.id);
}
