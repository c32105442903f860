import { userOf, type HandlersFor } from '../../../base/node/handlers.ts';
import type { usersMethods } from '../common/contract.ts';
import { createUser, listUsers, signIn, signOut } from './users.ts';

export const usersHandlers: HandlersFor<typeof usersMethods> = {
  'session.signIn': (ctx, input) => signIn(ctx, input),
  'session.signOut': (ctx) => signOut(ctx),
  'session.me': async (ctx) => userOf(ctx),
  'users.list': (ctx) => listUsers(ctx.db),
  'users.create': (ctx, input) => createUser(ctx.db, ctx.now, input),
};
