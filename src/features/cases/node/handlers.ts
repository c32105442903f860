import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { casesMethods } from '../common/contract.ts';
import { createCase, getCase, listCases, transition } from './cases.ts';
import { dashboardCounts } from './dashboard.ts';

export const casesHandlers: HandlersFor<typeof casesMethods> = {
  'cases.list': (ctx, input) => listCases(ctx, input),
  'cases.get': (ctx, input) => getCase(ctx, input.rma),
  'cases.create': (ctx, input) => createCase(ctx, input),
  'cases.transition': (ctx, input) => transition(ctx, input),
  'dashboard.counts': (ctx) => dashboardCounts(ctx),
};
