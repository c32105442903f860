import type { ColumnType, Generated } from 'kysely';

/** The open statuses of a case (features/cases), each a column of business time in report_case_clocks (migration 0021). */
type ClockStatus = 'requested' | 'authorized' | 'in_transit' | 'received' | 'diagnosing' | 'awaiting_customer' | 'repairing' | 'waiting_parts' | 'qa' | 'ready_to_ship' | 'return_unrepaired';

/** Tables of migration 0002: portal sync state, events applied and parked, flags, customer messages. */
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

/** Table types for kysely. Times are ISO-8601 UTC text, calendar dates 'YYYY-MM-DD', flags 0/1. */
export interface Database extends PortalTables {
  depot_migrations: { id: number; name: string; applied_at: string };
  site_settings: { key: string; value: string };
  users: {
    id: Generated<number>;
    name: string;
    role: string;
    pin_hash: string;
    active: ColumnType<number, number | undefined, number>;
    created_at: string;
    /** Rises with every change an admin makes (migration 0011). */
    version: ColumnType<number, number | undefined, number>;
  };
  /** Owned by reports (migration 0021): how far the report summaries have read the case history, and the calendar they counted in. */
  report_summary_state: {
    id: number;
    history_id: number;
    basis: string | null;
    rebuild_from: number | null;
  };
  /** Owned by reports (migration 0021): each case's turnaround clock, kept from its history. */
  report_case_clocks: {
    case_id: number;
    first_day: string;
    last_day: string;
    stopped_at: string | null;
    used_days_100: number | null;
  } & Record<`ms_${ClockStatus}`, ColumnType<number | string | null, number | null, number | null>>;
  /** Owned by reports (migration 0021): each case's moves into and out of QA, kept from its history. */
  report_qa_moves: {
    case_id: number;
    at: string;
    kind: 'sent' | 'passed' | 'failed' | 'left';
    user_id: number | null;
    ms: ColumnType<number | string | null, number | null, number | null>;
  };
  /** Owned by reports (migration 0021): the moves of case_history into shipped, kept from it. */
  report_shipments: {
    case_id: number;
    at: string;
  };
  /** Owned by reports (migration 0015): units of a model sold in a month, the failure rate's denominator. */
  units_sold: {
    product_id: number;
    /** A calendar month, YYYY-MM. */
    period: string;
    quantity: number;
    updated_at: string;
    updated_by: number;
  };
  /** Owned by base/node/audit.ts, written by the dispatcher (migration 0013); the reports' audit view reads it. */
  audit_log: {
    id: Generated<number>;
    at: string;
    user_id: number;
    station: string;
    method: string;
    /** cases, settings, users, exports, other (base/common/audit.ts). */
    kind: string;
    rma: string | null;
  };
  /** Owned by users: sign-in attempts, lockouts and unlocks (migration 0008), and admins' changes to users (0011). */
  sign_in_audit: {
    id: Generated<number>;
    at: string;
    /**
     * signed_in, wrong_pin, throttled (refused unchecked: too soon), locked (refused unchecked: locked), lockout, unlock;
     * user_updated, user_disabled, user_enabled, pin_reset (an admin's changes)
     */
    event: string;
    /** The user the attempt named, known or not. */
    user_id: number;
    station: string;
    /** The admin who unlocked or changed the user. */
    actor_id: number | null;
    /** For user_updated: what changed, as JSON `{ name?: [from, to], role?: [from, to] }`. */
    detail: string | null;
  };
  customers: {
    id: Generated<number>;
    name: string;
    email: string | null;
    phone: string | null;
    locale: string | null;
    created_at: string;
  };
  addresses: {
    id: Generated<number>;
    customer_id: number;
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postal_code: string;
    country: string;
    phone: string | null;
  };
  products: {
    id: Generated<number>;
    model: string;
    product_line: string;
    name: string;
    warranty_months: number;
    accessories: string;
    active: Generated<number>;
    version: Generated<number>;
    date_code_pattern: string | null;
    /** Who the depot sends the model's faulty units back to (migration 0017). */
    vendor: ColumnType<string | null, string | null | undefined, string | null>;
  };
  cases: {
    id: Generated<number>;
    rma: string;
    status: string;
    version: number;
    customer_id: number;
    product_id: number | null;
    serial: string;
    serial_norm: string;
    purchase_date: string | null;
    problem_category: string | null;
    problem_description: string;
    inbound_carrier: string | null;
    inbound_tracking: string | null;
    inbound_tracking_norm: string | null;
    outbound_carrier: string | null;
    outbound_tracking: string | null;
    return_address_id: number | null;
    source: string;
    resolution: string | null;
    assigned_to: number | null;
    created_at: string;
    updated_at: string;
    status_changed_at: string;
    received_at: string | null;
    portal_seq: number;
  };
  case_terms: { term: string; case_id: number };
  case_history: {
    id: Generated<number>;
    case_id: number;
    at: string;
    user_id: number | null;
    actor: string;
    from_status: string | null;
    to_status: string;
    note: string | null;
    /** JSON: the note's lines as NotePart[] (src/base/common/messages.ts); null on rows written before. */
    note_parts: string | null;
  };
  attachments: {
    id: Generated<number>;
    case_id: number | null;
    parcel_id: number | null;
    sha256: string;
    name: string;
    content_type: string;
    size: number;
    created_at: string;
    created_by: number | null;
  };
  unmatched_parcels: {
    id: Generated<number>;
    carrier: string | null;
    tracking: string;
    tracking_norm: string;
    sender_name: string | null;
    contents: string | null;
    shelf: string | null;
    note: string | null;
    created_at: string;
    created_by: number | null;
    /** The case it was linked to, when it left the shelf for one. */
    case_id: number | null;
    linked_at: string | null;
    /** 'on_shelf', 'linked' (to `case_id`) or 'merged' (a duplicate of an older entry, from before one entry per tracking). */
    state: Generated<string>;
    /** Why it is on the shelf: a `ShelfReason` (features/receiving/common/receiving.ts). */
    reason: Generated<string>;
    /** The case the parcel came for, when the dock knew it (a case not expecting a parcel, a set-aside unit). */
    for_case_id: number | null;
    /** The serial scanned on the unit, when it was set aside for a serial mismatch. */
    serial_scanned: string | null;
  };
  portal_outbox: {
    id: Generated<number>;
    case_id: number;
    rma: string;
    kind: string;
    seq: number | null;
    idempotency_key: string;
    method: string;
    path: string;
    body: string;
    state: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
  };
  rma_counters: { year: number; last: number };
  intakes: {
    id: Generated<number>;
    case_id: number;
    received_by: number | null;
    received_at: string;
    serial_scanned: string;
    serial_matches: number;
    mismatch_reason: string | null;
    packaging: string;
    physical_damage: number;
    liquid_damage: number;
    accessories: string;
    note: string | null;
    undone_at: string | null;
    undo_reason: string | null;
  };
  parts: {
    id: Generated<number>;
    sku: string;
    name: string;
    price: number | string;
    stock: number;
    updated_at: string;
    /** Who the depot sends the part back to (migration 0017). */
    vendor: ColumnType<string | null, string | null | undefined, string | null>;
  };
  stock_moves: {
    id: Generated<number>;
    part_id: number;
    delta: number;
    kind: string;
    case_id: number | null;
    work_id: number | null;
    reason: string | null;
    user_id: number | null;
    at: string;
  };
  diagnoses: {
    case_id: number;
    symptom_confirmed: number;
    fault_category: string | null;
    fault: string | null;
    damage_level: number | null;
    physical_damage: number;
    liquid_damage: number;
    tampering: number;
    test_results: string | null;
    internal_notes: string | null;
    customer_notes: string | null;
    proof_of_purchase: number;
    extended_until: string | null;
    warranty_covered: number;
    warranty_rule: string;
    warranty_reason: string;
    warranty_until: string | null;
    warranty_params: string;
    decided_on: string;
    diagnosed_by: number | null;
    diagnosed_at: string;
    /** Migration 0010: what the regional consumer rules ask, and the remedies decided (JSON `RemedyDecision`; null on older rows). */
    major_repair: ColumnType<number, number | undefined, number>;
    distance_sale: ColumnType<number, number | undefined, number>;
    goods_received_on: string | null;
    remedies: string | null;
    remedy_chosen: string | null;
    remedy_chosen_at: string | null;
    remedy_chosen_by: number | null;
  };
  estimates: {
    id: Generated<number>;
    case_id: number;
    version: number;
    state: string;
    currency: string;
    lines: string;
    tax_rate_bp: number;
    subtotal: number | string;
    discount: number | string;
    tax: number | string;
    total: number | string;
    covered_cost: number | string;
    valid_until: string;
    warranty_covered: number;
    warranty_reason: string;
    /** The decision the estimate was issued with; null on estimates issued before migration 0016. */
    warranty_rule: string | null;
    warranty_params: string | null;
    warranty_until: string | null;
    issued_at: string;
    issued_by: number | null;
    decision: string | null;
    decided_at: string | null;
    decision_note: string | null;
    decision_source: string | null;
    decided_by: number | null;
  };
  estimate_payments: {
    id: Generated<number>;
    case_id: number;
    estimate_version: number;
    amount: number | string;
    currency: string;
    reference: string;
    paid_at: string;
    recorded_by: number | null;
  };
  bench_work: {
    id: Generated<number>;
    case_id: number;
    kind: string;
    work_done: string;
    minutes: number;
    new_serial: string | null;
    new_serial_norm: string | null;
    user_id: number | null;
    at: string;
  };
  shipments: {
    id: Generated<number>;
    case_id: number;
    carrier: string;
    service: string;
    weight_grams: number;
    tracking: string;
    shipped_at: string;
    shipped_by: number | null;
    delivered_at: string | null;
  };
  print_jobs: {
    id: Generated<number>;
    kind: string;
    case_id: number | null;
    request: string;
    printer: string | null;
    state: string;
    error: string | null;
    attempts: number;
    created_at: string;
    updated_at: string;
    created_by: number | null;
  };
  /** Owned by locations (migration 0014): where units can be, each case's current location and the trail of moves. */
  locations: {
    id: Generated<number>;
    code: string;
    name: string;
    /** shelf, bench, qa, outbound, supplier_cage. */
    kind: string;
    active: ColumnType<number, number | undefined, number>;
    version: ColumnType<number, number | undefined, number>;
  };
  case_locations: { case_id: number; location_id: number; since: string; moved_by: number; version: number };
  location_moves: { id: Generated<number>; case_id: number; location_id: number; user_id: number; at: string };
  /** Owned by supplier-returns (migration 0017): returns to the vendor and what went on each. */
  supplier_returns: {
    id: Generated<number>;
    vendor: string;
    /** open, shipped, closed. */
    status: string;
    opened_at: string;
    opened_by: number;
    carrier: ColumnType<string | null, string | null | undefined, string | null>;
    tracking: ColumnType<string | null, string | null | undefined, string | null>;
    shipped_at: ColumnType<string | null, string | null | undefined, string | null>;
    shipped_by: ColumnType<number | null, number | null | undefined, number | null>;
    closed_at: ColumnType<string | null, string | null | undefined, string | null>;
    closed_by: ColumnType<number | null, number | null | undefined, number | null>;
    version: ColumnType<number, number | undefined, number>;
  };
  supplier_return_items: {
    id: Generated<number>;
    return_id: number;
    /** unit, part. */
    kind: string;
    case_id: number;
    part_id: number | null;
    quantity: number;
    added_at: string;
    added_by: number;
    /** credit, replacement; null until the vendor answered. */
    outcome: ColumnType<string | null, string | null | undefined, string | null>;
    credit_minor: ColumnType<number | null, number | null | undefined, number | null>;
  };
  /** Migration 0018: the change feed of cases (owned by cases, `node/feed.ts`). */
  case_changes: { id: Generated<number>; rma: string; version: number; kind: 'created' | 'status' | 'updated' | 'moved'; by_name: string | null };
  presence: { id: string; user_id: number; station: string; signed_in_at: string; last_seen: string };
  /** Migration 0022: returns of many units (owned by receiving, `node/returns.ts`). */
  return_counters: { year: number; last: number };
  customer_returns: {
    id: Generated<number>;
    number: string;
    customer_id: number;
    inbound_tracking: string | null;
    inbound_tracking_norm: string | null;
    created_at: string;
    created_by: number | null;
    box_done_at: ColumnType<string | null, string | null | undefined, string | null>;
    box_done_by: ColumnType<number | null, number | null | undefined, number | null>;
    version: Generated<number>;
  };
  customer_return_units: { return_id: number; case_id: number; line: number; missing: Generated<number> };
  customer_return_strays: { id: Generated<number>; return_id: number; serial: string; serial_norm: string; scanned_at: string; scanned_by: number | null };
  /** Owned by stock (migration 0023): replacement units by serial, and the minimum per model. */
  stock_units: {
    id: Generated<number>;
    serial: string;
    serial_norm: string;
    product_id: number;
    /** new, refurbished. */
    grade: string;
    /** in_stock, used (by a case's replacement), shipped (ahead of the faulty unit). */
    status: string;
    /** supplier, repaired. */
    source: string;
    source_case_id: ColumnType<number | null, number | null | undefined, number | null>;
    received_at: string;
    received_by: number;
    case_id: ColumnType<number | null, number | null | undefined, number | null>;
    taken_at: ColumnType<string | null, string | null | undefined, string | null>;
    taken_by: ColumnType<number | null, number | null | undefined, number | null>;
    version: ColumnType<number, number | undefined, number>;
  };
  stock_minimums: { product_id: number; minimum: number; updated_at: string; updated_by: number; version: ColumnType<number, number | undefined, number> };
}
