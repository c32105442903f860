import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract.ts';
import { createCase, getCase, listCases, transition } from '../services/cases.ts';
import { dashboardCounts } from '../services/dashboard.ts';
import { readSite, requireSite, writeSetting } from '../services/settings.ts';
import { createSite, loadDemo, setupState } from '../services/setup.ts';
import { createUser, listUsers, signIn } from '../services/users.ts';
import { benchHandlers } from './bench-handlers.ts';
import { receivingHandlers } from './receiving-handlers.ts';
import { shippingHandlers } from './shipping-handlers.ts';
import { syncHandlers } from './sync-handlers.ts';
import { signedIn, type CallContext } from './types.ts';

type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

/** The one handler map; its keys are exactly the contract's methods. */
export const handlers: Handlers = {
  ...receivingHandlers,
  ...benchHandlers,
  ...syncHandlers,
  ...shippingHandlers,
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
  'dashboard.counts': (_input, { core }) => dashboardCounts(core),
  'settings.get': (_input, { core }) => requireSite(core.db),
  'settings.update': async (input, { core }) => {
    await requireSite(core.db);
    await writeSetting(core.db, 'site', input);
    return (await readSite(core.db))!;
  },
  'users.list': (_input, { core }) => listUsers(core.db),
  'users.create': (input, { core }) => createUser(core.db, core.now(), input),
  'products.list': async (_input, { core }) => {
    const rows = await core.db.selectFrom('products').selectAll().orderBy('model').execute();
    return rows.map((p) => ({
      model: p.model,
      name: p.name,
      productLine: p.product_line,
      warrantyMonths: p.warranty_months,
      accessories: JSON.parse(p.accessories) as string[],
    }));
  },
};
