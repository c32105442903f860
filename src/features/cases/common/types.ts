import type { Address } from '../../../base/common/schemas.ts';
import type { Resolution, Status } from './status.ts';
import type { NotePart } from '../../../base/common/messages.ts';

export interface CaseSummary {
  id: number;
  rma: string;
  status: Status;
  customerName: string;
  model: string | null;
  serial: string;
  createdAt: string;
  statusChangedAt: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  userName: string | null;
  actor: string;
  from: Status | null;
  to: Status;
  /** The note in English, for integrators. */
  note: string | null;
  /** The same note as the messages and typed words it is made of, for people to read in their language. */
  noteParts: NotePart[] | null;
}

export interface CaseDetail extends CaseSummary {
  version: number;
  customer: { id: number; name: string; email: string | null; phone: string | null; locale: string | null };
  product: { model: string; productLine: string; name: string; warrantyMonths: number } | null;
  purchaseDate: string | null;
  problemCategory: string | null;
  problemDescription: string;
  inbound: { carrier: string | null; tracking: string | null };
  outbound: { carrier: string | null; tracking: string | null };
  returnAddress: Address | null;
  source: 'portal' | 'desk';
  resolution: Resolution | null;
  assignedTo: string | null;
  receivedAt: string | null;
  updatedAt: string;
  history: HistoryEntry[];
  /** Statuses the signed-in user may move this case to. */
  nextStatuses: Status[];
}

export interface CaseList {
  rows: CaseSummary[];
  /** True when more rows match than were returned. */
  more: boolean;
}

export interface DashboardCounts {
  open: { status: Status; count: number; oldest: string | null }[];
  overdue: number;
}

/** What changed a case: it was made, its status moved, something else on it changed, or its unit moved to another location. */
export type CaseChangeKind = 'created' | 'status' | 'updated' | 'moved';

/**
 * One committed change to a case, as every station hears it: no more than which case, the
 * version it reached, who made it (null: the portal or Depot itself) and what kind of change.
 */
export interface CaseChange {
  rma: string;
  version: number;
  by: string | null;
  kind: CaseChangeKind;
}
