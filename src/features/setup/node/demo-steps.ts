import type { z } from 'zod';
import type { Role, UserInfo } from '../../../base/common/identity.ts';
import type { Core, Tx } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { benchMethods, type BenchCase } from '../../bench/common/index.ts';
import { advance, diagnose, getBenchCase, issueEstimate, logWork, recordDecision, recordPayment, takeCase } from '../../bench/node/index.ts';
import { casesMethods } from '../../cases/common/index.ts';
import { createCase, findCaseRow, nextRma, transition } from '../../cases/node/index.ts';
import { applyEvents, type PortalEvent } from '../../portal-sync/node/index.ts';
import { receivingMethods } from '../../receiving/common/index.ts';
import { receive } from '../../receiving/node/index.ts';
import { shippingMethods } from '../../shipping/common/index.ts';
import { closeDelivered, ship } from '../../shipping/node/index.ts';
import { stockMethods } from '../../stock/common/index.ts';
import { receiveStock, setMinimum } from '../../stock/node/index.ts';

/**
 * How the demo data is made: every step is an API method's service called as one of the demo's
 * people at a moment of the story, with its input parsed and its access checked as the dispatcher
 * does, and every customer action is a portal event applied as the pull applies it. So the demo
 * holds only what the app itself could have written. All of it runs in the one transaction of the demo.
 */

const methods = { ...casesMethods, ...receivingMethods, ...benchMethods, ...shippingMethods };

/** The methods the demo's people use, each by the service its handler calls. */
const services = {
  'cases.create': createCase,
  'cases.transition': transition,
  'receiving.receive': receive,
  'bench.take': takeCase,
  'bench.diagnose': diagnose,
  'bench.issueEstimate': issueEstimate,
  'bench.recordDecision': recordDecision,
  'bench.recordPayment': recordPayment,
  'bench.logWork': logWork,
  'bench.advance': advance,
  'shipping.ship': ship,
  'shipping.close': closeDelivered,
} satisfies { [M in keyof typeof methods]?: (ctx: ServiceContext, input: z.output<(typeof methods)[M]['input']>) => Promise<unknown> };
type StepMethod = keyof typeof services;

/**
 * The demo's transaction as a method of `writes: 'own'` sees the database: the transactions it opens
 * join the demo's, so the demo commits, or fails, as a whole.
 */
function joined(trx: Tx): Tx {
  return new Proxy(trx, {
    get(target, key) {
      if (key === 'transaction') return () => ({ execute: <T>(run: (t: Tx) => Promise<T>) => run(target) });
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface CaseRef {
  rma: string;
  version: number;
}

export interface DemoSteps {
  /** Calls `method` as the demo's person of `role`, at `at`; returns the case as it stands after it. */
  act<M extends StepMethod>(role: Role, at: Date, method: M, input: z.input<(typeof methods)[M]['input']>): Promise<CaseRef>;
  /** What the bench shows of a case now (the warranty decided, the estimate issued). */
  benchCase(rma: string): Promise<BenchCase>;
  /**
   * The number the portal gives a customer's request. The demo's portal is in step with Depot's own
   * counter, so the demo's RMAs run from 1 in the order the demo tells its cases.
   */
  portalRma(at: Date): Promise<string>;
  /** A customer's action on the portal, applied as the pull applies it; returns the case's new version. */
  tell(at: Date, type: string, rma: string, data: unknown): Promise<number>;
  /** A unit the clerk scans into replacement stock. */
  stockIn(at: Date, input: z.input<(typeof stockMethods)['stock.receive']['input']>): Promise<void>;
  /** The minimum stock of a model, as the admin sets it. */
  stockMinimum(at: Date, input: z.input<(typeof stockMethods)['stock.setMinimum']['input']>): Promise<void>;
}

export function demoSteps(outer: ServiceContext, trx: Tx, people: Record<Role, UserInfo>): DemoSteps {
  const db = joined(trx);
  const core: Core = { ...outer.core, db };
  const contextOf = (role: Role | null, at: Date): ServiceContext => ({
    db,
    now: at,
    caller: role ? { kind: 'user', user: people[role] } : { kind: 'system' },
    session: null,
    station: outer.station,
    core,
    afterCommit: outer.afterCommit,
  });
  const refOf = async (rma: string): Promise<CaseRef> => ({ rma, version: (await findCaseRow(trx, rma))!.version });
  let eventSeq = 0;
  return {
    async act(role, at, method, input) {
      const spec = methods[method];
      const access = spec.access as 'public' | 'signed-in' | readonly Role[];
      if (typeof access !== 'string' && role !== 'admin' && !access.includes(role)) {
        throw new Error(`demo data: the ${role} may not call ${method}`);
      }
      const parsed = spec.input.parse(input) as { rma?: string };
      const service = services[method] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
      const result = (await service(contextOf(role, at), parsed)) as { rma?: string } | undefined;
      // A desk case gets its RMA number from the service.
      return refOf(parsed.rma ?? result!.rma!);
    },
    benchCase: (rma) => getBenchCase(contextOf(null, outer.now), rma),
    portalRma: (at) => nextRma(trx, at.getUTCFullYear()),
    async tell(at, type, rma, data) {
      eventSeq++;
      const event: PortalEvent = { id: `evt_demo_${eventSeq}`, seq: eventSeq, type, rma, occurredAt: at.toISOString(), data };
      const result = await applyEvents(trx, () => at, [event]);
      if (result.parked > 0) throw new Error(`demo data: the ${type} event of ${rma} was parked`);
      return (await refOf(rma)).version;
    },
    async stockIn(at, input) {
      await receiveStock(contextOf('clerk', at), stockMethods['stock.receive'].input.parse(input));
    },
    async stockMinimum(at, input) {
      await setMinimum(contextOf('admin', at), stockMethods['stock.setMinimum'].input.parse(input));
    },
  };
}
