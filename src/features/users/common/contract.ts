import { z } from 'zod';
import { roleSchema, type UserInfo } from '../../../base/common/identity.ts';
import { nameSchema, pinSchema } from '../../../base/common/schemas.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { usersMessages } from './messages.ts';
import type { PresentUser, SessionInfo, UserEntry } from './types.ts';

const chooseUser = zodMessage(usersMessages.chooseUser());
/** A user's id, as the database can hold it. */
const userId = z.number({ error: chooseUser }).int(chooseUser).positive(chooseUser).max(2_147_483_647, chooseUser);
const versionRequired = zodMessage(usersMessages.versionRequired());
/** The user's version as the admin's list showed it: a change made against an older one is refused. */
const version = z.number({ error: versionRequired }).int(versionRequired).positive(versionRequired).max(2_147_483_647, versionRequired);
const userName = nameSchema(100, 'name');

export const updateUserInput = z.object({ userId, version, name: userName, role: roleSchema });
export const resetPinInput = z.object({ userId, version, pin: pinSchema });

export const usersMethods = {
  'session.signIn': method<SessionInfo>()({
    // a refused attempt is recorded (it counts towards the wait and the lockout) though the answer is a refusal
    writes: 'own',
    input: z.object({ userId, pin: pinSchema }),
    access: 'public',
    summary: 'Signs a user in with their PIN. Wrong PINs make the next try wait, and 10 in a row lock the user until an admin unlocks.',
  }),
  'session.signOut': method<null>()({ writes: true, input: empty, access: 'signed-in', summary: 'Ends the session.' }),
  'session.presence': method<PresentUser[]>()({
    // the window's own "still here": it keeps the session's last use as it was, and a desk left alone still locks
    writes: true,
    passive: true,
    input: empty,
    access: 'signed-in',
    summary: 'Who else is working: the other signed-in windows of every station, with their station and when each was last used.',
  }),
  'session.me': method<UserInfo>()({ input: empty, access: 'signed-in', summary: 'The signed-in user.' }),
  'users.list': method<UserEntry[]>()({
    input: empty,
    access: ['admin'],
    summary: 'All users, disabled ones too, with whether each is locked out and their version.',
  }),
  'users.create': method<UserInfo>()({
    writes: true,
    input: z.object({ name: userName, role: roleSchema, pin: pinSchema }),
    access: ['admin'],
    summary: "Adds a user. The PIN has the site's PIN length.",
  }),
  'users.update': method<UserEntry>()({
    writes: true,
    input: updateUserInput,
    access: ['admin'],
    summary: "Changes a user's name and role. A role change ends their sessions; the last active admin stays an admin.",
  }),
  'users.disable': method<UserEntry>()({
    writes: true,
    input: z.object({ userId, version }),
    access: ['admin'],
    summary: 'Stops a user from signing in and ends their sessions. The last active admin cannot be disabled.',
  }),
  'users.enable': method<UserEntry>()({
    writes: true,
    input: z.object({ userId, version }),
    access: ['admin'],
    summary: 'Lets a disabled user sign in again.',
  }),
  'users.resetPin': method<UserEntry>()({
    writes: true,
    input: resetPinInput,
    access: ['admin'],
    summary: "Gives a user a new PIN of the site's length, ends their lockout and wrong PINs, and ends their sessions.",
  }),
  'users.unlock': method<null>()({
    writes: true,
    input: z.object({ userId }),
    access: ['admin'],
    summary: 'Lets a user locked out by wrong PINs sign in again.',
  }),
} as const;

type UsersMethods = typeof usersMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends UsersMethods {}
}
