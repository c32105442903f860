import type { benchMethods } from '../common/contract.ts';
import { advance, logWork } from './repair.ts';
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
import { signedIn, type HandlersFor } from '../../../base/node/handlers.ts';

export const benchHandlers: HandlersFor<typeof benchMethods> = {
  'bench.queue': (input, context) => benchQueue(context.core, signedIn(context), input),
  'bench.take': (input, context) => takeCase(context.core, signedIn(context), input),
  'bench.release': (input, context) => releaseCase(context.core, signedIn(context), input),
  'bench.get': (input, { core }) => getBenchCase(core, input.rma),
  'bench.diagnose': (input, context) => diagnose(context.core, signedIn(context), input),
  'bench.issueEstimate': async (input, context) => {
    await issueEstimate(context.core, signedIn(context), input);
    return getBenchCase(context.core, input.rma);
  },
  'bench.recordDecision': async (input, context) => {
    await recordDecision(context.core, signedIn(context), input);
    return getBenchCase(context.core, input.rma);
  },
  'bench.recordPayment': async (input, context) => {
    await recordPayment(context.core, signedIn(context), input);
    return getBenchCase(context.core, input.rma);
  },
  'bench.logWork': (input, context) => logWork(context.core, signedIn(context), input),
  'bench.advance': (input, context) => advance(context.core, signedIn(context), input),
  'bench.settings': (_input, { core }) => benchSettingsView(core.db),
  'bench.updateSettings': (input, { core }) => updateBenchSettings(core, input),
  'parts.list': (input, { core }) => listParts(core.db, input.query),
  'parts.save': (input, context) => savePart(context.core, signedIn(context), input),
  'parts.import': (input, context) => importParts(context.core, signedIn(context), input.csv),
  'parts.export': async (_input, { core }) => ({ csv: await exportParts(core) }),
};
