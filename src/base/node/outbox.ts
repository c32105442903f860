import crypto from 'node:crypto';
import type { Tx } from './core.ts';

/**
 * The transactional outbox: a change and the portal request that tells of it commit together.
 * The idempotency key is fixed here, at insert time, and reused on every retry.
 */
export interface OutboxRequest {
  caseId: number;
  rma: string;
  kind: 'case' | 'status' | 'estimate' | 'message';
  method: 'PUT' | 'POST';
  path: string;
  body: unknown;
  seq?: number | null;
}

export async function enqueue(trx: Tx, now: Date, request: OutboxRequest): Promise<void> {
  await trx
    .insertInto('portal_outbox')
    .values({
      case_id: request.caseId,
      rma: request.rma,
      kind: request.kind,
      seq: request.seq ?? null,
      idempotency_key: crypto.randomUUID(),
      method: request.method,
      path: request.path,
      body: JSON.stringify(request.body),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
}

/** A status update: `seq` rises by one per update of that RMA (src/features/portal-sync/portal-api.md). */
export async function enqueueStatus(
  trx: Tx,
  now: Date,
  target: { caseId: number; rma: string; seq: number },
  status: string,
  note: string | null,
  details: Record<string, unknown> | undefined,
): Promise<void> {
  const body: Record<string, unknown> = { seq: target.seq, status, at: now.toISOString() };
  if (note) body.note = note;
  if (details && Object.keys(details).length > 0) body.details = details;
  await enqueue(trx, now, {
    caseId: target.caseId,
    rma: target.rma,
    kind: 'status',
    method: 'PUT',
    path: `/rmas/${encodeURIComponent(target.rma)}/status`,
    body,
    seq: target.seq,
  });
}

/** Drops a status update of a case that was not sent yet (the change it told of was undone). */
export async function withdrawPendingStatus(trx: Tx, caseId: number, seq: number): Promise<void> {
  await trx
    .deleteFrom('portal_outbox')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'status')
    .where('seq', '=', seq)
    .where('state', '=', 'pending')
    .execute();
}
