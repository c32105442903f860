import type { z } from 'zod';
import type { MethodSpec } from '../common/rpc.ts';
import type { Core } from './core.ts';
import type { UserInfo } from '../common/identity.ts';

export interface CallContext {
  core: Core;
  /** Null only for public methods. */
  user: UserInfo | null;
  session: string | null;
}

type Output<S> = S extends MethodSpec<z.ZodType, infer O> ? ([O] extends [undefined] ? null : O) : never;

/** The handlers of a group of methods: each gets its parsed input and returns its declared result. */
export type HandlersFor<Methods extends Record<string, MethodSpec<z.ZodType, unknown>>> = {
  [M in keyof Methods]: (input: z.output<Methods[M]['input']>, context: CallContext) => Promise<Output<Methods[M]>>;
};

export const signedIn = (context: CallContext) => ({ kind: 'user' as const, user: context.user! });
