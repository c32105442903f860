/** Sample data for document previews, tests and benchmarks: one customer per language Depot serves. */
import { languageOf } from '../../../base/common/messages.ts';
import type { Currency } from '../../../base/common/money.ts';
import type {
  CaseInfo,
  Customer,
  EstimateData,
  EstimateLine,
  IntakeReceiptData,
  PackingSlipData,
  PaperSize,
  RepairReportData,
  ShippingLabelData,
  Site,
  UnitTagData,
} from './types.ts';

export type SampleLanguage = 'en' | 'ko' | 'zh' | 'el';

export const sampleSite: Site = {
  name: 'Depot Repair Center',
  address: { name: 'Depot Repair Center', lines: ['1200 Harbor Blvd, Unit 4'], city: 'Oakland', region: 'CA', postalCode: '94607', country: 'US' },
  email: 'service@depot.example',
  phone: '+1 510 555 0100',
};

export const sampleCustomers: Record<SampleLanguage, Customer & { currency: Currency }> = {
  en: {
    name: "Siobhán O'Brien-Smith",
    email: 'siobhan@example.com',
    phone: '+1 415 555 0199',
    locale: 'en-US',
    currency: 'USD',
    returnAddress: { name: "Siobhán O'Brien-Smith", lines: ['742 Evergreen Terrace', 'Apt 3B'], city: 'Springfield', region: 'OR', postalCode: '97477', country: 'US' },
  },
  ko: {
    name: '김민수',
    email: 'minsu@example.kr',
    phone: '+82 10-1234-5678',
    locale: 'ko-KR',
    currency: 'KRW',
    returnAddress: { name: '김민수', lines: ['서울특별시 강남구 테헤란로 152', '강남파이낸스센터 21층'], city: '서울', postalCode: '06236', country: 'KR' },
  },
  zh: {
    name: '王小明',
    email: 'xiaoming@example.cn',
    phone: '+86 138 0013 8000',
    locale: 'zh-CN',
    currency: 'CNY',
    returnAddress: { name: '王小明', lines: ['上海市浦东新区陆家嘴环路1000号', '恒生银行大厦25楼'], city: '上海', postalCode: '200120', country: 'CN' },
  },
  el: {
    name: 'Γιώργος Παπαδόπουλος',
    email: 'giorgos@example.gr',
    phone: '+30 210 123 4567',
    locale: 'el-GR',
    currency: 'EUR',
    returnAddress: { name: 'Γιώργος Παπαδόπουλος', lines: ['Οδός Ερμού 25', 'Διαμέρισμα 4'], city: 'Αθήνα', postalCode: '105 63', country: 'GR' },
  },
};

export const sampleLanguages = Object.keys(sampleCustomers) as SampleLanguage[];

export function sampleCase(language: SampleLanguage, index = 0): CaseInfo {
  const { currency: _currency, ...customer } = sampleCustomers[language];
  return {
    rma: `RMA-2025-${String(1000 + index).padStart(6, '0')}`,
    model: 'AX-500 Pro',
    serial: `SN${String(48151623 + index)}`,
    receivedAt: '2025-03-14',
    purchaseDate: '2024-01-20',
    customer,
    symptom: language === 'ko' ? '전원이 켜지지 않음' : language === 'zh' ? '无法开机' : language === 'el' ? 'Δεν ανάβει' : 'Does not power on',
  };
}

export function sampleUnitTag(language: SampleLanguage, index = 0): UnitTagData {
  const c = sampleCase(language, index);
  return { rma: c.rma, model: c.model!, serial: c.serial, receivedAt: c.receivedAt! };
}

export function sampleShippingLabel(language: SampleLanguage, index = 0): ShippingLabelData {
  const c = sampleCase(language, index);
  return {
    rma: c.rma,
    from: sampleSite.address,
    to: c.customer.returnAddress!,
    toLocale: c.customer.locale,
    shipment: { carrier: 'UPS', service: 'Worldwide Saver', weightGrams: 2350, trackingNumber: `1Z999AA1${String(1234567890 + index)}` },
    shipDate: '2025-03-21',
  };
}

export function sampleIntakeReceipt(language: SampleLanguage, paper: PaperSize = 'A4'): IntakeReceiptData {
  return {
    site: sampleSite,
    language: languageOf(sampleCustomers[language].locale),
    case: sampleCase(language),
    receivedBy: 'Dana Lee',
    serialScanned: sampleCase(language).serial,
    condition: { packaging: 'opened', physicalDamage: true, liquidDamage: false, note: 'Light scratches on the lid; screen intact' },
    accessories: [{ kind: 'adapter' }, { kind: 'other', description: 'USB-C cable, 1 m' }],
    photoCount: 4,
    paper,
  };
}

function lines(language: SampleLanguage, count: number): EstimateLine[] {
  const { currency } = sampleCustomers[language];
  const unit = currency === 'KRW' ? 45000 : 4500;
  const base: EstimateLine[] = [
    { kind: 'part', description: 'Main board AX-500 (MB-500-R3)', quantityMilli: 1000, unitPriceMinor: unit * 4, totalMinor: unit * 4, covered: false },
    { kind: 'labor', description: 'Labor, damage level 2', quantityMilli: 1500, unitPriceMinor: unit, totalMinor: unit * 1.5, covered: false },
    { kind: 'part', description: 'Battery pack BP-20', quantityMilli: 1000, unitPriceMinor: unit, totalMinor: unit, covered: true },
    { kind: 'shipping', description: 'Return shipping', quantityMilli: 1000, unitPriceMinor: unit / 3, totalMinor: unit / 3, covered: false },
  ];
  return Array.from({ length: count }, (_, i) => ({ ...base[i % base.length]!, description: `${base[i % base.length]!.description}${i >= base.length ? ` #${i + 1}` : ''}` }));
}

function totals(language: SampleLanguage, estimateLines: EstimateLine[]) {
  const { currency } = sampleCustomers[language];
  const subtotalMinor = estimateLines.filter((l) => !l.covered).reduce((sum, l) => sum + l.totalMinor, 0);
  const taxRateBp = 1000;
  const taxMinor = Math.round((subtotalMinor * taxRateBp) / 10000);
  return { currency, subtotalMinor, taxMinor, taxRateBp, totalMinor: subtotalMinor + taxMinor };
}

export function sampleEstimate(language: SampleLanguage, lineCount = 4, paper: PaperSize = 'A4'): EstimateData {
  const estimateLines = lines(language, lineCount);
  const c = sampleCase(language);
  return {
    site: sampleSite,
    language: languageOf(sampleCustomers[language].locale),
    case: c,
    version: 2,
    issuedAt: '2025-03-16',
    validUntil: '2025-04-15',
    warranty: { covered: false, reason: 'Liquid damage found on the main board: liquid damage voids coverage (rule: damage.liquid).' },
    lines: estimateLines,
    totals: totals(language, estimateLines),
    portalUrl: 'https://portal.depot.example/',
    paper,
  };
}

export function sampleRepairReport(language: SampleLanguage, paper: PaperSize = 'A4'): RepairReportData {
  const estimateLines = lines(language, 4);
  const estimateTotals = totals(language, estimateLines);
  return {
    site: sampleSite,
    language: languageOf(sampleCustomers[language].locale),
    case: sampleCase(language),
    invoiceNumber: 'INV-2025-0042',
    issuedAt: '2025-03-20',
    resolution: 'repaired',
    diagnosis: {
      symptomConfirmed: true,
      faultCategory: 'Main board',
      fault: 'Corrosion around the power connector; battery cell swollen',
      testResults: 'Burn-in test 4 h passed',
      customerNotes: 'Keep the unit away from humid rooms.',
    },
    work: [
      { on: '2025-03-18', description: 'Replaced main board', minutes: 50 },
      { on: '2025-03-19', description: 'Replaced battery', minutes: 20 },
    ],
    parts: [
      { partNumber: 'MB-500-R3', description: 'Main board AX-500', quantity: 1 },
      { partNumber: 'BP-20', description: 'Battery pack', quantity: 1 },
    ],
    warranty: { covered: false, reason: 'purchased 2022-01-20, 24-month warranty ended 2024-01-20' },
    charges: {
      kind: 'estimate',
      version: 2,
      lines: estimateLines,
      totals: estimateTotals,
      payments: [{ paidOn: '2025-03-17', reference: 'Card 4242', amountMinor: estimateTotals.totalMinor }],
      paidMinor: estimateTotals.totalMinor,
    },
    warrantyAfter: { kind: 'repair', days: 180, until: '2025-09-17' },
    paper,
  };
}

export function samplePackingSlip(language: SampleLanguage, paper: PaperSize = 'A4'): PackingSlipData {
  const c = sampleCase(language);
  return {
    site: sampleSite,
    language: languageOf(sampleCustomers[language].locale),
    case: c,
    shipment: sampleShippingLabel(language).shipment!,
    shipDate: '2025-03-21',
    unit: { description: c.model, serial: c.serial, replacement: false, resolution: 'repaired' },
    accessories: [{ kind: 'adapter' }],
    paper,
  };
}
