import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { m0001_initial } from './0001_initial.ts';
import { m0003_receiving } from './0003_receiving.ts';
import { m0005_shipping } from './0005_shipping.ts';
import { m0002_portal_sync } from './0002_portal_sync.ts';
import { m0004_bench } from './0004_bench.ts';
import { m0006_history_events } from './0006_history_events.ts';
import { m0007_shelf } from './0007_shelf.ts';
import { m0008_sign_in_audit } from './0008_sign_in_audit.ts';
import { m0009_reports } from './0009_reports.ts';
import { m0010_remedies } from './0010_remedies.ts';
import { m0011_user_admin } from './0011_user_admin.ts';
import { m0012_product_admin } from './0012_product_admin.ts';
import { m0013_audit_log } from './0013_audit_log.ts';
import { m0014_locations } from './0014_locations.ts';
import { m0015_units_sold } from './0015_units_sold.ts';
import { m0016_estimate_warranty } from './0016_estimate_warranty.ts';
import { m0017_supplier_returns } from './0017_supplier_returns.ts';
import { m0018_case_changes } from './0018_case_changes.ts';
import { m0019_presence } from './0019_presence.ts';
import { m0020_case_moves_on_feed } from './0020_case_moves_on_feed.ts';
import { m0022_customer_returns } from './0022_customer_returns.ts';
import { m0023_stock } from './0023_stock.ts';
import { m0021_report_summaries } from './0021_report_summaries.ts';

/**
 * A migration is frozen once released: it takes Kysely<any> so later schema types cannot change
 * what it does. The list is static so a bundler can never drop one.
 */
export interface Migration {
  id: number;
  name: string;
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

export const migrations: readonly Migration[] = [m0001_initial, m0002_portal_sync, m0003_receiving, m0004_bench, m0005_shipping, m0006_history_events, m0007_shelf, m0008_sign_in_audit, m0009_reports, m0010_remedies, m0011_user_admin, m0012_product_admin, m0013_audit_log, m0014_locations, m0015_units_sold, m0016_estimate_warranty, m0017_supplier_returns, m0018_case_changes, m0019_presence, m0020_case_moves_on_feed, m0021_report_summaries, m0022_customer_returns, m0023_stock];
