import { normalizeSerial, normalizeTracking } from '../../../base/common/schemas.ts';
import type { Status } from '../../cases/common/index.ts';
import type { Tx } from '../../../base/node/core.ts';
import { insertBenchDemoData } from '../../bench/node/index.ts';
import { addAddress, addCustomer, indexCase, insertCase, insertHistory, startRmaCounter } from '../../cases/node/index.ts';
import { addProduct } from '../../products/node/index.ts';
import { setting } from '../../settings/node/index.ts';
import { createUser } from '../../users/node/index.ts';
import type { Site } from '../../../base/common/schemas.ts';
import { noteOf } from '../../../base/common/messages.ts';
import { casesMessages } from '../../cases/common/index.ts';

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
};

const demoUsers = [
  { name: 'Admin Park', role: 'admin' },
  { name: 'Minji Kim', role: 'warehouse' },
  { name: 'Wei Zhang', role: 'technician' },
  { name: 'Eleni Papadopoulou', role: 'clerk' },
] as const;

const products = [
  { model: 'AX-100', product_line: 'Headphones', name: 'AX-100 Wireless Headphones', warranty_months: 24 },
  { model: 'AX-200', product_line: 'Headphones', name: 'AX-200 Noise Cancelling Headphones', warranty_months: 24 },
  { model: 'SP-500', product_line: 'Speakers', name: 'SP-500 Smart Speaker', warranty_months: 12 },
  { model: 'TB-10', product_line: 'Tablets', name: 'TB-10 Tablet 10"', warranty_months: 24 },
  { model: 'CH-3', product_line: 'Chargers', name: 'CH-3 Fast Charger', warranty_months: 12 },
];

const accessories = JSON.stringify(['adapter', 'cable', 'box', 'manual']);

/** Customers in the scripts the depot serves: Korean, Chinese, Greek, English. */
const customers = [
  { name: '김민수', locale: 'ko', city: 'Seoul', line1: '서울특별시 마포구 월드컵북로 396', postal: '03925', country: 'KR', phone: '010-2345-6789' },
  { name: '이서연', locale: 'ko', city: 'Busan', line1: '부산광역시 해운대구 센텀중앙로 79', postal: '48058', country: 'KR', phone: '010-9876-5432' },
  { name: '박지훈', locale: 'ko', city: 'Incheon', line1: '인천광역시 연수구 송도과학로 32', postal: '21984', country: 'KR', phone: '010-5555-1212' },
  { name: '최유진', locale: 'ko', city: 'Daejeon', line1: '대전광역시 유성구 대학로 99', postal: '34134', country: 'KR', phone: '010-3030-4040' },
  { name: '王小明', locale: 'zh', city: '上海', line1: '上海市浦东新区世纪大道100号', postal: '200120', country: 'CN', phone: '+86 138 0013 8000' },
  { name: '李娜', locale: 'zh', city: '北京', line1: '北京市朝阳区建国路88号', postal: '100022', country: 'CN', phone: '+86 139 1234 5678' },
  { name: '陈静怡', locale: 'zh', city: '深圳', line1: '深圳市南山区科技园南路18号', postal: '518057', country: 'CN', phone: '+86 137 2222 3333' },
  { name: 'Γιώργος Παπαδόπουλος', locale: 'el', city: 'Αθήνα', line1: 'Οδός Ερμού 25', postal: '10563', country: 'GR', phone: '+30 210 123 4567' },
  { name: 'Μαρία Κωνσταντίνου', locale: 'el', city: 'Θεσσαλονίκη', line1: 'Λεωφόρος Νίκης 12', postal: '54624', country: 'GR', phone: '+30 2310 555 111' },
  { name: "Sean O'Brien", locale: 'en', city: 'Dublin', line1: '12 Grafton Street', postal: 'D02 X285', country: 'IE', phone: '+353 1 555 0199' },
  { name: 'Emily Carter', locale: 'en', city: 'Portland', line1: '800 SW Broadway', postal: '97205', country: 'US', phone: '+1 503 555 0142' },
  { name: 'Γιώργος 김민수 王小明', locale: 'en', city: 'Seoul', line1: '서울 중구 세종대로 110 · Ερμού 3', postal: '04524', country: 'KR', phone: '010-1111-2222' },
];

/** The usual road to each status, for plausible demo history. */
const roads: Record<Status, Status[]> = {
  requested: [],
  authorized: ['authorized'],
  rejected: ['rejected'],
  in_transit: ['authorized', 'in_transit'],
  received: ['authorized', 'in_transit', 'received'],
  diagnosing: ['authorized', 'in_transit', 'received', 'diagnosing'],
  awaiting_customer: ['authorized', 'in_transit', 'received', 'diagnosing', 'awaiting_customer'],
  repairing: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing'],
  waiting_parts: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'waiting_parts'],
  qa: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'qa'],
  ready_to_ship: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship'],
  return_unrepaired: ['authorized', 'in_transit', 'received', 'diagnosing', 'awaiting_customer', 'return_unrepaired'],
  shipped: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship', 'shipped'],
  closed: ['authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship', 'shipped', 'closed'],
  cancelled: ['authorized', 'cancelled'],
};

const problems = ['No power', 'Left ear has no sound', 'Battery drains overnight', 'Cracked screen', 'Does not charge', 'Bluetooth drops'];

/** Fills an empty database: demo site, one user per role, products, and 60 cases over every status. */
export async function insertDemoData(trx: Tx, now: Date): Promise<void> {
  await setting.site.write(trx, demoSite);
  await setting.demo.write(trx, true);
  const users: Record<string, number> = {};
  for (const u of demoUsers) users[u.role] = (await createUser(trx, now, { ...u, pin: DEMO_PIN })).id;
  const productIds: number[] = [];
  for (const p of products) {
    const row = await addProduct(trx, { ...p, accessories });
    productIds.push(Number(row.id));
  }
  const statuses = Object.keys(roads) as Status[];
  const year = now.getUTCFullYear();
  for (let i = 0; i < 60; i++) {
    const c = customers[i % customers.length]!;
    const status = statuses[i % statuses.length]!;
    const created = new Date(now.getTime() - (60 - i) * 7 * 3_600_000);
    const at = created.toISOString();
    const customer = await addCustomer(trx, {
      name: c.name,
      email: `customer${i + 1}@example.com`,
      phone: c.phone,
      locale: c.locale,
      created_at: at,
    });
    const address = await addAddress(trx, {
      customer_id: customer.id,
      name: c.name,
      line1: c.line1,
      line2: null,
      city: c.city,
      region: null,
      postal_code: c.postal,
      country: c.country,
      phone: c.phone,
    });
    const rma = `RMA-${year}-${String(i + 1).padStart(6, '0')}`;
    const serial = `SN${(2400000 + i * 7919).toString(36).toUpperCase()}`;
    const road = roads[status];
    const tracking = road.includes('in_transit') ? `6${String(10_000_000_000 + i * 123_457).slice(1)}` : null;
    const steps = road.length;
    const stepAt = (k: number) => new Date(created.getTime() + (k + 1) * 3_600_000).toISOString();
    const receivedStep = road.indexOf('received');
    const purchase = new Date(created.getTime() - (i % 4) * 200 * 86_400_000).toISOString().slice(0, 10);
    const { id: caseId } = await insertCase(trx, at, {
      rma,
      status,
      version: steps + 1,
      customer_id: customer.id,
      product_id: productIds[i % productIds.length]!,
      serial,
      serial_norm: normalizeSerial(serial),
      purchase_date: purchase,
      problem_category: 'hardware',
      problem_description: problems[i % problems.length]!,
      inbound_carrier: tracking ? 'CJ Logistics' : null,
      inbound_tracking: tracking,
      inbound_tracking_norm: tracking ? normalizeTracking(tracking) : null,
      outbound_carrier: road.includes('shipped') ? 'CJ Logistics' : null,
      outbound_tracking: road.includes('shipped') ? `5${String(20_000_000_000 + i).slice(1)}` : null,
      return_address_id: address.id,
      source: i % 3 === 0 ? 'desk' : 'portal',
      resolution: road.includes('ready_to_ship') ? (road.includes('return_unrepaired') ? 'returned_unrepaired' : 'repaired') : null,
      assigned_to: road.includes('diagnosing') ? users.technician! : null,
      updated_at: steps ? stepAt(steps - 1) : at,
      status_changed_at: steps ? stepAt(steps - 1) : at,
      received_at: receivedStep >= 0 ? stepAt(receivedStep) : null,
      portal_seq: 0,
    });
    const history = [{ from: null as Status | null, to: 'requested' as Status, at }];
    road.forEach((to, k) => history.push({ from: k === 0 ? 'requested' : road[k - 1]!, to, at: stepAt(k) }));
    await insertHistory(
      trx,
      history.map((h) => ({
        case_id: caseId,
        at: h.at,
        user_id: h.to === 'requested' ? null : users[roleFor(h.to)]!,
        actor: h.to === 'requested' ? 'system' : roleFor(h.to),
        from_status: h.from,
        to_status: h.to,
        note: h.to === 'requested' ? noteOf(casesMessages.requestedOnPortal()) : null,
      })),
    );
    await indexCase(trx, caseId);
  }
  await startRmaCounter(trx, year, 60);
  await insertBenchDemoData(trx, now);
}

function roleFor(status: Status): string {
  if (status === 'received') return 'warehouse';
  if (['diagnosing', 'repairing', 'waiting_parts', 'qa', 'awaiting_customer'].includes(status)) return 'technician';
  return 'clerk';
}
