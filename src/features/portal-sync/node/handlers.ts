import type { syncMethods } from '../common/contract.ts';
import { listFlags, resolveFlag } from './flags.ts';
import {
  caseSync,
  configureSync,
  dismissParked,
  listParked,
  portalSyncOf,
  syncSettings,
  syncStatus,
  testConnection,
} from './service.ts';
import { pauseSync, resumeSync } from './state.ts';
import { discard, listDeadLetters, requeue } from './worker.ts';
import type { HandlersFor } from '../../../base/node/handlers.ts';
import { findCaseRow } from '../../cases/node/index.ts';

export const syncHandlers: HandlersFor<typeof syncMethods> = {
  'sync.status': (_input, { core }) => syncStatus(core),
  'sync.case': (input, { core }) => caseSync(core, input.rma),
  'sync.settings': (_input, { core }) => syncSettings(core),
  'sync.configure': (input, { core }) => configureSync(core, input),
  'sync.test': (input, { core }) => testConnection(core, input),
  'sync.pause': async (input, { core, user }) => {
    await pauseSync(core.db, core.now(), input.reason ?? `Paused by ${user!.name}`);
    return syncStatus(core);
  },
  'sync.resume': async (_input, { core }) => {
    await resumeSync(core);
    portalSyncOf(core)?.wake();
    return syncStatus(core);
  },
  'sync.deadLetters': async (_input, { core }) =>
    (await listDeadLetters(core)).map((d) => ({
      id: d.id,
      rma: d.rma,
      kind: d.kind,
      seq: d.seq,
      path: d.path,
      body: JSON.stringify(d.body),
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt,
      heldBehind: d.heldBehind,
    })),
  'sync.requeue': async (input, { core }) => {
    await requeue(core, input.id);
    portalSyncOf(core)?.wake();
    return null;
  },
  'sync.discard': async (input, { core }) => {
    await discard(core, input.id);
    portalSyncOf(core)?.wake();
    return null;
  },
  'sync.parked': (_input, { core }) => listParked(core),
  'sync.dismissParked': async (input, { core }) => {
    await dismissParked(core, input.id);
    return null;
  },
  'sync.flags': async (input, { core }) => {
    let caseId: number | undefined;
    if (input.rma) {
      const c = await findCaseRow(core.db, input.rma);
      if (!c) return [];
      caseId = c.id;
    }
    return (await listFlags(core, { caseId })).map((f) => ({ id: f.id, rma: f.rma, kind: f.kind, message: f.message, createdAt: f.createdAt }));
  },
  'sync.resolveFlag': async (input, { core, user }) => {
    await resolveFlag(core, input.id, user!.id);
    return null;
  },
};
