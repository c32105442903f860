import { z } from 'zod';
import type { Actor } from '../../../base/common/identity.ts';

/** The case status machine of src/README.md §2: which moves exist, who may make them, what each needs. */
export const statuses = [
  'requested',
  'authorized',
  'rejected',
  'in_transit',
  'received',
  'diagnosing',
  'awaiting_customer',
  'repairing',
  'waiting_parts',
  'qa',
  'ready_to_ship',
  'return_unrepaired',
  'shipped',
  'closed',
  'cancelled',
] as const;
export type Status = (typeof statuses)[number];

export const resolutions = ['repaired', 'replaced', 'returned_unrepaired', 'no_fault_found', 'refunded'] as const;
export type Resolution = (typeof resolutions)[number];
export const statusSchema = z.enum(statuses);
export const resolutionSchema = z.enum(resolutions);

/** What a transition needs besides the move itself. */
export type Requirement = 'note' | 'serial' | 'tracking' | 'resolution';

/** The screen whose workflow makes a move, checking what the move alone cannot (intake, payment, QA, shipment). */
export type Workflow = 'receiving' | 'bench' | 'shipping';

export interface Transition {
  from: Status;
  to: Status;
  by: readonly Actor[];
  requires: readonly Requirement[];
  /** Set when only that workflow may make the move; the plain status change refuses it. */
  via?: Workflow;
}

/** Statuses in which a case is still being worked on (the dashboard's and cancel's scope). */
export const openStatuses: readonly Status[] = statuses.filter(
  (s) => s !== 'rejected' && s !== 'shipped' && s !== 'closed' && s !== 'cancelled',
);

/** Statuses in which the turnaround clock is paused: the case waits on the customer or on parts. */
export const pausedStatuses: readonly Status[] = ['requested', 'authorized', 'in_transit', 'awaiting_customer', 'waiting_parts'];

/** The receiving workflow: cases a parcel may be received for. */
export const receivingStatuses: readonly Status[] = ['authorized', 'in_transit'];

/** The bench workflow: cases at the bench, from receipt to the end of QA. */
export const benchStatuses: readonly Status[] = ['received', 'diagnosing', 'awaiting_customer', 'repairing', 'waiting_parts', 'qa'];

/** The shipping workflow: cases waiting to go back to the customer. */
export const shippingStatuses: readonly Status[] = ['ready_to_ship', 'return_unrepaired'];

const t = (
  from: Status,
  to: Status,
  by: readonly Actor[],
  requires: readonly Requirement[] = [],
  via?: Workflow,
): Transition => (via ? { from, to, by, requires, via } : { from, to, by, requires });

const desk = ['clerk', 'admin'] as const;
const bench = ['technician', 'admin'] as const;
const dock = ['warehouse', 'admin'] as const;

export const transitions: readonly Transition[] = [
  t('requested', 'authorized', [...desk, 'system']),
  t('requested', 'rejected', desk, ['note']),
  t('authorized', 'in_transit', [...desk, 'system'], ['tracking']),
  t('authorized', 'received', dock, ['serial'], 'receiving'),
  t('in_transit', 'received', dock, ['serial'], 'receiving'),
  // Undoing a wrong receipt: back to where the case was, with the reason (receiving's undo checks who and when).
  t('received', 'authorized', dock, ['note'], 'receiving'),
  t('received', 'in_transit', dock, ['note'], 'receiving'),
  t('received', 'diagnosing', bench, [], 'bench'),
  t('diagnosing', 'repairing', bench, [], 'bench'),
  t('diagnosing', 'awaiting_customer', [...bench, 'clerk'], [], 'bench'),
  t('diagnosing', 'ready_to_ship', bench, ['resolution'], 'bench'),
  t('awaiting_customer', 'repairing', [...bench, 'clerk', 'system'], [], 'bench'),
  t('awaiting_customer', 'return_unrepaired', [...bench, 'clerk', 'system'], ['note'], 'bench'),
  t('repairing', 'waiting_parts', bench, [], 'bench'),
  t('waiting_parts', 'repairing', bench, [], 'bench'),
  t('repairing', 'qa', bench, [], 'bench'),
  t('qa', 'repairing', bench, ['note'], 'bench'),
  t('qa', 'ready_to_ship', bench, ['resolution'], 'bench'),
  t('return_unrepaired', 'ready_to_ship', [...desk, 'technician'], [], 'shipping'),
  t('ready_to_ship', 'shipped', desk, ['tracking'], 'shipping'),
  t('shipped', 'closed', [...desk, 'system'], [], 'shipping'),
  // A refund the customer chose under the region's consumer rules: the unit stays, the case is done.
  ...(['diagnosing', 'awaiting_customer', 'repairing', 'waiting_parts', 'qa'] as const).map((from) =>
    t(from, 'closed', [...bench, 'clerk'], ['resolution'], 'bench'),
  ),
  ...openStatuses.map((from) => t(from, 'cancelled', [...desk, 'system'], ['note'])),
];

export function findTransition(from: Status, to: Status): Transition | undefined {
  return transitions.find((x) => x.from === from && x.to === to);
}

/** Where an actor may move a case with a plain status change (workflow moves are made on their screens). */
export function nextStatuses(from: Status, actor: Actor): Status[] {
  return transitions.filter((x) => x.from === from && x.by.includes(actor) && !x.via).map((x) => x.to);
}

/**
 * Portal status names (src/features/portal-sync/portal-api.md) for a depot status; null where the
 * portal sees no change.
 */
export function portalStatusFor(status: Status, resolution?: Resolution | null): string | null {
  switch (status) {
    case 'authorized':
    case 'rejected':
    case 'received':
    case 'awaiting_customer':
    case 'waiting_parts':
    case 'cancelled':
      return status;
    case 'diagnosing':
      return 'in_diagnosis';
    case 'repairing':
      return 'in_repair';
    case 'shipped':
      return resolution === 'returned_unrepaired' ? 'returned_unrepaired' : 'shipped';
    case 'closed':
      return 'completed';
    default:
      return null;
  }
}
