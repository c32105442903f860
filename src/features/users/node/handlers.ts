import { userOf, type HandlersFor } from '../../../base/node/handlers.ts';
import type { usersMethods } from '../common/contract.ts';
import { disableUser, enableUser, resetPin, updateUser } from './manage.ts';
import { presentOthers } from './presence.ts';
import { signIn, unlockUser } from './sign-in.ts';
import { createUser, signOut, userEntries } from './users.ts';

export const usersHandlers: HandlersFor<typeof usersMethods> = {
  'session.signIn': (ctx, input) => signIn(ctx, input),
  'session.signOut': (ctx) => signOut(ctx),
  'session.me': async (ctx) => userOf(ctx),
  'session.presence': (ctx) => presentOthers(ctx),
  'users.list': (ctx) => userEntries(ctx.db),
  'users.create': (ctx, input) => createUser(ctx.db, ctx.now, input),
  'users.update': (ctx, input) => updateUser(ctx, input),
  'users.disable': (ctx, input) => disableUser(ctx, input),
  'users.enable': (ctx, input) => enableUser(ctx, input),
  'users.resetPin': (ctx, input) => resetPin(ctx, input),
  'users.unlock': (ctx, input) => unlockUser(ctx, input),
};
