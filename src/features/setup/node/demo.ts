import type { Role, UserInfo } from '../../../base/common/identity.ts';
import type { Site } from '../../../base/common/schemas.ts';
import type { Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { defaultBenchSettings, type DiagnosisInput } from '../../bench/common/index.ts';
import { demoParts, insertBenchDemoData } from '../../bench/node/index.ts';
import { statuses, type Status } from '../../cases/common/index.ts';
import type { EstimateLineInput } from '../../estimates/common/index.ts';
import { markQueuedDelivered } from '../../portal-sync/node/index.ts';
import { addProduct, productByModel } from '../../products/node/index.ts';
import type { Condition } from '../../receiving/common/index.ts';
import { setting } from '../../settings/node/index.ts';
import { createUser } from '../../users/node/index.ts';
import { demoSteps, type DemoSteps } from './demo-steps.ts';
import {
  cancelReason,
  chargerReplacement,
  declineReason,
  demoCustomers,
  demoProducts,
  noFaultNote,
  noFaultTests,
  rejections,
  troubles,
  type DemoCustomer,
  type Trouble,
  type Words,
} from './demo-story.ts';

/** Demo users all sign in with this PIN; the sign-in screen says so when demo data is loaded. */
export const DEMO_PIN = '1234';

export const demoSite: Site = {
  siteName: 'Depot Seoul Service Center',
  address: {
    name: 'Depot Seoul Service Center',
    line1: '서울특별시 강남구 테헤란로 152',
    line2: '12층',
    city: 'Seoul',
    region: null,
    postalCode: '06236',
    country: 'KR',
    phone: '+82 2 555 0100',
  },
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  turnaroundDays: 7,
  pinLength: 4,
  idleMinutes: 30,
  documentLanguage: 'customer',
};

const demoUsers = [
  { name: 'Admin Park', role: 'admin' },
  { name: 'Minji Kim', role: 'warehouse' },
  { name: 'Wei Zhang', role: 'technician' },
  { name: 'Eleni Papadopoulou', role: 'clerk' },
] as const;

const CASES = 60;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A case as its story goes: its RMA once it has one, its version, and the estimate it waits on. */
interface Live {
  rma: string;
  version: number;
  estimate: { version: number; total: number } | null;
}

/** One thing that happens to a case, `after` hours after the one before; a repair says which parts it takes. */
interface Step {
  after: number;
  parts?: Trouble['parts'];
  /** The serial of the stock unit the step takes as a replacement. */
  replacement?: string;
  run(s: DemoSteps, at: Date, c: Live): Promise<void>;
}

interface CaseStory {
  status: Status;
  start: Date;
  steps: Step[];
}

/**
 * Fills an empty database with a depot two weeks into its work: the demo site, one user per role,
 * products and parts, and 60 cases over every status, each brought there the way the app brings a
 * case there (requests and customer actions on the portal, the desk, the dock, the bench, the
 * shipping desk), with what was sent to the portal marked delivered.
 */
export async function insertDemoData(ctx: ServiceContext): Promise<void> {
  const trx = trxOf(ctx);
  const now = ctx.now;
  const stories = Array.from({ length: CASES }, (_, i) => storyOf(i, now));
  const opened = new Date(Math.min(...stories.map((s) => s.start.getTime())) - DAY);

  await setting.site.write(trx, demoSite);
  await setting.demo.write(trx, true);
  const people = {} as Record<Role, UserInfo>;
  for (const u of demoUsers) people[u.role] = await createUser(trx, opened, { ...u, pin: DEMO_PIN });
  for (const p of demoProducts) {
    await addProduct(trx, { model: p.model, product_line: p.product_line, name: p.name, warranty_months: p.warranty_months, accessories: JSON.stringify(p.accessories) });
  }
  const taken = new Map<string, number>();
  for (const part of stories.flatMap((s) => s.steps.flatMap((step) => step.parts ?? []))) {
    taken.set(part.sku, (taken.get(part.sku) ?? 0) + part.quantity);
  }
  await insertBenchDemoData(trx, opened.toISOString(), taken);

  const steps = demoSteps(ctx, trx, people);
  await stockDemoUnits(trx, steps, opened, stories.flatMap((s) => s.steps.flatMap((step) => step.replacement ?? [])));
  for (const story of stories) {
    const c: Live = { rma: '', version: 0, estimate: null };
    let at = story.start.getTime();
    for (const step of story.steps) {
      at += step.after * HOUR;
      await step.run(steps, new Date(at), c);
    }
  }
  await markQueuedDelivered(trx);
}

/**
 * The replacement stock as the clerk scanned it in: the chargers the bench's exchanges take, and
 * two spares of each model (one new, one refurbished). The chargers' minimum is above what the
 * exchanges leave, so the Stock screen warns.
 */
async function stockDemoUnits(trx: Tx, steps: DemoSteps, at: Date, replacements: readonly string[]): Promise<void> {
  for (const [n, p] of demoProducts.entries()) {
    const productId = (await productByModel(trx, p.model))!.id;
    const spares = ['new', 'refurbished'] as const;
    for (const serial of p.model === 'CH-3' ? replacements : []) await steps.stockIn(at, { productId, grade: 'new', source: 'supplier', code: serial });
    for (const [k, grade] of spares.entries()) {
      await steps.stockIn(at, { productId, grade, source: 'supplier', code: `SNS${(6100000 + n * 101 + k * 7).toString(36).toUpperCase()}` });
    }
    if (p.model === 'CH-3') await steps.stockMinimum(at, { productId, minimum: spares.length + 1, version: null });
  }
}

/**
 * The story of the i-th case: the 15 statuses take turns, and each status meets four models, four
 * customers and the desk or the portal in turn, so no two cases of a status are alike.
 */
function storyOf(i: number, now: Date): CaseStory {
  const s = i % statuses.length;
  const k = Math.floor(i / statuses.length);
  const status = statuses[s]!;
  const product = demoProducts[(s + k) % demoProducts.length]!;
  const customer: DemoCustomer = demoCustomers[i % demoCustomers.length]!;
  const viaDesk = (s + k) % 3 === 0 && status !== 'requested' && status !== 'rejected';
  // A desk case waiting for its parcel was opened by phone; the others were handed in at the counter or phoned in.
  const phoned = viaDesk && (['authorized', 'in_transit', 'cancelled'].includes(status) || k % 2 === 1);
  const outOfWarranty = status === 'awaiting_customer' || status === 'return_unrepaired' || (status === 'shipped' && k === 3) || k % 2 === 1;
  const covered = !outOfWarranty;
  // The second unit of each of these works after all.
  const worksAfterAll = k === 1 && (status === 'ready_to_ship' || status === 'shipped' || status === 'closed');
  const list = troubles[product.model];
  const pick = list[(i + k) % list.length]!;
  // A unit under warranty, or one with nothing wrong, came without damage.
  const trouble = (covered || worksAfterAll) && pick.damage ? list.find((t) => !t.damage)! : pick;
  const serial = `SN${(2400000 + i * 7919).toString(36).toUpperCase()}`;
  const words = (w: Words) => w[customer.locale];
  const home = customer.country === 'KR';
  const email = `customer${i + 1}@example.com`;
  const returnAddress = {
    name: customer.name,
    line1: customer.line1,
    line2: null,
    city: customer.city,
    region: null,
    postalCode: customer.postal,
    country: customer.country,
    phone: customer.phone,
  };
  // Bought a few months before the case began, or two years and more.
  const purchased = (at: Date) => dayBefore(at, covered || trouble.damage ? 90 + (i % 5) * 30 : 800 + (i % 6) * 30);

  // --- the steps a case can take ---------------------------------------------------------
  /** A step by one of the demo's people; the case's version follows it. */
  const step = (after: number, run: (st: DemoSteps, at: Date, c: Live) => Promise<{ version: number }>, parts?: Trouble['parts']): Step => ({
    after,
    ...(parts ? { parts } : {}),
    async run(st, at, c) {
      c.version = (await run(st, at, c)).version;
    },
  });
  /** A step of the customer's on the portal. */
  const customerDoes = (after: number, type: string, data: (at: Date, c: Live) => unknown): Step => ({
    after,
    async run(st, at, c) {
      c.version = await st.tell(at, type, c.rma, data(at, c));
    },
  });
  const request: Step = {
    after: 0,
    async run(st, at, c) {
      c.rma = await st.portalRma(at);
      c.version = await st.tell(at, 'rma.requested', c.rma, {
        customer: { name: customer.name, email, phone: customer.phone, locale: customer.locale },
        product: {
          model: product.model,
          serial,
          purchaseDate: purchased(at),
          proofOfPurchaseUrl: `https://portal.example.com/files/${c.rma}/receipt.pdf`,
        },
        problem: { category: trouble.category, description: words(trouble.symptom) },
        attachments: k % 2 === 0 ? [{ url: `https://portal.example.com/files/${c.rma}/photo.jpg`, name: 'photo.jpg', contentType: 'image/jpeg' }] : [],
        returnAddress,
      });
    },
  };
  const atDesk: Step = {
    after: 0,
    async run(st, at, c) {
      const detail = await st.act('clerk', at, 'cases.create', {
        customer: { name: customer.name, email, phone: customer.phone, locale: customer.locale },
        returnAddress,
        model: product.model,
        serial,
        purchaseDate: purchased(at),
        problemCategory: trouble.category,
        problemDescription: words(trouble.symptom),
      });
      Object.assign(c, { rma: detail.rma, version: detail.version });
    },
  };
  const move = (after: number, to: Status, extra: { note?: string; carrier?: string; tracking?: string } = {}) =>
    step(after, (st, at, c) => st.act('clerk', at, 'cases.transition', { rma: c.rma, version: c.version, to, ...extra }));
  const inbound = home
    ? { carrier: 'CJ Logistics', tracking: `6${String(10_000_000_000 + i * 123_457).slice(1)}` }
    : { carrier: 'DHL Express', tracking: String(3_000_000_000 + i * 7_654_321) };
  const customerShips = customerDoes(20, 'rma.shipment_submitted', (at) => ({ carrier: inbound.carrier, trackingNumber: inbound.tracking, shippedAt: at.toISOString() }));
  const expected = [...product.accessories];
  const condition: Condition = {
    packaging: trouble.damage === 'physical' ? 'damaged' : k === 1 ? 'opened' : 'intact',
    physicalDamage: trouble.damage === 'physical',
    liquidDamage: trouble.damage === 'liquid',
    // Some customers keep the manual.
    accessories: k === 2 ? expected.filter((a) => a !== 'manual') : expected,
    otherAccessories: null,
    note: trouble.damage === 'physical' ? 'Housing dented' : trouble.damage === 'liquid' ? 'Water marks inside the box' : null,
  };
  const receive = (after: number) => step(after, (st, at, c) => st.act('warehouse', at, 'receiving.receive', { rma: c.rma, version: c.version, serial, condition }));
  const take = step(6, (st, at, c) => st.act('technician', at, 'bench.take', { rma: c.rma, version: c.version }));
  const diagnosis: DiagnosisInput = {
    symptomConfirmed: true,
    faultCategory: trouble.faultCategory,
    fault: trouble.fault,
    damageLevel: trouble.damageLevel,
    physicalDamage: trouble.damage === 'physical',
    liquidDamage: trouble.damage === 'liquid',
    tampering: false,
    testResults: trouble.tests,
    internalNotes: null,
    customerNotes: trouble.customerNote,
    proofOfPurchase: true,
    extendedUntil: null,
  };
  const diagnose = (d: DiagnosisInput, expectCovered: boolean | null): Step =>
    step(1.5, async (st, at, c) => {
      const done = await st.act('technician', at, 'bench.diagnose', { rma: c.rma, version: c.version, diagnosis: d });
      if (expectCovered !== null) {
        const { warranty } = await st.benchCase(c.rma);
        if (warranty?.covered !== expectCovered) {
          throw new Error(`demo data: ${c.rma} should be ${expectCovered ? 'in' : 'out of'} warranty (${warranty?.reason})`);
        }
      }
      return done;
    });
  const partLines: EstimateLineInput[] =
    product.model === 'CH-3'
      ? [{ kind: 'part', sku: null, description: chargerReplacement.description, quantity: 1, unitPrice: chargerReplacement.price }]
      : trouble.parts.map((use) => {
          const part = demoParts.find((p) => p.sku === use.sku)!;
          return { kind: 'part', sku: part.sku, description: part.name, quantity: use.quantity, unitPrice: part.price };
        });
  const estimate = step(0.5, async (st, at, c) => {
    const lines: EstimateLineInput[] = [...partLines, { kind: 'labor', damageLevel: trouble.damageLevel }, { kind: 'shipping', amount: defaultBenchSettings.returnShippingFee }];
    const issued = await st.act('technician', at, 'bench.issueEstimate', { rma: c.rma, version: c.version, lines });
    const current = (await st.benchCase(c.rma)).estimates[0]!;
    c.estimate = { version: current.version, total: current.totals.total };
    return issued;
  });
  const accept: Step[] = viaDesk
    ? [
        step(18, (st, at, c) => st.act('clerk', at, 'bench.recordDecision', { rma: c.rma, estimateVersion: c.estimate!.version, decision: 'accepted', note: 'Accepted by phone' })),
        step(0.2, (st, at, c) => st.act('clerk', at, 'bench.recordPayment', { rma: c.rma, estimateVersion: c.estimate!.version, amount: c.estimate!.total, reference: 'Card at the counter' })),
      ]
    : [
        customerDoes(18, 'rma.estimate_decided', (at, c) => ({ estimateVersion: c.estimate!.version, decision: 'accepted', decidedAt: at.toISOString(), note: null })),
        customerDoes(0.5, 'rma.payment_received', (at, c) => ({
          estimateVersion: c.estimate!.version,
          amount: c.estimate!.total,
          currency: demoSite.currency,
          reference: `PG-${c.rma.slice(4)}-${c.estimate!.version}`,
          paidAt: at.toISOString(),
        })),
      ];
  const decline: Step[] = viaDesk
    ? [step(18, (st, at, c) => st.act('clerk', at, 'bench.recordDecision', { rma: c.rma, estimateVersion: c.estimate!.version, decision: 'declined', note: 'Declined by phone: the repair costs too much' }))]
    : [
        customerDoes(18, 'rma.estimate_decided', (at, c) => ({ estimateVersion: c.estimate!.version, decision: 'declined', decidedAt: at.toISOString(), note: words(declineReason) })),
        step(2, (st, at, c) => st.act('technician', at, 'bench.advance', { rma: c.rma, version: c.version, action: 'returnUnrepaired', note: 'The customer declined the estimate' })),
      ];
  const unanswered = step(15 * 24, (st, at, c) =>
    st.act('technician', at, 'bench.advance', { rma: c.rma, version: c.version, action: 'returnUnrepaired', note: 'No answer to the estimate within its 14 days' }),
  );
  const advance = (after: number, action: 'startRepair' | 'toQa' | 'qaPass' | 'noFault', note?: string) =>
    step(after, (st, at, c) => st.act('technician', at, 'bench.advance', { rma: c.rma, version: c.version, action, ...(note ? { note } : {}) }));
  const replaces = product.model === 'CH-3';
  const replacement = `SNR${(5100000 + i * 7919).toString(36).toUpperCase()}`;
  const repair = step(
    1.5,
    (st, at, c) =>
      st.act('technician', at, 'bench.logWork', {
        rma: c.rma,
        version: c.version,
        workDone: trouble.work,
        minutes: trouble.minutes,
        parts: [...trouble.parts],
        replacementSerial: replaces ? replacement : null,
      }),
    trouble.parts,
  );
  if (replaces) repair.replacement = replacement;
  const awaitedPart = replaces ? 'a replacement CH-3 unit from the supplier' : trouble.parts.map((p) => demoParts.find((d) => d.sku === p.sku)!.name).join(', ');
  const opened = step(1, (st, at, c) =>
    st.act('technician', at, 'bench.logWork', { rma: c.rma, version: c.version, workDone: replaces ? 'Confirmed the fault on the load tester' : 'Opened the unit and confirmed the fault', minutes: 15, parts: [] }),
  );
  const waitParts = step(0.2, (st, at, c) => st.act('technician', at, 'bench.advance', { rma: c.rma, version: c.version, action: 'waitParts', note: `Waiting for ${awaitedPart}` }));
  const outbound = home
    ? { carrier: 'CJ Logistics', service: 'Standard', tracking: `5${String(20_000_000_000 + i).slice(1)}` }
    : { carrier: 'DHL Express', service: 'Express Worldwide', tracking: String(4_000_000_000 + i * 1_234_567) };
  const ship = step(16, (st, at, c) =>
    st.act('clerk', at, 'shipping.ship', {
      rma: c.rma,
      version: c.version,
      shipment: { carrier: outbound.carrier, service: outbound.service, weightGrams: product.weightGrams, tracking: outbound.tracking },
    }),
  );
  const close = step(60, (st, at, c) => st.act('clerk', at, 'shipping.close', { rma: c.rma, version: c.version }));

  // --- the roads -------------------------------------------------------------------------
  const approved = [request, move(3, 'authorized')];
  const arrived: Step[] = !viaDesk
    ? [...approved, customerShips, receive(40)]
    : phoned
      ? [atDesk, move(20, 'in_transit', inbound), receive(40)]
      : [atDesk, receive(0.3)];
  const diagnosed = (expectCovered: boolean | null, d = diagnosis) => [...arrived, take, diagnose(d, expectCovered)];
  // Out of warranty, repair starts once the estimate is accepted and paid.
  const repairStarted = [...diagnosed(covered), ...(covered ? [] : [estimate, ...accept]), advance(covered ? 0.3 : 3, 'startRepair')];
  const inRepair = [...repairStarted, repair];
  const repaired = [...inRepair, advance(0.5, 'toQa'), advance(1.5, 'qaPass')];
  const noFault = [
    ...diagnosed(null, { ...diagnosis, symptomConfirmed: false, faultCategory: null, fault: null, damageLevel: null, testResults: noFaultTests[product.model], customerNotes: noFaultNote }),
    advance(2, 'noFault', 'Could not reproduce the problem'),
  ];
  const awaiting = [...diagnosed(false), estimate];
  const unrepaired = [...awaiting, ...(k === 2 ? [unanswered] : decline)];
  const readyToShip = worksAfterAll ? noFault : repaired;
  const roads: Record<Status, Step[]> = {
    requested: [request],
    authorized: viaDesk ? [atDesk] : approved,
    rejected: [request, move(5, 'rejected', { note: rejections[k % rejections.length]! })],
    in_transit: viaDesk ? [atDesk, move(20, 'in_transit', inbound)] : [...approved, customerShips],
    received: arrived,
    // Half of them have a first finding saved; the fault itself is still being looked for.
    diagnosing: [...arrived, take, ...(k % 2 === 0 ? [diagnose({ ...diagnosis, fault: null, customerNotes: null }, null)] : [])],
    awaiting_customer: awaiting,
    repairing: inRepair,
    waiting_parts: [...repairStarted, opened, waitParts],
    qa: [...inRepair, advance(0.5, 'toQa')],
    ready_to_ship: readyToShip,
    return_unrepaired: unrepaired,
    shipped: [...(k === 3 ? unrepaired : readyToShip), ship],
    closed: [...readyToShip, ship, close],
    cancelled: viaDesk
      ? [atDesk, move(24, 'cancelled', { note: 'The customer will take it to the shop where it was bought' })]
      : [...approved, customerDoes(10, 'rma.cancelled', () => ({ reason: words(cancelReason) }))],
  };
  const steps = roads[status];
  // The cases finish one after another, two hours apart, the last an hour ago; the last unit of
  // each bench status has sat there since last week, so the overdue view has late cases to show.
  const stuckDays: Partial<Record<Status, number>> = { received: 12, diagnosing: 10, repairing: 9, qa: 8 };
  const stuck = k === 3 ? (stuckDays[status] ?? 0) * DAY : 0;
  const end = now.getTime() - HOUR - (CASES - 1 - i) * 2 * HOUR - stuck;
  const length = steps.reduce((sum, step) => sum + step.after, 0) * HOUR;
  return { status, start: new Date(end - length), steps };
}

/** The calendar day `days` before `at`. */
function dayBefore(at: Date, days: number): string {
  return new Date(at.getTime() - days * DAY).toISOString().slice(0, 10);
}
