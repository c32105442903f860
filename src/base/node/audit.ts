import type { AuditKind } from '../common/audit.ts';
import type { Db } from './core.ts';

/** The audit log: one row per call that changed something (or exported data), by a signed-in person. */

/** Methods that change a setting of the site or its catalogs, as the audit names them. */
const settingsMethods = new Set([
  'products.save',
  'products.setActive',
  'parts.save',
  'parts.import',
  'settings.update',
  'bench.updateSettings',
  'printing.updateSettings',
  'sync.configure',
  'sync.pause',
  'sync.resume',
  'backup.configure',
  'reports.saveCalendar',
  'reports.importHolidays',
  'reports.saveUnitsSold',
  'reports.importUnitsSold',
]);

/** Reads that take data out of Depot: recorded like changes. */
export const exportMethods: ReadonlySet<string> = new Set(['parts.export', 'reports.cases', 'reports.audit', 'reports.exportPage']);

/** Whether a call takes data out: a long export, read page by page, is recorded once, at its first page. */
export function isExportCall(method: string, input: unknown): boolean {
  if (!exportMethods.has(method)) return false;
  const after = input && typeof input === 'object' ? (input as { after?: unknown }).after : undefined;
  return after === undefined || after === null;
}

export function auditKindOf(method: string, input: unknown): Exclude<AuditKind, 'sign_in'> {
  if (method.startsWith('users.')) return 'users';
  if (settingsMethods.has(method)) return 'settings';
  if (exportMethods.has(method)) return 'exports';
  return rmaOf(input) ? 'cases' : 'other';
}

function rmaOf(input: unknown): string | null {
  const rma = input && typeof input === 'object' ? (input as { rma?: unknown }).rma : undefined;
  return typeof rma === 'string' ? rma : null;
}

/**
 * Records a call that succeeded. In a method that writes, `db` is the request's transaction, so
 * the record and the change commit together or not at all.
 */
export async function recordCall(db: Db, call: { at: Date; userId: number; station: string; method: string; input: unknown }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: call.at.toISOString(),
      user_id: call.userId,
      station: call.station,
      method: call.method,
      kind: auditKindOf(call.method, call.input),
      rma: rmaOf(call.input),
    })
    .execute();
}
