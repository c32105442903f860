/**
 * The documents of a case, built from what Depot holds: the case and its customer, the dock's
 * receipt, the bench's record (diagnosis, work, parts, estimate and payments) and the shipment.
 * Every date is a day on the site's calendar.
 */
import { addDays, calendarDateIn, type CalendarDate } from '../../../base/common/dates.ts';
import type { Currency } from '../../../base/common/money.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { languageOf, type FieldLabel, type Language, type Said } from '../../../base/common/messages.ts';
import type { DocumentLanguageChoice } from '../../../base/common/schemas.ts';
import { shippedWordIn } from '../../../base/common/shipped.ts';
import { DepotError } from '../../../base/common/result.ts';
import { shippingMessages as m } from '../common/messages.ts';
import { addressedKinds, type DocumentKind, type Shipment } from '../common/shipping.ts';
import type { Db } from '../../../base/node/core.ts';
import {
  createDocumentRenderer,
  estimate,
  intakeReceipt,
  packingSlip,
  repairReport,
  shippingLabel,
  shippingLabelZpl,
  SHIPPING_LABEL_SIZE,
  testPrint,
  testPrintZpl,
  UNIT_TAG_SIZE,
  unitTag,
  unitTagZpl,
  type AccessoryItem,
  type AccessoryKind,
  type CaseInfo,
  type Charges,
  type DocumentRenderer,
  type EstimateData,
  type EstimateLine,
  type MoneyTotals,
  type PackagingState,
  type PaperSize,
  type PostalAddress,
  type Remedies,
  type RepairReportData,
  type Resolution,
  type ShippingLabelData,
  type Site,
  type WarrantyAfter,
} from '../../documents/node/index.ts';
import { returnParcelByRma, type ReturnParcelRow } from '../../cases/node/index.ts';
import type { EstimateView } from '../../bench/common/index.ts';
import { repairRecordOf, type BenchRecord } from '../../bench/node/index.ts';
import { portalEstimatePayload } from '../../estimates/common/index.ts';
import { coverageReasonIn } from '../../warranty/common/index.ts';
import { photoRowsOf } from '../../photos/node/index.ts';
import { readPrinterSettings, type BuiltDocument } from '../../printing/node/index.ts';
import { readBenchSettings, requireSite, setting } from '../../settings/node/index.ts';

let renderer: DocumentRenderer | undefined;
/** Fonts are parsed on first use and kept for the life of the process. */
export const documentRenderer = (): DocumentRenderer => (renderer ??= createDocumentRenderer());

const bcp47: Record<string, string> = { en: 'en-US', ko: 'ko-KR', zh: 'zh-CN', el: 'el-GR' };

/** Labels have fixed room: longer text is cut with an ellipsis rather than pushed onto a second label. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Why a parcel cannot be addressed to this customer yet, or null. */
export function addressProblem(row: ReturnParcelRow): Said | null {
  if (!row.line1 && !row.city && !row.postal_code) return m.noReturnAddress({ rma: row.rma });
  const missing = (
    [
      ['name', row.address_name],
      ['line1', row.line1],
      ['city', row.city],
      ['postalCode', row.postal_code],
      ['country', row.country],
    ] satisfies [FieldLabel, string | null][]
  )
    .filter(([, value]) => !value?.trim())
    .map(([label]) => label);
  return missing.length ? m.addressIncomplete({ rma: row.rma, labels: missing.join(',') }) : null;
}

function returnAddress(row: ReturnParcelRow): PostalAddress {
  const problem = addressProblem(row);
  if (problem) throw new DepotError('invalid', problem);
  return {
    name: row.address_name!,
    lines: [row.line1!, row.line2].filter((l): l is string => Boolean(l?.trim())),
    city: row.city!,
    ...(row.region ? { region: row.region } : {}),
    postalCode: row.postal_code!,
    country: row.country!,
    ...(row.address_phone ? { phone: row.address_phone } : {}),
  };
}

/** Refuses a document that goes on or in the parcel while the case has no complete return address. */
export function requireAddressFor(row: ReturnParcelRow, kinds: readonly DocumentKind[]): void {
  if (!kinds.some((k) => addressedKinds.includes(k))) return;
  const problem = addressProblem(row);
  if (problem) throw new DepotError('invalid', problem);
}

export async function loadCase(db: Db, rma: string): Promise<ReturnParcelRow> {
  const row = await returnParcelByRma(db, rma);
  if (!row) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  return row;
}

export async function siteForDocuments(
  db: Db,
): Promise<{ site: Site; timeZone: string; currency: Currency; documentLanguage: DocumentLanguageChoice }> {
  const settings = await requireSite(db);
  const a = settings.address;
  const site: Site = {
    name: settings.siteName,
    address: {
      name: a.name,
      lines: [a.line1, a.line2].filter((l): l is string => Boolean(l)),
      city: a.city,
      ...(a.region ? { region: a.region } : {}),
      postalCode: a.postalCode,
      country: a.country,
    },
    ...(a.phone ? { phone: a.phone } : {}),
  };
  return { site, timeZone: settings.timeZone, currency: settings.currency, documentLanguage: settings.documentLanguage };
}

/** The language of a case's documents: the site's choice, or the customer's own (English for languages Depot does not write). */
export const documentLanguageFor = (choice: DocumentLanguageChoice, row: ReturnParcelRow): Language =>
  choice === 'customer' ? languageOf(row.locale) : choice;

export function labelData(row: ReturnParcelRow, site: Site, shipDate: CalendarDate, shipment: Shipment | undefined): ShippingLabelData {
  const to = returnAddress(row);
  return {
    rma: row.rma,
    from: site.address,
    to: { ...to, name: clip(to.name, 60), lines: to.lines.map((l) => clip(l, 80)), city: clip(to.city, 60) },
    toLocale: bcp47[row.locale ?? 'en'],
    ...(shipment
      ? { shipment: { carrier: shipment.carrier, service: shipment.service, weightGrams: shipment.weightGrams, trackingNumber: shipment.tracking } }
      : {}),
    shipDate,
  };
}

/** The case's latest recorded shipment, with the day it left on the site's calendar. */
export async function latestShipment(db: Db, caseId: number, timeZone: string): Promise<{ shipment: Shipment; shippedOn: CalendarDate } | undefined> {
  const row = await db
    .selectFrom('shipments')
    .select(['carrier', 'service', 'weight_grams', 'tracking', 'shipped_at'])
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    shipment: { carrier: row.carrier, service: row.service, weightGrams: row.weight_grams, tracking: row.tracking },
    shippedOn: calendarDateIn(new Date(row.shipped_at), timeZone),
  };
}

/**
 * The dock's latest receipt of the case, with who took it in and the return it came in. `intakes`
 * and the returns' tables are receiving's, read here because receiving's node code imports
 * shipping's (the unit tag prints on receipt).
 */
async function intakeOf(db: Db, caseId: number) {
  const row = await db
    .selectFrom('intakes')
    .leftJoin('users', 'users.id', 'intakes.received_by')
    .leftJoin('customer_return_units', 'customer_return_units.case_id', 'intakes.case_id')
    .leftJoin('customer_returns', 'customer_returns.id', 'customer_return_units.return_id')
    .select([
      'customer_returns.number as return_number',
      'intakes.received_at',
      'intakes.serial_scanned',
      'intakes.serial_matches',
      'intakes.mismatch_reason',
      'intakes.packaging',
      'intakes.physical_damage',
      'intakes.liquid_damage',
      'intakes.accessories',
      'intakes.note',
      'users.name as received_by_name',
    ])
    .where('intakes.case_id', '=', caseId)
    .where('intakes.undone_at', 'is', null)
    .orderBy('intakes.id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  const stored = JSON.parse(row.accessories) as { received?: AccessoryKind[]; other?: string | null };
  const accessories: AccessoryItem[] = (stored.received ?? []).map((kind) =>
    kind === 'other' && stored.other ? { kind, description: stored.other } : { kind },
  );
  // "Other" written without ticking the box is still something the dock received.
  if (stored.other && !stored.received?.includes('other')) accessories.push({ kind: 'other', description: stored.other });
  return { ...row, accessories };
}

const on = (instant: string, timeZone: string): CalendarDate => calendarDateIn(new Date(instant), timeZone);

function caseInfo(row: ReturnParcelRow, timeZone: string, replacementSerial?: string): CaseInfo {
  const address = addressProblem(row) ? undefined : returnAddress(row);
  return {
    rma: row.rma,
    ...(row.model ? { model: row.model } : {}),
    serial: row.serial,
    ...(replacementSerial ? { replacementSerial } : {}),
    ...(row.received_at ? { receivedAt: on(row.received_at, timeZone) } : {}),
    ...(row.purchase_date ? { purchaseDate: row.purchase_date } : {}),
    customer: {
      name: row.customer_name,
      ...(row.email ? { email: row.email } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      locale: bcp47[row.locale ?? 'en'] ?? 'en-US',
      ...(address ? { returnAddress: address } : {}),
    },
    symptom: row.problem_description,
  };
}

/** The replacement's serial when the unit going back is a replacement: resolved as replaced, or not resolved yet. */
const replacementOf = (row: ReturnParcelRow, record: BenchRecord): string | undefined =>
  record.replacementSerial && (row.resolution === 'replaced' || row.resolution === null) ? record.replacementSerial : undefined;

/** An estimate's lines and totals as the customer sees them on the portal, in the document's language. */
function customerEstimate(view: EstimateView, language: Language): { lines: EstimateLine[]; totals: MoneyTotals } {
  const body = portalEstimatePayload(
    { validUntil: view.validUntil, totals: { ...view.totals, currency: view.currency, lines: view.lines } },
    language,
    view.warranty,
  );
  return {
    lines: body.lines.map((line) => ({
      kind: line.kind,
      description: line.description,
      quantityMilli: line.quantity * 1000,
      unitPriceMinor: line.unitPrice,
      totalMinor: line.quantity * line.unitPrice,
      covered: line.covered,
    })),
    totals: { currency: view.currency, subtotalMinor: body.subtotal, taxMinor: body.tax, taxRateBp: view.taxRateBp, totalMinor: body.total },
  };
}

/** The warranty's reason in a language; an estimate issued before Depot kept its decision says it in English. */
function warrantyReasonIn(language: Language, warranty: { reason: string; decided: Parameters<typeof coverageReasonIn>[1] | null }): string {
  return warranty.decided ? coverageReasonIn(language, warranty.decided) : warranty.reason;
}

function chargesOf(record: BenchRecord, timeZone: string, language: Language): Charges {
  const e = record.estimate;
  if (e?.state === 'accepted') {
    return {
      kind: 'estimate',
      version: e.version,
      ...customerEstimate(e, language),
      payments: e.payments.map((p) => ({ paidOn: on(p.paidAt, timeZone), reference: p.reference, amountMinor: p.amount })),
      paidMinor: e.paid,
    };
  }
  if (record.warranty?.covered) return { kind: 'covered', reason: coverageReasonIn(language, record.warranty) };
  if (e?.state === 'declined') return { kind: 'declined', version: e.version };
  if (e?.state === 'expired' || e?.expired) return { kind: 'expired', version: e.version };
  if (e?.state === 'issued') return { kind: 'awaiting', version: e.version };
  return { kind: 'none' };
}

/**
 * The warranty the unit goes back with. A repair the customer paid for carries its own warranty,
 * counted (as the warranty rules count it) from the day it shipped; before that, from delivery.
 */
function warrantyAfterOf(
  row: ReturnParcelRow,
  record: BenchRecord,
  repairWarrantyDays: number,
  shippedOn: CalendarDate | undefined,
): WarrantyAfter | undefined {
  const paid = record.estimate?.state === 'accepted' && record.estimate.totals.total > 0;
  if (row.resolution === 'repaired' && paid) {
    return { kind: 'repair', days: repairWarrantyDays, ...(shippedOn ? { until: addDays(shippedOn, repairWarrantyDays) } : {}) };
  }
  const w = record.warranty;
  if ((row.resolution === 'repaired' || row.resolution === 'replaced') && w?.covered && w.until) {
    return { kind: 'continues', until: w.until, replaced: row.resolution === 'replaced' };
  }
  return undefined;
}

function reportData(
  row: ReturnParcelRow,
  record: BenchRecord,
  context: {
    site: Site;
    language: Language;
    timeZone: string;
    today: CalendarDate;
    paper: PaperSize;
    repairWarrantyDays: number;
    shippedOn: CalendarDate | undefined;
  },
): RepairReportData {
  const { timeZone, language } = context;
  const d = record.diagnosis;
  const replacementSerial = replacementOf(row, record);
  const warrantyAfter = warrantyAfterOf(row, record, context.repairWarrantyDays, context.shippedOn);
  return {
    site: context.site,
    language,
    case: caseInfo(row, timeZone, replacementSerial),
    issuedAt: context.today,
    ...(row.resolution ? { resolution: row.resolution as Resolution } : {}),
    ...(d
      ? {
          diagnosis: {
            symptomConfirmed: d.symptomConfirmed,
            ...(d.faultCategory ? { faultCategory: shippedWordIn(language, 'faultCategory', d.faultCategory) } : {}),
            ...(d.fault ? { fault: d.fault } : {}),
            ...(d.testResults ? { testResults: d.testResults } : {}),
            ...(d.customerNotes ? { customerNotes: d.customerNotes } : {}),
          },
        }
      : {}),
    work: record.work.map((w) => ({ on: on(w.at, timeZone), description: w.workDone, minutes: w.minutes })),
    parts: record.parts.map((p) => ({ partNumber: p.sku, description: p.name, quantity: p.quantity })),
    ...(record.warranty ? { warranty: { covered: record.warranty.covered, reason: coverageReasonIn(language, record.warranty) } } : {}),
    ...remediesData(record),
    charges: chargesOf(record, timeZone, language),
    ...(warrantyAfter ? { warrantyAfter } : {}),
    paper: context.paper,
  };
}

/** The remedies for a document: those a regional rule gave, and the customer's choice. */
function remediesData(record: BenchRecord): { remedies?: Remedies } {
  const { offers, chosen } = record.remedies;
  if (offers.length === 0 && !chosen) return {};
  return { remedies: { offers, ...(chosen ? { chosen } : {}) } };
}

/** The portal's address for customers (its origin), or nothing when the site has no portal. */
async function portalHome(db: Db): Promise<string | undefined> {
  const { url } = await setting.portal.read(db);
  if (!url) return undefined;
  try {
    return `${new URL(url).origin}/`;
  } catch {
    return undefined;
  }
}

function estimateData(
  row: ReturnParcelRow,
  view: EstimateView,
  context: { site: Site; language: Language; timeZone: string; paper: PaperSize; portalUrl: string | undefined },
): EstimateData {
  const { language } = context;
  const { lines, totals } = customerEstimate(view, language);
  const decidedOn = view.decision ? on(view.decision.at, context.timeZone) : undefined;
  return {
    site: context.site,
    language,
    case: caseInfo(row, context.timeZone),
    version: view.version,
    issuedAt: on(view.issuedAt, context.timeZone),
    validUntil: view.validUntil,
    warranty: { covered: view.warranty.covered, reason: warrantyReasonIn(language, view.warranty) },
    lines,
    totals,
    ...(view.decision && decidedOn
      ? { standing: { kind: view.decision.decision, on: decidedOn } }
      : view.state === 'expired' || view.expired
        ? { standing: { kind: 'expired' as const } }
        : {}),
    ...(context.portalUrl ? { portalUrl: context.portalUrl } : {}),
    paper: context.paper,
  };
}

const LABEL_MEDIA = { widthMicrons: 101_600, heightMicrons: 152_400 };

const kindNames: Record<DocumentKind, string> = {
  label: 'Return label',
  unit_tag: 'Unit tag',
  packing_slip: 'Packing slip',
  repair_report: 'Repair report',
  intake_receipt: 'Intake receipt',
  estimate: 'Estimate',
};

/** A test page (a test label for labels) for one kind of document, on that kind's paper. */
export async function buildTestDocument(db: Db, kind: DocumentKind, printer: string | null, now: Date): Promise<BuiltDocument> {
  const settings = await requireSite(db);
  const printedAt = new Intl.DateTimeFormat('sv-SE', { timeZone: settings.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(now);
  const data = { siteName: settings.siteName, document: kindNames[kind], printer: printer ?? 'PDF', printedAt: `${printedAt} (${settings.timeZone})` };
  const render = documentRenderer();
  const fileName = `depot-test-${kind.replaceAll('_', '-')}.pdf`;
  if (kind === 'unit_tag' || kind === 'label') {
    const unitTagSize = kind === 'unit_tag';
    return {
      pdf: await render.render(testPrint(data, unitTagSize ? UNIT_TAG_SIZE : SHIPPING_LABEL_SIZE)),
      zpl: testPrintZpl(render.fonts, data, kind),
      fileName,
      media: unitTagSize ? { widthMicrons: 62_000, heightMicrons: 29_000 } : LABEL_MEDIA,
    };
  }
  const paper = (await readPrinterSettings(db)).office.paper;
  return { pdf: await render.render(testPrint(data, paper)), fileName, media: paper };
}

/** Builds one document of a case from what the database holds. */
export async function buildCaseDocument(
  db: Db,
  kind: DocumentKind,
  rma: string,
  options: { shipment?: Shipment | undefined; paper?: PaperSize; now: Date },
): Promise<BuiltDocument> {
  const row = await loadCase(db, rma);
  requireAddressFor(row, [kind]);
  const { site, timeZone, documentLanguage } = await siteForDocuments(db);
  const language = documentLanguageFor(documentLanguage, row);
  const today = calendarDateIn(options.now, timeZone);
  const render = documentRenderer();
  const fileName = `${rma}-${kind.replaceAll('_', '-')}.pdf`;
  // Once the case shipped, its documents show the shipment that was made and the day it left.
  const recorded = await latestShipment(db, row.id, timeZone);
  const shipment = options.shipment ?? recorded?.shipment;
  const shipDate = recorded?.shippedOn ?? today;

  if (kind === 'unit_tag') {
    const data = { rma, model: row.model ?? 'Unknown model', serial: row.serial, receivedAt: row.received_at ? on(row.received_at, timeZone) : today };
    return { pdf: await render.render(unitTag(data)), zpl: unitTagZpl(render.fonts, data), fileName, media: { widthMicrons: 62_000, heightMicrons: 29_000 } };
  }
  if (kind === 'label') {
    const data = labelData(row, site, shipDate, shipment);
    return { pdf: await render.render(shippingLabel(data)), zpl: shippingLabelZpl(render.fonts, data), fileName, media: LABEL_MEDIA };
  }

  const paper = options.paper ?? (await readPrinterSettings(db)).office.paper;
  const page = async (definition: Parameters<DocumentRenderer['render']>[0]): Promise<BuiltDocument> => ({
    pdf: await render.render(definition),
    fileName,
    media: paper,
  });

  if (kind === 'intake_receipt') {
    const intake = await intakeOf(db, row.id);
    if (!intake) throw new DepotError('not_found', m.noIntakeReceipt({ rma }));
    const photos = await photoRowsOf(db, rma);
    return page(
      intakeReceipt({
        site,
        language,
        case: { ...caseInfo(row, timeZone), receivedAt: on(intake.received_at, timeZone) },
        ...(intake.received_by_name ? { receivedBy: intake.received_by_name } : {}),
        ...(intake.return_number ? { returnNumber: intake.return_number } : {}),
        serialScanned: intake.serial_scanned,
        ...(intake.serial_matches ? {} : { serialMismatchReason: intake.mismatch_reason ?? '—' }),
        condition: {
          packaging: intake.packaging as PackagingState,
          physicalDamage: intake.physical_damage === 1,
          liquidDamage: intake.liquid_damage === 1,
          ...(intake.note ? { note: intake.note } : {}),
        },
        accessories: intake.accessories,
        photoCount: photos.length,
        paper,
      }),
    );
  }

  const record = await repairRecordOf(db, row.id, today, language);
  if (kind === 'estimate') {
    if (!record.estimate) throw new DepotError('not_found', m.noEstimate({ rma }));
    return page(estimate({ ...estimateData(row, record.estimate, { site, language, timeZone, paper, portalUrl: await portalHome(db) }), ...remediesData(record) }));
  }
  if (kind === 'packing_slip') {
    const intake = await intakeOf(db, row.id);
    const replacement = replacementOf(row, record);
    return page(
      packingSlip({
        site,
        language,
        case: caseInfo(row, timeZone, replacement),
        ...(shipment
          ? {
              shipment: {
                carrier: shippedWordIn(language, 'carrier', shipment.carrier),
                service: shipment.service,
                weightGrams: shipment.weightGrams,
                trackingNumber: shipment.tracking,
              },
            }
          : {}),
        shipDate,
        unit: {
          ...(row.product_name || row.model ? { description: (row.product_name ?? row.model)! } : {}),
          serial: replacement ?? row.serial,
          replacement: replacement !== undefined,
          ...(row.resolution ? { resolution: row.resolution as Resolution } : {}),
        },
        accessories: intake?.accessories ?? [],
        paper,
      }),
    );
  }
  const { policy } = await readBenchSettings(db);
  return page(
    repairReport(
      reportData(row, record, { site, language, timeZone, today, paper, repairWarrantyDays: policy.repairWarrantyDays, shippedOn: recorded?.shippedOn }),
    ),
  );
}
