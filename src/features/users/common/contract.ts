import { z } from 'zod';
import { roleSchema, type UserInfo } from '../../../base/common/identity.ts';
import { nameSchema, pinSchema } from '../../../base/common/schemas.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { usersMessages } from './messages.ts';
import type { SessionInfo } from './types.ts';

export const usersMethods = {
  'session.signIn': method<SessionInfo>()({
    input: z.object({ userId: z.number().int().positive(zodMessage(usersMessages.chooseUser())), pin: pinSchema }),
    access: 'public',
    summary: 'Signs a user in with their PIN.',
  }),
  'session.signOut': method<null>()({ input: empty, access: 'signed-in', summary: 'Ends the session.' }),
  'session.me': method<UserInfo>()({ input: empty, access: 'signed-in', summary: 'The signed-in user.' }),
  'users.list': method<UserInfo[]>()({ input: empty, access: ['admin'], summary: 'All users.' }),
  'users.create': method<UserInfo>()({
    writes: true,
    input: z.object({ name: nameSchema(100, 'name'), role: roleSchema, pin: pinSchema }),
    access: ['admin'],
    summary: 'Adds a user.',
  }),
} as const;

type UsersMethods = typeof usersMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends UsersMethods {}
}
