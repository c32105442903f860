import { signInEvents } from '../../../base/common/audit.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { AuditInput } from '../common/contract.ts';
import type { AuditReport, AuditRow } from '../common/types.ts';
import { rangeInstants, reportSite } from './context.ts';

/** The most rows one audit answer lists; a busy month is narrowed by person or kind. */
export const AUDIT_ROWS = 5000;

/**
 * Who did what and when: the sign-in side from the users feature's record (every sign-in, wrong
 * PIN, refused try and lockout), and every change and export from the audit log, newest first.
 */
export async function auditReport(ctx: ServiceContext, input: AuditInput): Promise<AuditReport> {
  const { db } = ctx;
  const report = await reportSite(db, ctx.now);
  const { start, end } = rangeInstants(input, report.site.timeZone);
  const wants = (kind: AuditRow['kind']) => input.kind === null || input.kind === kind;
  const [signIns, calls] = await Promise.all([
    wants('sign_in')
      ? db
          .selectFrom('sign_in_audit')
          .leftJoin('users', 'users.id', 'sign_in_audit.user_id')
          .select(['sign_in_audit.at', 'users.name', 'sign_in_audit.station', 'sign_in_audit.event'])
          .where('sign_in_audit.event', 'in', [...signInEvents])
          .where('sign_in_audit.at', '>=', start)
          .where('sign_in_audit.at', '<', end)
          .$if(input.userId !== null, (q) => q.where('sign_in_audit.user_id', '=', input.userId!))
          .orderBy('sign_in_audit.at', 'desc')
          .limit(AUDIT_ROWS + 1)
          .execute()
      : [],
    input.kind === 'sign_in'
      ? []
      : db
          .selectFrom('audit_log')
          .innerJoin('users', 'users.id', 'audit_log.user_id')
          .select(['audit_log.at', 'users.name', 'audit_log.station', 'audit_log.kind', 'audit_log.method', 'audit_log.rma'])
          .where('audit_log.at', '>=', start)
          .where('audit_log.at', '<', end)
          .$if(input.userId !== null, (q) => q.where('audit_log.user_id', '=', input.userId!))
          .$if(input.kind !== null, (q) => q.where('audit_log.kind', '=', input.kind!))
          .orderBy('audit_log.at', 'desc')
          .limit(AUDIT_ROWS + 1)
          .execute(),
  ]);
  const rows: AuditRow[] = [
    ...signIns.map((r) => ({ at: r.at, name: r.name ?? null, station: r.station, kind: 'sign_in' as const, action: r.event, rma: null })),
    ...calls.map((r) => ({ at: r.at, name: r.name, station: r.station, kind: r.kind as AuditRow['kind'], action: r.method, rma: r.rma })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { from: input.from, to: input.to, rows: rows.slice(0, AUDIT_ROWS), more: rows.length > AUDIT_ROWS };
}
