import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { z } from 'zod';
import type { MethodSpec } from '../common/rpc.ts';
import type { Core, Db, Tx } from './core.ts';
import type { Caller, UserInfo } from '../common/identity.ts';

/**
 * What every API service is given, built once per request by the dispatcher: the database handle
 * (the request's one transaction for a method that writes, the plain database for a read or for a
 * method that opens its own), the request's clock, who is calling, and the core for the rest
 * (data folder, slots, sessions).
 */
export interface ServiceContext {
  db: Db;
  /** Read once per request. */
  now: Date;
  caller: Caller;
  /** The session token the call came with (null for public methods). */
  session: string | null;
  /** Where the call comes from: this machine, and in browser mode the client's address. Sign-in throttles by it. */
  station: string;
  core: Core;
  /** Runs `effect` once the request's transaction committed (at once after the handler without one). */
  afterCommit(effect: () => void): void;
}

/** The station of calls whose transport knows no more than the machine they run on (the desktop app, the command line). */
export const thisMachine = `machine ${os.hostname()}`;

/** The signed-in person making the call; services of signed-in methods only. */
export function userOf(ctx: ServiceContext): UserInfo {
  if (ctx.caller.kind !== 'user') throw new Error('depot: a signed-in method was called without a user');
  return ctx.caller.user;
}

/** Who the running request acts for, for records written deep in a store (the change feed's `by`). */
const acting = new AsyncLocalStorage<Caller>();

/** The name of the person the running request acts for; null for the system, the portal sync and work outside a request. */
export function actingUserName(): string | null {
  const caller = acting.getStore();
  return caller?.kind === 'user' ? caller.user.name : null;
}

/**
 * Runs one request's service: a method that writes (`writes: true`) runs inside one transaction,
 * committed when it returns; any other gets the plain database. Effects asked for with
 * `afterCommit` run only once the work is committed.
 */
export async function runService<T>(
  core: Core,
  writes: MethodSpec<z.ZodType, unknown>['writes'],
  who: { caller: Caller; session?: string | null; station?: string },
  run: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const now = core.now();
  const effects: (() => void)[] = [];
  const contextOf = (db: Db): ServiceContext => ({
    db,
    now,
    caller: who.caller,
    session: who.session ?? null,
    station: who.station ?? thisMachine,
    core,
    afterCommit: (effect) => effects.push(effect),
  });
  const value = await acting.run(who.caller, () =>
    writes === true ? core.db.transaction().execute((trx) => run(contextOf(trx))) : run(contextOf(core.db)),
  );
  for (const effect of effects) effect();
  return value;
}

type Output<S> = S extends MethodSpec<z.ZodType, infer O> ? ([O] extends [undefined] ? null : O) : never;

/** The handlers of a group of methods: each gets the request's context and its parsed input, and returns its declared result. */
export type HandlersFor<Methods extends Record<string, MethodSpec<z.ZodType, unknown>>> = {
  [M in keyof Methods]: (ctx: ServiceContext, input: z.output<Methods[M]['input']>) => Promise<Output<Methods[M]>>;
};

/** The request's transaction, in the services of methods that write (`writes: true`). */
export function trxOf(ctx: ServiceContext): Tx {
  if (!ctx.db.isTransaction) throw new Error('depot: this service needs the request transaction (writes: true)');
  return ctx.db as Tx;
}

/**
 * A context for a read outside an API request (the command line, tests): the plain database, the
 * clock read now, and the system (or the given caller) acting.
 */
export function plainContext(core: Core, caller: Caller = { kind: 'system' }): ServiceContext {
  return { db: core.db, now: core.now(), caller, session: null, station: thisMachine, core, afterCommit: (effect) => effect() };
}
