import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { api, type MethodName } from '../../src/apps/api/contract.ts';
import { asRole, freshCore, tableCounts, unwrap } from '../helpers.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';

const walkIn = {
  customer: { name: '김민수', email: 'minsu@example.com', phone: '010-1234-5678', locale: 'ko' as const },
  returnAddress: {
    name: '김민수',
    line1: '서울특별시 마포구 월드컵북로 396',
    city: 'Seoul',
    postalCode: '03925',
    country: 'kr',
    phone: '010-1234-5678',
  },
  model: 'AX-100',
  serial: 'sn-778 899',
  purchaseDate: '2026-01-15',
  problemDescription: 'No sound from the left ear',
};

const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };

/** An input each method must refuse, with the field it must name. */
const malformed: Record<MethodName, { input: unknown; field: string }> = {
  'setup.state': { input: { surprise: 1 }, field: '_' },
  'setup.createSite': { input: { siteName: '', adminPin: '12' }, field: 'siteName' },
  'setup.loadDemo': { input: { surprise: 1 }, field: '_' },
  'session.signIn': { input: { userId: 'me', pin: '1234' }, field: 'userId' },
  'session.signOut': { input: { all: true }, field: '_' },
  'session.me': { input: [], field: '_' },
  'session.presence': { input: { station: 'dock 1' }, field: '_' },
  'cases.list': { input: { query: 'x'.repeat(10_000) }, field: 'query' },
  'cases.get': { input: { rma: "RMA-2026-1' OR 1=1 --" }, field: 'rma' },
  'cases.create': { input: { ...walkIn, returnAddress: { ...walkIn.returnAddress, country: 'Korea' } }, field: 'returnAddress.country' },
  'cases.transition': { input: { rma: 'RMA-2026-000001', version: -1, to: 'received' }, field: 'version' },
  'receiving.scan': { input: { code: '\t\r\n' }, field: 'code' },
  'receiving.receive': {
    input: { rma: 'RMA-2026-000001', version: 1, serial: 'SN1', condition: { packaging: 'soggy', physicalDamage: false, liquidDamage: false, accessories: [] } },
    field: 'condition.packaging',
  },
  'receiving.recent': { input: { userId: 1 }, field: '_' },
  'receiving.undo': { input: { rma: 'RMA-2026-000001', version: 2, reason: '   ' }, field: 'reason' },
  'receiving.setAside': { input: { rma: 'RMA-2026-000001', tracking: '1Z999AA10123456784', photoIds: ['../etc/passwd'] }, field: 'photoIds.0' },
  'parcels.createUnmatched': { input: { tracking: "1Z'; DROP TABLE cases; --" }, field: 'tracking' },
  'parcels.update': { input: { parcelId: 1, reason: 'other', note: '  ' }, field: 'note' },
  'parcels.discard': { input: { parcelId: '1 OR 1=1' }, field: 'parcelId' },
  'parcels.listUnmatched': { input: { all: 1 }, field: '_' },
  'parcels.ofCase': { input: { rma: 'nope' }, field: 'rma' },
  'receiving.receiveInReturn': { input: { returnId: 1, serial: 'SN<1>', condition }, field: 'serial' },
  'receiving.finishBox': { input: { returnId: 1, version: '1' }, field: 'version' },
  'returns.create': { input: { ...walkIn, unitsCsv: 7 }, field: 'unitsCsv' },
  'returns.get': { input: { number: "RET-2026-1' OR 1=1" }, field: 'number' },
  'returns.list': { input: { all: true }, field: '_' },
  'returns.ofCase': { input: { rma: 'RET-2026-000001' }, field: 'rma' },
  'parcels.link': { input: { parcelId: 1, rma: 'nope' }, field: 'rma' },
  'photos.add': { input: { rma: 'RMA-2026-000001', name: 'a.jpg', dataBase64: 'not base64!' }, field: 'dataBase64' },
  'photos.list': { input: { rma: 42 }, field: 'rma' },
  'photos.get': { input: { id: 0 }, field: 'id' },
  'dashboard.counts': { input: null, field: '_' },
  'settings.get': { input: 'site', field: '_' },
  'settings.update': { input: { siteName: 'x', currency: 'XXX' }, field: 'currency' },
  'users.list': { input: { role: 'admin' }, field: '_' },
  'locations.list': { input: { code: 'LOC-B3' }, field: '_' },
  'locations.save': { input: { code: 'LOC B3', name: 'Shelf B3', kind: 'shelf' }, field: 'code' },
  'locations.setActive': { input: { id: 1, version: 'latest', active: false }, field: 'version' },
  'locations.label': { input: { id: 0 }, field: 'id' },
  'locations.unit': { input: { code: '' }, field: 'code' },
  'locations.move': { input: { rma: 'RMA-2026-000001', placeVersion: 0, location: '' }, field: 'location' },
  'locations.ofCase': { input: { rma: 'LOC-B3' }, field: 'rma' },
  'locations.find': { input: { query: 'x'.repeat(100) }, field: 'query' },
  'supplierReturns.list': { input: { status: 'lost' }, field: 'status' },
  'supplierReturns.vendors': { input: { vendor: 'Acme' }, field: '_' },
  'supplierReturns.open': { input: { vendor: ' ' }, field: 'vendor' },
  'supplierReturns.get': { input: { id: 0 }, field: 'id' },
  'supplierReturns.addUnit': { input: { id: 1, code: '' }, field: 'code' },
  'supplierReturns.addPart': { input: { id: 1, sku: 'P-1', rma: 'RMA-2026-000001', quantity: 0 }, field: 'quantity' },
  'supplierReturns.masterList': { input: { id: 'SR-000001' }, field: 'id' },
  'supplierReturns.masterListCsv': { input: { id: -1 }, field: 'id' },
  'supplierReturns.ship': { input: { id: 1, version: 1, carrier: 'UPS', tracking: '' }, field: 'tracking' },
  'supplierReturns.credit': { input: { id: 1, itemId: 1, outcome: 'credit', amount: 12.5 }, field: 'amount' },
  'supplierReturns.close': { input: { id: 1, version: 'latest' }, field: 'version' },
  'supplierReturns.ofCase': { input: { rma: 'SR-000001' }, field: 'rma' },
  'supplierReturns.overdue': { input: { olderThanDays: 0 }, field: 'olderThanDays' },
  'stock.units': { input: { status: 'lost' }, field: 'status' },
  'stock.levels': { input: { productId: 1 }, field: '_' },
  'stock.receive': { input: { productId: 1, grade: 'new', source: 'supplier', code: '\t\r\n' }, field: 'code' },
  'stock.setMinimum': { input: { productId: 1, minimum: -1, version: null }, field: 'minimum' },
  'products.list': { input: { model: 'AX-100' }, field: '_' },
  'products.save': { input: { model: 'AX-900', name: 'Speaker', productLine: 'Audio', warrantyMonths: 12.5, accessories: [], dateCodePattern: null }, field: 'warrantyMonths' },
  'products.setActive': { input: { id: 1, version: 'latest', active: false }, field: 'version' },
  'users.create': { input: { name: 'New', role: 'boss', pin: '1234' }, field: 'role' },
  'users.unlock': { input: { userId: 2 ** 40 }, field: 'userId' },
  'users.update': { input: { userId: 2, version: 1, name: 'Admin Park\u202e', role: 'admin' }, field: 'name' },
  'users.disable': { input: { userId: 2 }, field: 'version' },
  'users.enable': { input: { userId: 0, version: 1 }, field: 'userId' },
  'users.resetPin': { input: { userId: 2, version: 1, pin: '12a4' }, field: 'pin' },
  'shipping.queue': { input: { status: 'shipped' }, field: '_' },
  'shipping.print': { input: { rma: 'RMA-2026-000001', kinds: ['label'], shipment: { carrier: 'UPS', weightGrams: 900, tracking: '1Z999AA10123456785' } }, field: 'shipment.tracking' },
  'shipping.document': { input: { rma: 'RMA-2026-000001', kind: 'invoice' }, field: 'kind' },
  'shipping.ship': { input: { rma: 'RMA-2026-000001', version: 3, shipment: { carrier: 'CJ Logistics', weightGrams: 900, tracking: '12345' } }, field: 'shipment.tracking' },
  'shipping.close': { input: { rma: 'RMA-2026-000001', version: 0 }, field: 'version' },
  'shipping.closeOld': { input: { days: 1 }, field: '_' },
  'shipping.batchLabels': { input: { status: 'ready_to_ship', day: 'today' }, field: 'day' },
  'shipping.batchStatus': { input: { id: 'latest' }, field: 'id' },
  'shipping.batchCancel': { input: { id: -1 }, field: 'id' },
  'printing.settings': { input: { printer: 'x' }, field: '_' },
  'printing.updateSettings': {
    input: { label: { mode: 'zpl', host: null }, office: { printer: null, paper: 'A4' }, closeAfterDays: 14 },
    field: 'label.host',
  },
  'printing.printers': { input: [], field: '_' },
  'printing.jobs': { input: { open: 'yes' }, field: 'open' },
  'printing.retry': { input: { id: 0 }, field: 'id' },
  'printing.test': { input: { kind: 'invoice' }, field: 'kind' },
  'sync.status': { input: { verbose: true }, field: '_' },
  'sync.case': { input: { rma: 'RMA-26-1' }, field: 'rma' },
  'sync.settings': { input: { token: 'show me' }, field: '_' },
  'sync.configure': { input: { url: 'file:///etc/passwd', token: 'abc' }, field: 'url' },
  'sync.test': { input: { url: 'https://portal.example.com/api/v1', token: 'two words' }, field: 'token' },
  'sync.pause': { input: { reason: 'x'.repeat(500) }, field: 'reason' },
  'sync.resume': { input: { now: 1 }, field: '_' },
  'sync.deadLetters': { input: { state: 'dead' }, field: '_' },
  'sync.requeue': { input: { id: -3 }, field: 'id' },
  'sync.discard': { input: { id: 'all' }, field: 'id' },
  'sync.parked': { input: { limit: 5 }, field: '_' },
  'sync.dismissParked': { input: { id: 1.5 }, field: 'id' },
  'sync.flags': { input: { rma: ['RMA-2026-000001'] }, field: 'rma' },
  'sync.resolveFlag': { input: {}, field: 'id' },
  'bench.queue': { input: { show: 'everything' }, field: 'show' },
  'bench.take': { input: { rma: 'RMA-2026-000005', version: 0 }, field: 'version' },
  'bench.release': { input: { rma: 'RMA-2026-5', version: 1 }, field: 'rma' },
  'bench.get': { input: { rma: null }, field: 'rma' },
  'bench.delayWatch': { input: { all: true }, field: '_' },
  'bench.diagnose': { input: { rma: 'RMA-2026-000006', version: 5, diagnosis: { symptomConfirmed: true, damageLevel: 4 } }, field: 'diagnosis.damageLevel' },
  'bench.issueEstimate': { input: { rma: 'RMA-2026-000006', version: 5, lines: [{ kind: 'part', description: 'Board', quantity: -1, unitPrice: 100 }] }, field: 'lines.0.quantity' },
  'bench.recordDecision': { input: { rma: 'RMA-2026-000007', estimateVersion: 1, decision: 'maybe' }, field: 'decision' },
  'bench.recordPayment': { input: { rma: 'RMA-2026-000007', estimateVersion: 1, amount: -5000, reference: 'cash' }, field: 'amount' },
  'bench.logWork': { input: { rma: 'RMA-2026-000008', version: 6, workDone: 'Board', minutes: 30, parts: [{ sku: 'BAT-1', quantity: 100_000 }] }, field: 'parts.0.quantity' },
  'bench.advance': { input: { rma: 'RMA-2026-000008', version: 6, action: 'teleport' }, field: 'action' },
  'bench.chooseRemedy': { input: { rma: 'RMA-2026-000008', version: 6, remedy: 'cash' }, field: 'remedy' },
  'bench.settings': { input: { policy: {} }, field: '_' },
  'bench.updateSettings': { input: { policy: { standardMonths: 0 } }, field: 'policy.standardMonths' },
  'parts.list': { input: { query: 'x'.repeat(500) }, field: 'query' },
  'parts.save': { input: { sku: 'BAT-1', name: 'Battery', price: -100, stock: 1 }, field: 'price' },
  'parts.import': { input: { csv: '' }, field: 'csv' },
  'parts.export': { input: { format: 'xlsx' }, field: '_' },
  'reports.overdue': { input: { dueWithin: -1 }, field: 'dueWithin' },
  'reports.turnaround': { input: { from: '2026-03-31', to: '2026-03-01' }, field: 'to' },
  'reports.money': { input: { from: '2026-03-01', to: '2032-03-01' }, field: 'from' },
  'reports.people': { input: { from: '2026-3-1', to: '2026-03-31' }, field: 'from' },
  'reports.failures': { input: { from: '2026-03-01', to: '2026-03-31', period: 'day' }, field: 'period' },
  'reports.cases': { input: { from: '2026-03-01', to: '2026-03-31', productLine: 'x'.repeat(65) }, field: 'productLine' },
  'reports.exportPage': { input: { kind: 'payments', from: '2026-03-01', to: '2026-03-31', limit: 5001 }, field: 'limit' },
  'reports.audit': { input: { from: '2026-03-01', to: '2026-03-31', kind: 'everything' }, field: 'kind' },
  'reports.calendar': { input: { year: 2026 }, field: '_' },
  'reports.saveCalendar': { input: { weekendDays: [7], holidays: [] }, field: 'weekendDays.0' },
  'reports.importHolidays': { input: { text: 42 }, field: 'text' },
  'reports.unitsSold': { input: { model: 'X100' }, field: '_' },
  'reports.saveUnitsSold': { input: { model: 'X100', period: '2026-13', quantity: 5 }, field: 'period' },
  'reports.importUnitsSold': { input: { csv: 42 }, field: 'csv' },
  'backup.status': { input: { all: true }, field: '_' },
  'backup.run': { input: { folder: '/tmp' }, field: '_' },
  'backup.configure': { input: { automatic: true, everyHours: 24, keep: 7, folder: 'relative/folder' }, field: 'folder' },
};

describe('the API', () => {
  it('refuses malformed input to every method with field messages, and writes nothing', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const before = await tableCounts(core);
    expect(Object.keys(malformed).sort()).toEqual(Object.keys(api).sort());
    for (const [method, { input, field }] of Object.entries(malformed)) {
      const result = await (admin as (m: string, i: unknown) => Promise<any>)(method, input);
      expect(result.ok, method).toBe(false);
      expect(result.error.code, method).toBe('invalid');
      expect(Object.keys(result.error.fields ?? {}), method).toContain(field);
    }
    expect(await tableCounts(core)).toEqual(before);
  });

  it('refuses calls without a session, and roles without the right', async () => {
    const core = await freshCore({ demo: true });
    expect(await dispatch(core, 'cases.list', {}, null)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch(core, 'cases.list', {}, 'forged-token')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch(core, 'no.such.method', {}, null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const tech = await asRole(core, 'technician');
    expect(await tech('users.create', { name: 'Eve', role: 'admin', pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('lists the products with their accessories for every signed-in role', async () => {
    const core = await freshCore({ demo: true });
    const warehouse = await asRole(core, 'warehouse');
    const products = unwrap(await warehouse('products.list', {}));
    expect(products.map((p) => p.model)).toEqual(['AX-100', 'AX-200', 'CH-3', 'SP-500', 'TB-10']);
    expect(products[0]).toMatchObject({ productLine: 'Headphones', accessories: ['cable', 'box', 'manual'] });
  });

  it('refuses a wrong PIN the same way as an unknown user', async () => {
    const core = await freshCore({ demo: true });
    const wrong = await dispatch(core, 'session.signIn', { userId: 1, pin: '9999' }, null);
    const unknown = await dispatch(core, 'session.signIn', { userId: 999, pin: '1234' }, null);
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated', fields: { pin: 'Wrong PIN' } } });
  });
});

describe('case status changes', () => {
  it('write status, history and the portal outbox row together and bump the version', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const created = unwrap(await clerk('cases.create', walkIn));
    expect(created).toMatchObject({ status: 'authorized', version: 1, serial: 'sn-778 899' });
    expect(created.returnAddress?.country).toBe('KR');
    const warehouse = await asRole(core, 'warehouse');
    unwrap(await warehouse('receiving.receive', { rma: created.rma, version: 1, serial: 'SN778899', condition }));
    const received = unwrap(await clerk('cases.get', { rma: created.rma }));
    expect(received.status).toBe('received');
    expect(received.version).toBe(2);
    expect(received.receivedAt).not.toBeNull();
    expect(received.history.map((h) => [h.from, h.to, h.userName])).toEqual([
      [null, 'authorized', 'Eleni Papadopoulou'],
      ['authorized', 'received', 'Minji Kim'],
    ]);
    const outbox = await core.db.selectFrom('portal_outbox').selectAll().where('rma', '=', created.rma).orderBy('id').execute();
    expect(outbox.map((o) => [o.kind, o.seq, JSON.parse(o.body).status ?? null])).toEqual([
      ['case', null, null],
      ['status', 1, 'authorized'],
      ['status', 2, 'received'],
    ]);
    expect(new Set(outbox.map((o) => o.idempotency_key)).size).toBe(3);
  });

  it('refuses a stale version as a conflict and writes nothing', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const created = unwrap(await clerk('cases.create', walkIn));
    const warehouse = await asRole(core, 'warehouse');
    unwrap(await warehouse('receiving.receive', { rma: created.rma, version: 1, serial: walkIn.serial, condition }));
    const before = await tableCounts(core);
    const stale = await clerk('cases.transition', { rma: created.rma, version: 1, to: 'cancelled', note: 'Customer called' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await tableCounts(core)).toEqual(before);
    expect(unwrap(await clerk('cases.get', { rma: created.rma })).status).toBe('received');
  });

  it('refuses an illegal move, a role without the right, a missing reason, and moves that belong to a workflow', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const warehouse = await asRole(core, 'warehouse');
    const created = unwrap(await clerk('cases.create', walkIn));
    const before = await tableCounts(core);
    expect(await clerk('cases.transition', { rma: created.rma, version: 1, to: 'shipped', tracking: '123' })).toMatchObject({
      ok: false,
      error: { code: 'illegal_transition' },
    });
    expect(await warehouse('cases.transition', { rma: created.rma, version: 1, to: 'cancelled', note: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await clerk('cases.transition', { rma: created.rma, version: 1, to: 'cancelled' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: { note: 'Give a reason' } },
    });
    // Receipt, repair and shipping are made on their screens, which check intake, payment and shipment.
    const viaWorkflow = await warehouse('cases.transition', { rma: created.rma, version: 1, to: 'received', serial: walkIn.serial });
    expect(viaWorkflow).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    expect(!viaWorkflow.ok && viaWorkflow.error.message).toMatch(/Receiving screen/);
    expect(unwrap(await warehouse('cases.get', { rma: created.rma })).nextStatuses).toEqual([]);
    expect(await tableCounts(core)).toEqual(before);
  });

  it('gives unique RMA numbers to cases created at the same moment', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const results = await Promise.all(Array.from({ length: 20 }, () => clerk('cases.create', walkIn)));
    const rmas = results.map((r) => unwrap(r).rma);
    expect(new Set(rmas).size).toBe(20);
    for (const rma of rmas) expect(rma).toMatch(/^RMA-\d{4}-\d{6}$/);
  });
});

describe('case search', () => {
  it('finds cases by 2-character Korean and Chinese given names, Greek names, e-mail, phone, RMA and serial', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const names = async (query: string) =>
      new Set(unwrap(await clerk('cases.list', { query, limit: 500 })).rows.map((r) => r.customerName));
    expect(await names('민수')).toEqual(new Set(['김민수', 'Γιώργος 김민수 王小明']));
    expect(await names('小明')).toEqual(new Set(['王小明', 'Γιώργος 김민수 王小明']));
    expect(await names('γιώργος')).toEqual(new Set(['Γιώργος Παπαδόπουλος', 'Γιώργος 김민수 王小明']));
    expect(await names("o'brien")).toEqual(new Set(["Sean O'Brien"]));
    expect(await names('customer12@example.com')).toEqual(new Set(['Γιώργος 김민수 王小明']));
    expect(await names('6789')).toEqual(new Set(['김민수']));
    const first = unwrap(await clerk('cases.list', { limit: 1 })).rows[0]!;
    expect(unwrap(await clerk('cases.list', { query: first.rma.toLowerCase() })).rows.map((r) => r.rma)).toEqual([first.rma]);
    expect(unwrap(await clerk('cases.list', { query: first.serial })).rows.map((r) => r.rma)).toContain(first.rma);
    expect(unwrap(await clerk('cases.list', { query: 'nobody-at-all' })).rows).toEqual([]);
  });
});

describe('signing in', () => {
  /** A demo database on a clock the test moves. */
  async function clocked() {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const core = await freshCore({ demo: true, now: () => new Date(now) });
    const idOf = async (role: string) => Number((await core.db.selectFrom('users').select('id').where('role', '=', role).executeTakeFirstOrThrow()).id);
    return { core, idOf, advance: (ms: number) => void (now += ms) };
  }
  const signIn = (core: Core, userId: number, pin: string, station = 'station 1') => dispatch(core, 'session.signIn', { userId, pin }, null, station);
  const reasonOf = (result: Result<unknown>) => (result.ok ? 'signed in' : result.error.fieldReasons?.pin);
  const events = async (core: Core, userId: number) =>
    (await core.db.selectFrom('sign_in_audit').select(['event', 'actor_id']).where('user_id', '=', userId).orderBy('id').execute()).map((r) =>
      r.actor_id === null ? r.event : `${r.event} by ${r.actor_id}`,
    );

  it('locks a user after 10 wrong PINs in a row until an admin unlocks, and records every failure, the lockout and the unlock', async () => {
    const { core, idOf, advance } = await clocked();
    const admin = await asRole(core, 'admin');
    const adminId = await idOf('admin');
    const tech = await idOf('technician');
    const answers: Result<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      // Minutes apart: every wait is over, so each try is a real guess until the lockout.
      advance(5 * 60_000);
      answers.push(await signIn(core, tech, '9999'));
    }
    expect(answers.map(reasonOf)).toEqual([
      { code: 'users.wrongPin', params: {} },
      { code: 'users.wrongPin', params: {} },
      ...[2, 4, 8, 16, 32, 64].map((seconds) => ({ code: 'users.tryAgainSeconds', params: { seconds } })),
      { code: 'users.tryAgainMinutes', params: { minutes: 3 } },
      ...Array.from({ length: 11 }, () => ({ code: 'users.locked', params: {} })),
    ]);
    advance(24 * 60 * 60_000);
    expect(reasonOf(await signIn(core, tech, '1234'))).toEqual({ code: 'users.locked', params: {} });
    expect(unwrap(await admin('users.list', {})).find((u) => u.id === tech)).toMatchObject({ locked: true });

    expect(await (await asRole(core, 'clerk'))('users.unlock', { userId: tech })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    unwrap(await admin('users.unlock', { userId: tech }));
    expect(unwrap(await admin('users.list', {})).find((u) => u.id === tech)).toMatchObject({ locked: false });
    expect(await admin('users.unlock', { userId: tech })).toMatchObject({ ok: false, error: { fieldReasons: { userId: { code: 'users.notLocked' } } } });
    expect(reasonOf(await signIn(core, tech, '1234'))).toBe('signed in');

    expect(await events(core, tech)).toEqual([
      ...Array.from({ length: 10 }, () => 'wrong_pin'),
      'lockout',
      ...Array.from({ length: 11 }, () => 'locked'),
      `unlock by ${adminId}`,
      'signed_in',
    ]);
  });

  it('makes the next try wait, says how long, and answers an unknown user exactly like a real one', async () => {
    const { core, idOf, advance } = await clocked();
    const tech = await idOf('technician');
    const tries = async (userId: number, station: string) => [
      await signIn(core, userId, '9999', station),
      await signIn(core, userId, '9999', station),
      await signIn(core, userId, '9999', station),
      // Too soon: refused unchecked, even with the right PIN.
      await signIn(core, userId, '1234', station),
    ];
    const real = await tries(tech, 'station 1');
    const unknown = await tries(987_654, 'station 2');
    expect(real).toEqual(unknown);
    expect(real.map(reasonOf)).toEqual([
      { code: 'users.wrongPin', params: {} },
      { code: 'users.wrongPin', params: {} },
      { code: 'users.tryAgainSeconds', params: { seconds: 2 } },
      { code: 'users.tryAgainSeconds', params: { seconds: 2 } },
    ]);
    expect(real[3]).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'Too many wrong PINs. Try again in 2 seconds.' } });
    advance(2_000);
    expect(reasonOf(await signIn(core, tech, '1234', 'station 1'))).toBe('signed in');
    expect(await events(core, 987_654)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'throttled']);

    // One station guessing across many users waits too; another station does not.
    for (let id = 500; id < 505; id++) await signIn(core, id, '9999', 'station 3');
    expect(reasonOf(await signIn(core, 505, '9999', 'station 3'))).toEqual({ code: 'users.tryAgainSeconds', params: { seconds: 2 } });
    expect(reasonOf(await signIn(core, 505, '9999', 'station 4'))).toEqual({ code: 'users.wrongPin', params: {} });
  });

  it('checks an unknown user against a hash too, so it takes as long as a wrong PIN', async () => {
    const { core, idOf, advance } = await clocked();
    const tech = await idOf('technician');
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const timed = async (userId: number) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        advance(10 * 60_000);
        const start = performance.now();
        await signIn(core, userId, '9999', `station ${userId}`);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    try {
      const wrong = await timed(tech);
      expect(scrypt).toHaveBeenCalledTimes(3);
      const unknown = await timed(987_654);
      expect(scrypt).toHaveBeenCalledTimes(6);
      // The hash is most of the work: without it an unknown user answered in a small fraction of the time.
      expect(unknown / wrong).toBeGreaterThan(0.3);
      expect(unknown / wrong).toBeLessThan(3);
    } finally {
      scrypt.mockRestore();
    }
  });
});

describe('hostile input', () => {
  it('takes numbers as numbers only: null, [7], true and "0x10" are refused at the field', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const site = unwrap(await admin('settings.get', {}));
    for (const turnaroundDays of [null, [7], true, '0x10', '7']) {
      const result = await (admin as (m: string, i: unknown) => Promise<Result<unknown>>)('settings.update', { ...site, turnaroundDays });
      expect(result, JSON.stringify(turnaroundDays)).toMatchObject({ ok: false, error: { code: 'invalid', fieldReasons: { turnaroundDays: { code: 'common.number' } } } });
    }
    expect(await admin('settings.update', { ...site, turnaroundDays: 7.5 })).toMatchObject({ ok: false, error: { fieldReasons: { turnaroundDays: { code: 'common.wholeNumber' } } } });
    expect(unwrap(await admin('settings.update', { ...site, turnaroundDays: 9 })).turnaroundDays).toBe(9);
  });

  it('takes the shipping, printer, bench, estimate, warranty and backup numbers as JSON numbers only, refused at their field', async () => {
    const core = await freshCore({ demo: true });
    const admin = (await asRole(core, 'admin')) as (m: string, i: unknown) => Promise<Result<unknown>>;
    const clerk = (await asRole(core, 'clerk')) as (m: string, i: unknown) => Promise<Result<unknown>>;
    const { currency: _currency, ...bench } = unwrap(await admin('bench.settings', {})) as Record<string, never> & { rates: Record<string, unknown>; policy: Record<string, unknown> };
    const printing = unwrap(await admin('printing.settings', {})) as { label: Record<string, unknown> };
    const ship = { rma: 'RMA-2026-000001', version: 1, shipment: { carrier: 'UPS', weightGrams: 900, tracking: '1Z999AA10123456784' } };
    const levels = (fee: unknown) => [fee, 30_000, 50_000];
    const cases: [string, (v: unknown) => [string, unknown], (m: string, i: unknown) => Promise<Result<unknown>>][] = [
      ['shipment.weightGrams', (weightGrams) => ['shipping.ship', { ...ship, shipment: { ...ship.shipment, weightGrams } }], clerk],
      ['label.port', (port) => ['printing.updateSettings', { ...printing, label: { mode: 'zpl', host: '10.0.0.9', port } }], admin],
      ['closeAfterDays', (closeAfterDays) => ['printing.updateSettings', { ...printing, closeAfterDays }], admin],
      ['returnShippingFee', (returnShippingFee) => ['bench.updateSettings', { ...bench, returnShippingFee }], admin],
      ['validityDays', (validityDays) => ['bench.updateSettings', { ...bench, validityDays }], admin],
      ['rates.taxRateBp', (taxRateBp) => ['bench.updateSettings', { ...bench, rates: { ...bench.rates, taxRateBp } }], admin],
      ['rates.laborHourlyRate', (laborHourlyRate) => ['bench.updateSettings', { ...bench, rates: { ...bench.rates, laborHourlyRate } }], admin],
      ['rates.laborLevelFees.0', (fee) => ['bench.updateSettings', { ...bench, rates: { ...bench.rates, laborLevelFees: levels(fee) } }], admin],
      ['policy.standardMonths', (standardMonths) => ['bench.updateSettings', { ...bench, policy: { ...bench.policy, standardMonths } }], admin],
      ['everyHours', (everyHours) => ['backup.configure', { automatic: true, everyHours, keep: 7, folder: null }], admin],
      ['keep', (keep) => ['backup.configure', { automatic: true, everyHours: 24, keep, folder: null }], admin],
    ];
    const before = await tableCounts(core);
    for (const [field, call, as] of cases) {
      // What the field says of something that is not a number at all: its own message, not zod's.
      const notANumber = await as(...call('seven'));
      expect(notANumber, field).toMatchObject({ ok: false, error: { code: 'invalid', fieldReasons: { [field]: { code: expect.not.stringMatching(/^input\./) } } } });
      const said = (notANumber as { error: { fieldReasons: Record<string, { code: string }> } }).error.fieldReasons[field]!.code;
      for (const hostile of [null, [7], true, '0x10', '16']) {
        expect(await as(...call(hostile)), `${field} = ${JSON.stringify(hostile)}`).toMatchObject({ ok: false, error: { code: 'invalid', fieldReasons: { [field]: { code: said } } } });
      }
    }
    expect(await tableCounts(core)).toEqual(before);
    // Numbers still save.
    expect(unwrap(await admin('bench.updateSettings', { ...bench, validityDays: 21 }))).toMatchObject({ validityDays: 21 });
    expect(unwrap(await admin('printing.updateSettings', { ...printing, closeAfterDays: 30 }))).toMatchObject({ closeAfterDays: 30 });
  });

  it('refuses names with invisible or direction characters, and keeps names in one Unicode form', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    for (const name of ['Admin Park\u202e', 'Admin\u200bPark', '\u2066Admin Park\u2069', 'Admin\u2060Park']) {
      expect(await admin('users.create', { name, role: 'admin', pin: '4321' }), JSON.stringify(name)).toMatchObject({
        ok: false,
        error: { fieldReasons: { name: { code: 'field.invisible', params: { label: 'name' } } } },
      });
    }
    expect(await clerk('cases.create', { ...walkIn, customer: { ...walkIn.customer, name: '김민수\u200f' } })).toMatchObject({
      ok: false,
      error: { fieldReasons: { 'customer.name': { code: 'field.invisible' } } },
    });
    const decomposed = unwrap(await admin('users.create', { name: 'Jose\u0301 Li', role: 'clerk', pin: '4321' }));
    expect(decomposed.name).toBe('Jos\u00e9 Li');
    expect(await admin('users.create', { name: 'Jos\u00e9 Li', role: 'clerk', pin: '4321' })).toMatchObject({ ok: false, error: { fields: { name: expect.any(String) } } });
  });

  it('refuses a NUL character in text at its field, in a search as in a form', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const before = await tableCounts(core);
    expect(await clerk('cases.list', { query: 'kim\u0000' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fieldReasons: { query: { code: 'field.nul', params: { label: 'search' } } } },
    });
    expect(await clerk('cases.create', { ...walkIn, problemDescription: 'No sound\u0000' })).toMatchObject({
      ok: false,
      error: { fieldReasons: { problemDescription: { code: 'field.nul' } } },
    });
    expect(await clerk('cases.create', { ...walkIn, returnAddress: { ...walkIn.returnAddress, line1: 'Mapo-gu\u0000' } })).toMatchObject({
      ok: false,
      error: { fieldReasons: { 'returnAddress.line1': { code: 'field.nul' } } },
    });
    expect(await tableCounts(core)).toEqual(before);
    expect(unwrap(await clerk('cases.list', { query: 'kim' })).rows).toBeDefined();
  });
});
