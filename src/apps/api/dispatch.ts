import type { z } from 'zod';
import { api, isMethodName } from './contract.ts';
import { DepotError, type ApiError, type Result } from '../../base/common/result.ts';
import type { Core } from '../../base/node/core.ts';
import { handlers } from './handlers.ts';

/** Zod issues → one message per field path, as the forms name their fields. */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error });

/**
 * Every transport ends here: the method name, the input and the session token are untrusted
 * until checked. Nothing is written unless the input parsed and the caller may call the method.
 */
export async function dispatch(core: Core, method: unknown, input: unknown, session: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return failure({ code: 'not_found', message: `Unknown method ${String(method)}` });
  const spec = api[method];
  const token = typeof session === 'string' ? session : null;
  const user = core.sessions.lookup(token);
  if (spec.access !== 'public') {
    if (!user) return failure({ code: 'unauthenticated', message: 'Sign in first' });
    if (spec.access !== 'signed-in' && user.role !== 'admin' && !spec.access.includes(user.role)) {
      return failure({ code: 'forbidden', message: `The ${user.role} role cannot do this` });
    }
  }
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const fields = fieldMessages(parsed.error.issues);
    return failure({ code: 'invalid', message: Object.values(fields)[0] ?? 'Invalid input', fields });
  }
  try {
    const handler = handlers[method] as (input: unknown, context: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, { core, user, session: token }) };
  } catch (error) {
    if (error instanceof DepotError) return failure(error.toApiError());
    console.error(`depot: ${method} failed`, error);
    return failure({ code: 'internal', message: 'Depot could not do this; the error was logged' });
  }
}
