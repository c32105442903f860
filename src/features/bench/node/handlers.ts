import type { benchMethods } from '../common/contract.ts';
import { advance, chooseRemedy, logWork } from './repair.ts';
import { repairDelayWatch } from './delays.ts';
import {
  benchQueue,
  benchSettingsView,
  diagnose,
  getBenchCase,
  releaseCase,
  takeCase,
  updateBenchSettings,
} from './bench.ts';
import { issueEstimate, recordDecision, recordPayment } from './estimates.ts';
import { exportParts, importParts, listParts, savePart } from '../../parts/node/index.ts';
import type { HandlersFor } from '../../../base/node/handlers.ts';

export const benchHandlers: HandlersFor<typeof benchMethods> = {
  'bench.queue': (ctx, input) => benchQueue(ctx, input),
  'bench.take': (ctx, input) => takeCase(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.release': (ctx, input) => releaseCase(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.get': (ctx, input) => getBenchCase(ctx, input.rma),
  'bench.delayWatch': (ctx) => repairDelayWatch(ctx),
  'bench.diagnose': (ctx, input) => diagnose(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.issueEstimate': (ctx, input) => issueEstimate(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.recordDecision': (ctx, input) => recordDecision(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.recordPayment': (ctx, input) => recordPayment(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.logWork': (ctx, input) => logWork(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.advance': (ctx, input) => advance(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.chooseRemedy': (ctx, input) => chooseRemedy(ctx, input).then(() => getBenchCase(ctx, input.rma)),
  'bench.settings': (ctx) => benchSettingsView(ctx.db),
  'bench.updateSettings': (ctx, input) => updateBenchSettings(ctx, input),
  'parts.list': (ctx, input) => listParts(ctx.db, input.query),
  'parts.save': (ctx, input) => savePart(ctx, input),
  'parts.import': (ctx, input) => importParts(ctx, input.csv),
  'parts.export': async (ctx) => ({ csv: await exportParts(ctx) }),
};
