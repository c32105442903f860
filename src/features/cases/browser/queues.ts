import { benchStatuses, receivingStatuses, shippingStatuses, type Status } from '../common/status.ts';
import type { Role } from '../../../base/common/identity.ts';

export type QueueName = 'receiving' | 'bench' | 'shipping';

/** Each role's work queue: the statuses its cases wait in. */
export const queues: Record<QueueName, { statuses: readonly Status[]; role: Role }> = {
  receiving: { statuses: receivingStatuses, role: 'warehouse' },
  bench: { statuses: benchStatuses, role: 'technician' },
  shipping: { statuses: shippingStatuses, role: 'clerk' },
};

export const queuesFor = (role: Role): QueueName[] =>
  (Object.keys(queues) as QueueName[]).filter((q) => role === 'admin' || queues[q].role === role);
