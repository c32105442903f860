/** The case status machine of DESIGN.md §2: which moves exist, who may make them, what each needs. */
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

export const roles = ['warehouse', 'technician', 'clerk', 'admin'] as const;
export type Role = (typeof roles)[number];
/** Who acts: a signed-in person's role, or the portal sync acting for the customer. */
export type Actor = Role | 'system';

export const resolutions = ['repaired', 'replaced', 'returned_unrepaired', 'no_fault_found', 'refunded'] as const;
export type Resolution = (typeof resolutions)[number];

/** What a transition needs besides the move itself. */
export type Requirement = 'note' | 'serial' | 'tracking' | 'resolution';

export interface Transition {
  from: Status;
  to: Status;
  by: readonly Actor[];
  requires: readonly Requirement[];
}

/** Statuses in which a case is still being worked on (the dashboard's and cancel's scope). */
export const openStatuses: readonly Status[] = statuses.filter(
  (s) => s !== 'rejected' && s !== 'shipped' && s !== 'closed' && s !== 'cancelled',
);

/** Statuses in which the turnaround clock is paused: the case waits on the customer or on parts. */
export const pausedStatuses: readonly Status[] = ['requested', 'authorized', 'in_transit', 'awaiting_customer', 'waiting_parts'];

const t = (from: Status, to: Status, by: readonly Actor[], requires: readonly Requirement[] = []): Transition => ({
  from,
  to,
  by,
  requires,
});

const desk = ['clerk', 'admin'] as const;
const bench = ['technician', 'admin'] as const;
const dock = ['warehouse', 'admin'] as const;

export const transitions: readonly Transition[] = [
  t('requested', 'authorized', [...desk, 'system']),
  t('requested', 'rejected', desk, ['note']),
  t('authorized', 'in_transit', [...desk, 'system'], ['tracking']),
  t('authorized', 'received', dock, ['serial']),
  t('in_transit', 'received', dock, ['serial']),
  t('received', 'diagnosing', bench),
  t('diagnosing', 'repairing', bench),
  t('diagnosing', 'awaiting_customer', [...bench, 'clerk']),
  t('diagnosing', 'ready_to_ship', bench, ['resolution']),
  t('awaiting_customer', 'repairing', [...bench, 'clerk', 'system']),
  t('awaiting_customer', 'return_unrepaired', [...bench, 'clerk', 'system'], ['note']),
  t('repairing', 'waiting_parts', bench),
  t('waiting_parts', 'repairing', bench),
  t('repairing', 'qa', bench),
  t('qa', 'repairing', bench, ['note']),
  t('qa', 'ready_to_ship', bench, ['resolution']),
  t('return_unrepaired', 'ready_to_ship', [...desk, 'technician']),
  t('ready_to_ship', 'shipped', desk, ['tracking']),
  t('shipped', 'closed', [...desk, 'system']),
  ...openStatuses.map((from) => t(from, 'cancelled', [...desk, 'system'], ['note'])),
];

export function findTransition(from: Status, to: Status): Transition | undefined {
  return transitions.find((x) => x.from === from && x.to === to);
}

export function nextStatuses(from: Status, actor: Actor): Status[] {
  return transitions.filter((x) => x.from === from && x.by.includes(actor)).map((x) => x.to);
}

/** Portal status names (portal-api.md) for a depot status; null where the portal sees no change. */
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
