import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { usersMethods } from '../common/contract.ts';
import { createUser, listUsers, signIn } from './users.ts';

export const usersHandlers: HandlersFor<typeof usersMethods> = {
  'session.signIn': (input, { core }) => signIn(core, input.userId, input.pin),
  'session.signOut': async (_input, { core, session }) => {
    if (session) core.sessions.close(session);
    return null;
  },
  'session.me': async (_input, context) => context.user!,
  'users.list': (_input, { core }) => listUsers(core.db),
  'users.create': (input, { core }) => createUser(core.db, core.now(), input),
};
