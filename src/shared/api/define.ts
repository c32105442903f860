import { z } from 'zod';
import type { Role } from '../status.ts';

/** One API method: its input schema, who may call it, and (as a type) what it returns. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** 'public' needs no session; otherwise the roles that may call (admin may always). */
  access: 'public' | 'signed-in' | readonly Role[];
  summary: string;
  /** Phantom: carries the result type. */
  output?: O;
}

export const method = <O>() => <I extends z.ZodType>(spec: MethodSpec<I, O>) => spec as MethodSpec<I, O>;

/** The input of a method that takes none: an empty object, nothing else. */
export const empty = z.object({}).strict();
