import { signedIn, type HandlersFor } from '../../../base/node/handlers.ts';
import type { casesMethods } from '../common/contract.ts';
import { createCase, getCase, listCases, transition } from './cases.ts';
import { dashboardCounts } from './dashboard.ts';

export const casesHandlers: HandlersFor<typeof casesMethods> = {
  'cases.list': (input, { core }) => listCases(core, input),
  'cases.get': (input, context) => getCase(context.core, signedIn(context), input.rma),
  'cases.create': (input, context) => createCase(context.core, signedIn(context), input),
  'cases.transition': (input, context) => transition(context.core, signedIn(context), input),
  'dashboard.counts': (_input, { core }) => dashboardCounts(core),
};
