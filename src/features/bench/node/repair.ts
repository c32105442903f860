import type { z } from 'zod';
import type { advanceInput, chooseRemedyInput, logWorkInput } from '../common/bench.ts';
import { normalizeSerial } from '../../../base/common/schemas.ts';
import type { Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { benchMessages as m } from '../common/messages.ts';
import { benchStatuses, casesMessages, type Resolution, type Status } from '../../cases/common/index.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { getBenchCase } from './bench.ts';
import { completedRemedyOf } from './record.ts';
import { diagnosisRow } from './diagnosis.ts';
import { applyTransition, caseRow, requireStatus, requireVersion, touchCase, userIdOf } from '../../cases/node/index.ts';
import { closeEstimate, currentEstimate, estimateViews, repairGate, settleAcceptance } from './estimates.ts';
import { takeParts } from '../../parts/node/index.ts';
import { takeStockUnit } from '../../stock/node/index.ts';
import { requireSite, siteToday } from '../../settings/node/index.ts';

/** Repair and QA: work done with parts and time, waiting for parts, QA pass or fail, and the ways off the bench. */

export async function logWork(ctx: ServiceContext, input: z.output<typeof logWorkInput>): Promise<void> {
  const { caller } = ctx;
  const at = ctx.now.toISOString();
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireStatus(row, ['repairing'], m.doingWork());
  await touchCase(trx, at, input);
  // A replacement is a unit taken from stock by its serial; the case keeps the faulty unit's serial.
  const replacement = input.replacementSerial
    ? await takeStockUnit(trx, at, caller, { serial: input.replacementSerial, caseId: row.id, rma: row.rma, field: 'replacementSerial' })
    : null;
  const work = await trx
    .insertInto('bench_work')
    .values({
      case_id: row.id,
      kind: replacement ? 'replacement' : 'work',
      work_done: input.workDone,
      minutes: input.minutes,
      new_serial: replacement,
      new_serial_norm: replacement ? normalizeSerial(replacement) : null,
      user_id: userIdOf(caller),
      at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await takeParts(trx, at, caller, { caseId: row.id, workId: Number(work.id) }, input.parts, input.stockReason);
}

const moves: Record<z.output<typeof advanceInput>['action'], { from: readonly Status[]; to: Status; doing: () => Said }> = {
  startRepair: { from: ['diagnosing', 'awaiting_customer'], to: 'repairing', doing: m.doingStartRepair },
  waitParts: { from: ['repairing'], to: 'waiting_parts', doing: m.doingWaitParts },
  resumeRepair: { from: ['waiting_parts'], to: 'repairing', doing: m.doingResumeRepair },
  toQa: { from: ['repairing'], to: 'qa', doing: m.doingToQa },
  qaPass: { from: ['qa'], to: 'ready_to_ship', doing: m.doingQaPass },
  qaFail: { from: ['qa'], to: 'repairing', doing: m.doingQaFail },
  noFault: { from: ['diagnosing'], to: 'ready_to_ship', doing: m.doingNoFault },
  returnUnrepaired: { from: ['awaiting_customer'], to: 'return_unrepaired', doing: m.doingReturnUnrepaired },
};

/** One step along the bench, each with the checks the status machine alone cannot make. */
export async function advance(ctx: ServiceContext, input: z.output<typeof advanceInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const at = now.toISOString();
  const move = moves[input.action];
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireStatus(row, move.from, move.doing());
  requireVersion(row, input.version);
  const { currency } = await requireSite(trx);
  const today = await siteToday(trx, now);
  let note = input.note;
  // What Depot says of the step, before the technician's own note.
  const said: Said[] = [];
  let resolution: Resolution | undefined;
  switch (input.action) {
    case 'startRepair': {
      const diagnosis = await diagnosisRow(trx, row.id);
      const estimates = await estimateViews(trx, row.id, today);
      const gate = repairGate(
        row.status,
        diagnosis ? { covered: diagnosis.warranty_covered === 1, symptomConfirmed: diagnosis.symptom_confirmed === 1 } : null,
        estimates,
        currency,
      );
      if (!gate.allowed) throw new DepotError('invalid', gate.reason!);
      const accepted = currentEstimate(estimates);
      if (row.status === 'awaiting_customer' && accepted) {
        await settleAcceptance(trx, row.id, accepted);
        said.push(m.acceptedAndPaid({ version: accepted.version }));
      }
      break;
    }
    case 'toQa': {
      const work = await trx.selectFrom('bench_work').select('id').where('case_id', '=', row.id).executeTakeFirst();
      if (!work) throw new DepotError('invalid', m.workBeforeQa());
      break;
    }
    case 'qaPass': {
      const replacement = await trx
        .selectFrom('bench_work')
        .select('new_serial')
        .where('case_id', '=', row.id)
        .where('kind', '=', 'replacement')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      resolution = input.resolution ?? (replacement ? 'replaced' : 'repaired');
      if (resolution === 'replaced' && !replacement) {
        throw fieldError('resolution', m.replacementFirst());
      }
      said.push(m.qaPassed());
      if (replacement && resolution === 'replaced') said.push(m.replacementSerial({ serial: replacement.new_serial! }));
      break;
    }
    case 'qaFail':
      if (!note) throw fieldError('note', m.sayWhatFailed());
      said.push(m.qaFailed({ note }));
      note = null;
      break;
    case 'noFault': {
      const diagnosis = await diagnosisRow(trx, row.id);
      if (!diagnosis || diagnosis.symptom_confirmed === 1) {
        throw new DepotError('invalid', m.noFaultDiagnosisFirst());
      }
      resolution = 'no_fault_found';
      break;
    }
    case 'returnUnrepaired': {
      const current = currentEstimate(await estimateViews(trx, row.id, today));
      const declined = current?.state === 'declined';
      if (!current || (!declined && !current.expired)) {
        throw new DepotError(
          'invalid',
          current ? m.estimateStillOpen({ version: current.version, date: current.validUntil }) : m.gateNoEstimate(),
        );
      }
      if (!note) throw fieldError('note', casesMessages.giveReason());
      await closeEstimate(trx, row.id, current, declined ? 'declined' : 'expired', at);
      resolution = 'returned_unrepaired';
      break;
    }
    default:
      break;
  }
  await applyTransition(trx, now, caller, {
    rma: row.rma,
    version: row.version,
    to: move.to,
    note,
    said,
    carrier: null,
    ...(resolution ? { resolution } : {}),
  });
}

/** Where the customer's choice of remedy can be recorded: from the diagnosis until the unit leaves the bench. */
const choosing = benchStatuses.filter((s) => s !== 'received');

/**
 * Records the remedy the customer chose among those offered today. A refund closes the case as
 * refunded (an estimate still open is declined); an exchange or a repair goes on at the bench.
 */
export async function chooseRemedy(ctx: ServiceContext, input: z.output<typeof chooseRemedyInput>): Promise<void> {
  const at = ctx.now.toISOString();
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireStatus(row, choosing, m.doingRemedy());
  requireVersion(row, input.version);
  const bench = await getBenchCase(ctx, input.rma);
  if (!bench.remedies) throw new DepotError('invalid', m.remedyNotDecided());
  if (!bench.remedies.remedies.includes(input.remedy)) throw fieldError('remedy', m.remedyNotOffered());
  await trx
    .updateTable('diagnoses')
    .set({ remedy_chosen: input.remedy, remedy_chosen_at: at, remedy_chosen_by: userIdOf(ctx.caller) })
    .where('case_id', '=', row.id)
    .execute();
  if (input.remedy !== 'refund') {
    await touchCase(trx, at, input);
    return;
  }
  const open = currentEstimate(bench.estimates);
  if (open?.state === 'issued') await closeEstimate(trx, row.id, open, 'declined', at);
  await applyTransition(
    trx,
    ctx.now,
    ctx.caller,
    { rma: row.rma, version: row.version, to: 'closed', note: input.note, said: [m.refunded()], carrier: null, resolution: 'refunded' },
    { portalDetails: await completedRemedyOf(trx, row.id) },
  );
}
