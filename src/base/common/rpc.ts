import { z } from 'zod';
import type { Role } from './identity.ts';

/** One API method: its input schema, who may call it, and (as a type) what it returns. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** 'public' needs no session; otherwise the roles that may call (admin may always). */
  access: 'public' | 'signed-in' | readonly Role[];
  summary: string;
  /**
   * The method changes the database. `true`: the dispatcher runs it inside one transaction and
   * hands its services that transaction. `'own'`: it must not hold a transaction open (it waits on
   * a printer or the portal, runs long, or commits piece by piece), so it gets the plain database
   * and opens its own transactions; its spec says why. Absent: a read, on the plain database.
   */
  writes?: true | 'own';
  /**
   * The call does not count as use of the session (a window's periodic "still here"), so a desk
   * left alone still locks after the site's idle time.
   */
  passive?: true;
  /** Phantom: carries the result type. */
  output?: O;
}

export const method = <O>() => <I extends z.ZodType>(spec: MethodSpec<I, O>) => spec as MethodSpec<I, O>;

/** The input of a method that takes none: an empty object, nothing else. */
export const empty = z.object({}).strict();

/**
 * Every method of every feature, as a type. Each feature's `common/contract.ts` adds its methods
 * here (`declare module … interface DepotMethods extends …`), so code anywhere gets a typed client
 * without importing the features; `src/apps/api/contract.ts` holds the same methods at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features' contracts
export interface DepotMethods {}

export type MethodName = keyof DepotMethods & string;
type Spec<M extends MethodName> = DepotMethods[M] extends MethodSpec<infer I, unknown> ? MethodSpec<I, unknown> : never;
export type MethodInput<M extends MethodName> = z.input<Spec<M>['input']>;
export type ParsedInput<M extends MethodName> = z.output<Spec<M>['input']>;
export type MethodOutput<M extends MethodName> = DepotMethods[M] extends MethodSpec<z.ZodType, infer O>
  ? NonNullable<O> extends never
    ? null
    : NonNullable<O>
  : never;
