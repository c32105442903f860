import type { Generated, Kysely, Transaction } from 'kysely';
import type { Core } from '../context.ts';
import type { Database } from '../db/schema.ts';

/** Tables of migration 0002 (portal sync), until they join `Database` in db/schema.ts. */
export interface PortalTables {
  portal_sync_state: {
    id: number;
    cursor: string | null;
    paused: number;
    pause_reason: string | null;
    paused_at: string | null;
    last_push_at: string | null;
    last_pull_at: string | null;
  };
  portal_lease: { name: string; owner: string; expires_at: string };
  portal_applied_events: { event_id: string; seq: number; type: string; rma: string; applied_at: string };
  portal_parked_events: {
    id: Generated<number>;
    event_id: string;
    seq: number;
    type: string;
    rma: string;
    payload: string;
    reason: string;
    created_at: string;
    resolved_at: string | null;
  };
  case_flags: {
    id: Generated<number>;
    case_id: number;
    kind: string;
    message: string;
    created_at: string;
    resolved_at: string | null;
    resolved_by: number | null;
  };
  portal_attachment_links: {
    id: Generated<number>;
    case_id: number;
    url: string;
    name: string;
    content_type: string | null;
    created_at: string;
  };
  portal_estimate_decisions: {
    id: Generated<number>;
    case_id: number;
    estimate_version: number;
    decision: string;
    decided_at: string;
    note: string | null;
    event_id: string;
    created_at: string;
  };
  portal_payments: {
    id: Generated<number>;
    case_id: number;
    estimate_version: number;
    amount: number;
    currency: string;
    reference: string;
    paid_at: string;
    event_id: string;
    created_at: string;
  };
  case_messages: {
    id: Generated<number>;
    case_id: number;
    direction: string;
    body: string;
    at: string;
    user_id: number | null;
    event_id: string | null;
    created_at: string;
  };
}

export type SyncDatabase = Database & PortalTables;
export type SyncDb = Kysely<SyncDatabase>;
export type SyncTx = Transaction<SyncDatabase>;

/** The same connection, seen with the portal sync tables. */
export const syncDb = (core: Core): SyncDb => core.db as unknown as SyncDb;
