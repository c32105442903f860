import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract.ts';
import type { UserInfo } from '../../shared/domain.ts';
import type { Core } from '../context.ts';
import { createCase, getCase, listCases, transition } from '../services/cases.ts';
import { dashboardCounts } from '../services/dashboard.ts';
import { addPhoto, listPhotos, photoData } from '../services/photos.ts';
import { createUnmatchedParcel, linkParcel, listUnmatchedParcels, receive, scan, undoReceive } from '../services/receiving.ts';
import { readSite, requireSite, writeSetting } from '../services/settings.ts';
import { createSite, loadDemo, setupState } from '../services/setup.ts';
import { createUser, listUsers, signIn } from '../services/users.ts';

export interface CallContext {
  core: Core;
  /** Null only for public methods. */
  user: UserInfo | null;
  session: string | null;
}

type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

const signedIn = (context: CallContext) => ({ kind: 'user' as const, user: context.user! });

/** The one handler map; its keys are exactly the contract's methods. */
export const handlers: Handlers = {
  'setup.state': (_input, { core }) => setupState(core),
  'setup.createSite': (input, { core }) => createSite(core, input),
  'setup.loadDemo': (_input, { core }) => loadDemo(core),
  'session.signIn': (input, { core }) => signIn(core, input.userId, input.pin),
  'session.signOut': async (_input, { core, session }) => {
    if (session) core.sessions.close(session);
    return null;
  },
  'session.me': async (_input, context) => context.user!,
  'cases.list': (input, { core }) => listCases(core, input),
  'cases.get': (input, context) => getCase(context.core, signedIn(context), input.rma),
  'cases.create': (input, context) => createCase(context.core, signedIn(context), input),
  'cases.transition': (input, context) => transition(context.core, signedIn(context), input),
  'receiving.scan': (input, { core }) => scan(core, input.code),
  'receiving.receive': (input, context) => receive(context.core, signedIn(context), input),
  'receiving.undo': async (input, context) => {
    await undoReceive(context.core, signedIn(context), input);
    return null;
  },
  'parcels.createUnmatched': (input, context) => createUnmatchedParcel(context.core, signedIn(context), input),
  'parcels.listUnmatched': (_input, { core }) => listUnmatchedParcels(core),
  'parcels.link': (input, context) => linkParcel(context.core, signedIn(context), input),
  'photos.add': (input, context) => addPhoto(context.core, signedIn(context), input),
  'photos.list': (input, { core }) => listPhotos(core, input.rma),
  'photos.get': (input, { core }) => photoData(core, input.id),
  'dashboard.counts': (_input, { core }) => dashboardCounts(core),
  'settings.get': (_input, { core }) => requireSite(core.db),
  'settings.update': async (input, { core }) => {
    await requireSite(core.db);
    await writeSetting(core.db, 'site', input);
    return (await readSite(core.db))!;
  },
  'users.list': (_input, { core }) => listUsers(core.db),
  'users.create': (input, { core }) => createUser(core.db, core.now(), input),
};
