import type { z } from 'zod';
import { commonMessages, readSaid, type Said } from '../../base/common/messages.ts';
import { apiError, DepotError, type ApiError, type Result } from '../../base/common/result.ts';
import type { Core } from '../../base/node/core.ts';
import { runService, thisMachine, type ServiceContext } from '../../base/node/handlers.ts';
import { isExportCall, recordCall } from '../../base/node/audit.ts';
import type { Caller, UserInfo } from '../../base/common/identity.ts';
import { idleLimitMs } from '../../features/settings/node/index.ts';
import { api, isMethodName } from './contract.ts';
import { handlers } from './handlers.ts';

/** What zod says of one issue: the schema's own message, or zod's, kept as it came. */
function saidOf(issue: z.core.$ZodIssue): Said {
  const said = readSaid(issue.message);
  if (said) return said;
  // Zod's own wording (a wrong type from a hand-written request): its kind is the code.
  return { code: `input.${issue.code}`, params: {}, text: issue.message };
}

/** Zod issues → one message per field path, as the forms name their fields. */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, Said> {
  const fields: Record<string, Said> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= saidOf(issue);
  }
  return fields;
}

/** The signed-in user of a session, for a transport's own checks (the host's event stream); not counted as use. */
export async function sessionUser(core: Core, session: string | null): Promise<UserInfo | null> {
  return session ? core.sessions.peek(session, await idleLimitMs(core.db)) : null;
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error });

/**
 * Every transport ends here: the method name, the input and the session token are untrusted
 * until checked. Nothing is written unless the input parsed and the caller may call the method.
 * A method that writes runs in one transaction opened here; a read gets the plain database.
 * `station` is where the call came from, as far as the transport knows (sign-in throttles by it).
 */
export async function dispatch(core: Core, method: unknown, input: unknown, session: unknown, station: string = thisMachine): Promise<Result<unknown>> {
  if (!isMethodName(method)) return failure(apiError('not_found', commonMessages.unknownMethod({ method: String(method) })));
  const spec = api[method];
  const token = typeof session === 'string' ? session : null;
  const idleMs = token ? await idleLimitMs(core.db) : 0;
  const user = token ? (spec.passive ? core.sessions.peek(token, idleMs) : core.sessions.lookup(token, idleMs)) : null;
  if (spec.access !== 'public') {
    if (!user) return failure(apiError('unauthenticated', commonMessages.signInFirst()));
    if (spec.access !== 'signed-in' && user.role !== 'admin' && !spec.access.includes(user.role)) {
      return failure(apiError('forbidden', commonMessages.roleCannot({ role: user.role })));
    }
  }
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error.issues);
    return failure(apiError('invalid', Object.values(fields)[0] ?? commonMessages.invalid(), fields));
  }
  try {
    const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
    const caller: Caller = user ? { kind: 'user', user } : { kind: 'system' };
    // What a person changed or took out is recorded with the change, in its transaction.
    const audited = user && !method.startsWith('session.') && (spec.writes || isExportCall(method, parsed.data));
    const value = await runService(core, spec.writes, { caller, session: token, station }, async (ctx) => {
      const result = await handler(ctx, parsed.data);
      if (audited) await recordCall(ctx.db, { at: ctx.now, userId: user.id, station, method, input: parsed.data });
      return result;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DepotError) return failure(error.toApiError());
    console.error(`depot: ${method} failed`, error);
    return failure(apiError('internal', commonMessages.internal()));
  }
}
