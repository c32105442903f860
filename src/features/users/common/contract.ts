import { z } from 'zod';
import { roleSchema, type UserInfo } from '../../../base/common/identity.ts';
import { nameSchema, pinSchema } from '../../../base/common/schemas.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { usersMessages } from './messages.ts';
import type { SessionInfo, UserEntry } from './types.ts';

const chooseUser = zodMessage(usersMessages.chooseUser());
/** A user's id, as the database can hold it. */
const userId = z.number({ error: chooseUser }).int(chooseUser).positive(chooseUser).max(2_147_483_647, chooseUser);

export const usersMethods = {
  'session.signIn': method<SessionInfo>()({
    // a refused attempt is recorded (it counts towards the wait and the lockout) though the answer is a refusal
    writes: 'own',
    input: z.object({ userId, pin: pinSchema }),
    access: 'public',
    summary: 'Signs a user in with their PIN. Wrong PINs make the next try wait, and 10 in a row lock the user until an admin unlocks.',
  }),
  'session.signOut': method<null>()({ input: empty, access: 'signed-in', summary: 'Ends the session.' }),
  'session.me': method<UserInfo>()({ input: empty, access: 'signed-in', summary: 'The signed-in user.' }),
  'users.list': method<UserEntry[]>()({ input: empty, access: ['admin'], summary: 'All users, and whether each is locked out.' }),
  'users.create': method<UserInfo>()({
    writes: true,
    input: z.object({ name: nameSchema(100, 'name'), role: roleSchema, pin: pinSchema }),
    access: ['admin'],
    summary: 'Adds a user.',
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
