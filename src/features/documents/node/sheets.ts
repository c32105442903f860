/** Page documents (A4 or Letter): pure functions from data to pdfmake definitions. */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatMoney } from '../../../base/common/money.ts';
import { qrCanvas } from './barcode.ts';
import { addressLines, formatWeight } from './labels.ts';
import { inLocale } from './typeset.ts';
import type {
  AccessoryItem,
  CaseInfo,
  Charges,
  EstimateData,
  EstimateLine,
  IntakeReceiptData,
  MoneyTotals,
  PackingSlipData,
  PaperSize,
  Remedies,
  RemedyOffer,
  RepairReportData,
  Site,
  WarrantyAfter,
  WarrantyDecision,
} from './types.ts';

/**
 * Every fixed word the page documents print, in one place. The documents are English for now; a
 * translation replaces this table, not the layouts below.
 */
const sheetText = {
  none: 'None',
  customer: 'Customer',
  unit: 'Unit',
  facts: {
    rma: 'RMA',
    model: 'Model',
    serial: 'Serial',
    replacementSerial: 'Replacement serial',
    purchased: 'Purchased',
    received: 'Received',
  },
  table: {
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    covered: 'covered',
    subtotal: 'Subtotal',
    tax: (rate: string) => `Tax ${rate}%`,
    total: 'Total',
  },
  accessories: { adapter: 'Power adapter', cable: 'Cable', box: 'Box', manual: 'Manual', other: 'Other' },
  packaging: { intact: 'Intact', damaged: 'Damaged', opened: 'Opened', none: 'No packaging' },
  resolutions: {
    repaired: 'Repaired',
    replaced: 'Replaced',
    returned_unrepaired: 'Returned unrepaired',
    no_fault_found: 'No fault found',
    refunded: 'Refunded',
  },
  warranty: { title: 'Warranty', covered: 'Covered.', notCovered: 'Not covered.', undecided: 'No warranty decision was recorded.' },
  remedies: {
    title: 'Your remedies',
    kind: { refund: 'Refund', exchange: 'Exchange', repair: 'Repair', paid_repair: 'Paid repair' },
    mayAsk: 'You may ask for',
    chosen: 'You chose',
  },
  intake: {
    title: 'Intake receipt',
    received: 'Received',
    receivedOn: 'Received on',
    receivedBy: 'Received by',
    serialScanned: 'Serial scanned',
    serialDiffers: (reason: string) => `differs from the RMA: ${reason}`,
    condition: 'Condition',
    packaging: 'Packaging',
    damage: 'Damage',
    physicalDamage: 'Physical damage',
    liquidDamage: 'Liquid damage',
    noDamage: 'None visible',
    note: 'Note',
    photos: 'Photos taken',
    accessories: 'Accessories',
    reported: 'Reported problem',
    keep: 'Keep this receipt: quote the RMA number whenever you contact us about this unit.',
  },
  estimate: {
    title: 'Estimate',
    version: (version: number) => `v${version}`,
    lines: 'Lines',
    validity: 'Validity',
    issued: (issued: string, validUntil: string) => `Issued ${issued}. Valid until ${validUntil}.`,
    onPortal: 'Approve or decline this estimate on the portal (scan the code).',
    withoutPortal: (rma: string) => `To approve or decline, call or e-mail us with the RMA number ${rma}.`,
    accepted: (on: string) => `Accepted on ${on}.`,
    declined: (on: string) => `Declined on ${on}.`,
    expired: 'Expired without a decision.',
  },
  report: {
    title: 'Repair report',
    invoiceTitle: 'Repair report / invoice',
    outcome: 'Outcome',
    resolution: 'Resolution',
    underWay: 'Repair under way',
    issued: 'Issued',
    repairWarranty: 'Repair warranty',
    repairWarrantyUntil: (until: string, days: number) => `until ${until} (${days} days from shipping)`,
    repairWarrantyFromDelivery: (days: number) => `${days} days from delivery`,
    warrantyUntil: 'Warranty until',
    warrantyContinues: (until: string) => `${until} (the unit's warranty continues)`,
    replacementWarranty: (until: string) => `${until} (the rest of the original unit's warranty)`,
    findings: 'Findings',
    reported: 'Reported by you',
    symptom: 'Symptom',
    symptomConfirmed: 'Confirmed by our tests',
    symptomNotConfirmed: 'Not confirmed: it did not occur in our tests',
    faultCategory: 'Fault category',
    fault: 'Fault found',
    testResults: 'Test results',
    noDiagnosis: 'No diagnosis was recorded.',
    notes: 'Notes for you',
    workDone: 'Work done',
    noWork: 'No work was recorded.',
    minutes: (minutes: number) => `${minutes} min`,
    totalTime: (minutes: number) => `Total time: ${minutes} min`,
    partsUsed: 'Parts used',
    part: 'Part',
    charges: 'Charges',
    acceptedEstimate: (version: number) => `Estimate version ${version}, accepted`,
    payments: 'Payments received',
    paid: 'Paid',
    balance: 'Balance due',
    coveredByWarranty: 'Covered by warranty: no charge.',
    awaiting: (version: number) => `Estimate version ${version} is waiting for your decision: nothing has been charged.`,
    declined: (version: number) => `Estimate version ${version} was declined: nothing was charged.`,
    expired: (version: number) => `Estimate version ${version} expired: nothing was charged.`,
    noCharge: 'No charge.',
  },
  slip: {
    title: 'Packing slip',
    shipment: 'Shipment',
    shipped: 'Shipped',
    printed: 'Printed',
    carrier: 'Carrier',
    tracking: 'Tracking number',
    weight: 'Weight',
    notShippedYet: 'Carrier and tracking number are added when the parcel is handed over.',
    contents: 'Contents',
    item: 'Item',
    serial: 'Serial',
    /** What the unit in the parcel is, after the case's resolution. */
    unitIs: {
      repaired: 'repaired',
      replaced: 'replacement unit',
      returned_unrepaired: 'returned unrepaired',
      no_fault_found: 'no fault found',
      refunded: 'refunded',
    },
  },
};

const MUTED = '#555555';
/** Marks a node for the page-break rule: a section heading, or the page footer. */
const HEADING = 1;
const FOOTER = 99;

function page(
  paper: PaperSize,
  site: Site,
  title: string,
  subtitle: string,
  content: Content[],
): TDocumentDefinitions {
  return {
    pageSize: paper,
    pageMargins: [48, 48, 48, 56],
    info: { title: `${title} ${subtitle}` },
    defaultStyle: { fontSize: 10, lineHeight: 1.2 },
    // A section's heading never ends a page: with nothing after it but the footer, it moves to the
    // next page with its content.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === HEADING && nodes.getFollowingNodesOnPage().every((next) => next.headlineLevel === FOOTER),
    footer: (current: number, count: number) => ({
      columns: [
        { text: `${site.name} · ${title} ${subtitle}`, color: MUTED, fontSize: 8, headlineLevel: FOOTER },
        { text: `${current} / ${count}`, alignment: 'right', color: MUTED, fontSize: 8, headlineLevel: FOOTER },
      ],
      headlineLevel: FOOTER,
      margin: [48, 20, 48, 0],
    }),
    content: [
      {
        columns: [
          {
            stack: [
              { text: site.name, bold: true, fontSize: 13 },
              ...addressLines(site.address).map((line) => ({ text: line, color: MUTED, fontSize: 9 })),
              ...[site.phone, site.email].filter(Boolean).map((line) => ({ text: line!, color: MUTED, fontSize: 9 })),
            ],
          },
          {
            width: 'auto',
            stack: [
              { text: title, bold: true, fontSize: 18, alignment: 'right' },
              { text: subtitle, alignment: 'right', fontSize: 11 },
            ],
          },
        ],
        margin: [0, 0, 0, 16],
      },
      ...content,
    ],
  };
}

function section(title: string): Content {
  return { text: title, bold: true, fontSize: 11, margin: [0, 14, 0, 4], headlineLevel: HEADING };
}

const muted = (text: string): Content => ({ text, color: MUTED });

/** Label and value rows; a row without a value is left out. Values may be customer text, set in `locale`. */
function facts(rows: [string, string | undefined][], locale?: string): Content {
  return {
    table: {
      widths: [110, '*'],
      body: rows.filter((row): row is [string, string] => Boolean(row[1])).map(([key, value]) => [
        { text: key, color: MUTED },
        locale ? inLocale({ text: value }, locale) : value,
      ]),
    },
    layout: 'noBorders',
  };
}

function customerAndUnit(caseInfo: CaseInfo): Content {
  const customer = caseInfo.customer;
  const f = sheetText.facts;
  return {
    columns: [
      inLocale(
        {
          stack: [
            { text: sheetText.customer, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
            { text: customer.name, bold: true },
            ...(customer.returnAddress ? addressLines(customer.returnAddress).map((line) => ({ text: line })) : []),
            ...[customer.email, customer.phone].filter(Boolean).map((line) => ({ text: line!, color: MUTED })),
          ],
        },
        customer.locale,
      ),
      {
        stack: [
          { text: sheetText.unit, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
          facts([
            [f.rma, caseInfo.rma],
            [f.model, caseInfo.model],
            [f.serial, caseInfo.serial],
            [f.replacementSerial, caseInfo.replacementSerial],
            [f.purchased, caseInfo.purchaseDate],
            [f.received, caseInfo.receivedAt],
          ]),
        ],
      },
    ],
    columnGap: 24,
  };
}

// Building an Intl.NumberFormat costs far more than using one.
const quantityFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
const formatQuantity = (milli: number): string => quantityFormat.format(milli / 1000);

function moneyFormatter(currency: MoneyTotals['currency'], locale: string): (minor: number) => string {
  const formatted = new Map<number, string>();
  return (minor) => {
    let text = formatted.get(minor);
    if (text === undefined) formatted.set(minor, (text = formatMoney(minor, currency, locale)));
    return text;
  };
}

function linesTable(lines: EstimateLine[], totals: MoneyTotals, locale: string, customerLocale: string): Content {
  const money = moneyFormatter(totals.currency, locale);
  const w = sheetText.table;
  const body: TableCell[][] = [
    [
      { text: w.description, bold: true },
      { text: w.quantity, bold: true, alignment: 'right' },
      { text: w.unitPrice, bold: true, alignment: 'right' },
      { text: w.amount, bold: true, alignment: 'right' },
    ],
    ...lines.map((line): TableCell[] => [
      inLocale({ text: line.description }, customerLocale),
      { text: formatQuantity(line.quantityMilli), alignment: 'right' },
      { text: money(line.unitPriceMinor), alignment: 'right' },
      line.covered
        ? { text: [{ text: `${money(line.totalMinor)} `, decoration: 'lineThrough', color: MUTED }, w.covered], alignment: 'right' }
        : { text: money(line.totalMinor), alignment: 'right' },
    ]),
  ];
  const total = (label: string, minor: number, bold = false): TableCell[] => [
    { text: label, colSpan: 3, alignment: 'right', bold },
    {},
    {},
    { text: money(minor), alignment: 'right', bold },
  ];
  body.push(
    total(w.subtotal, totals.subtotalMinor),
    total(w.tax(quantityFormat.format(totals.taxRateBp / 100)), totals.taxMinor),
    total(w.total, totals.totalMinor, true),
  );
  return {
    table: { headerRows: 1, widths: ['*', 50, 80, 90], body, dontBreakRows: true },
    layout: 'lightHorizontalLines',
  };
}

const accessoryName = (item: AccessoryItem): string =>
  item.kind === 'other' ? (item.description ?? sheetText.accessories.other) : sheetText.accessories[item.kind];

function warrantyWords(warranty: WarrantyDecision | undefined): string {
  const w = sheetText.warranty;
  return warranty ? `${warranty.covered ? w.covered : w.notCovered} ${warranty.reason}` : w.undecided;
}

function warrantyText(warranty: WarrantyDecision | undefined): Content {
  const w = sheetText.warranty;
  if (!warranty) return muted(w.undecided);
  return { text: [{ text: `${warranty.covered ? w.covered : w.notCovered} `, bold: true }, warranty.reason] };
}

/** The offers grouped by their reason: one rule giving three remedies is one line. */
function reasonsOf(offers: readonly RemedyOffer[]): { remedies: RemedyOffer['remedy'][]; reason: string }[] {
  const grouped: { remedies: RemedyOffer['remedy'][]; reason: string }[] = [];
  for (const offer of offers) {
    const same = grouped.find((g) => g.reason === offer.reason);
    if (same) same.remedies.push(offer.remedy);
    else grouped.push({ remedies: [offer.remedy], reason: offer.reason });
  }
  return grouped;
}

/** The remedies a regional rule gives, each with its reason and clause, and the customer's choice. */
function remediesContent(remedies: Remedies | undefined): Content[] {
  if (!remedies || (remedies.offers.length === 0 && !remedies.chosen)) return [];
  const w = sheetText.remedies;
  return [
    section(w.title),
    ...(remedies.offers.length
      ? [
          { text: [`${w.mayAsk}: `, { text: remedies.offers.map((o) => w.kind[o.remedy]).join(', '), bold: true }] },
          { ul: reasonsOf(remedies.offers).map(({ remedies: kinds, reason }) => ({ text: [{ text: `${kinds.map((k) => w.kind[k]).join(', ')}: `, bold: true }, reason] })) } as Content,
        ]
      : []),
    ...(remedies.chosen ? [{ text: [`${w.chosen}: `, { text: w.kind[remedies.chosen], bold: true }], margin: [0, 4, 0, 0] } as Content] : []),
  ];
}

export function intakeReceipt(data: IntakeReceiptData): TDocumentDefinitions {
  const w = sheetText.intake;
  const locale = data.case.customer.locale;
  const c = data.condition;
  const damage = [c.physicalDamage ? w.physicalDamage : null, c.liquidDamage ? w.liquidDamage : null].filter((d): d is string => d !== null);
  return page(data.paper, data.site, w.title, data.case.rma, [
    customerAndUnit(data.case),
    section(w.received),
    facts([
      [w.receivedOn, data.case.receivedAt],
      [w.receivedBy, data.receivedBy],
      [w.serialScanned, data.serialMismatchReason ? `${data.serialScanned} (${w.serialDiffers(data.serialMismatchReason)})` : data.serialScanned],
    ]),
    section(w.condition),
    facts(
      [
        [w.packaging, sheetText.packaging[c.packaging]],
        [w.damage, damage.length ? damage.join(', ') : w.noDamage],
        [w.note, c.note],
        [w.photos, String(data.photoCount)],
      ],
      locale,
    ),
    section(w.accessories),
    data.accessories.length
      ? { ul: data.accessories.map((item) => inLocale({ text: accessoryName(item) }, locale)) }
      : muted(sheetText.none),
    ...(data.case.symptom ? [section(w.reported), inLocale({ text: data.case.symptom }, locale)] : []),
    { text: w.keep, color: MUTED, margin: [0, 18, 0, 0] },
  ]);
}

function standingText(data: EstimateData): Content[] {
  const w = sheetText.estimate;
  const standing = data.standing;
  if (standing?.kind === 'accepted') return [{ text: w.accepted(standing.on), bold: true }];
  if (standing?.kind === 'declined') return [{ text: w.declined(standing.on), bold: true }];
  if (standing?.kind === 'expired') return [{ text: w.expired, bold: true }];
  return data.portalUrl ? [muted(w.onPortal), { text: data.portalUrl, color: MUTED, fontSize: 8 }] : [muted(w.withoutPortal(data.case.rma))];
}

export function estimate(data: EstimateData): TDocumentDefinitions {
  const w = sheetText.estimate;
  const locale = data.site.locale;
  const showQr = data.portalUrl && !data.standing;
  return page(data.paper, data.site, w.title, `${data.case.rma} · ${w.version(data.version)}`, [
    customerAndUnit(data.case),
    section(sheetText.warranty.title),
    warrantyText(data.warranty),
    ...remediesContent(data.remedies),
    section(w.lines),
    linesTable(data.lines, data.totals, locale, data.case.customer.locale),
    ...(data.notes ? [{ text: data.notes, margin: [0, 8, 0, 0] } as Content] : []),
    {
      columns: [
        { stack: [section(w.validity), { text: w.issued(data.issuedAt, data.validUntil) }, ...standingText(data)] },
        ...(showQr ? [{ width: 'auto', stack: [qrCanvas(data.portalUrl!, 104)], margin: [0, 10, 0, 0] } as Content] : []),
      ],
      columnGap: 16,
      unbreakable: true,
    },
  ]);
}

function warrantyAfterRow(after: WarrantyAfter | undefined): [string, string | undefined] {
  const w = sheetText.report;
  if (!after) return [w.repairWarranty, undefined];
  if (after.kind === 'repair') {
    return [w.repairWarranty, after.until ? w.repairWarrantyUntil(after.until, after.days) : w.repairWarrantyFromDelivery(after.days)];
  }
  return [w.warrantyUntil, after.replaced ? w.replacementWarranty(after.until) : w.warrantyContinues(after.until)];
}

function chargesContent(charges: Charges, data: RepairReportData): Content[] {
  const w = sheetText.report;
  switch (charges.kind) {
    case 'estimate': {
      const money = moneyFormatter(charges.totals.currency, data.site.locale);
      const balance = charges.totals.totalMinor - charges.paidMinor;
      return [
        muted(w.acceptedEstimate(charges.version)),
        linesTable(charges.lines, charges.totals, data.site.locale, data.case.customer.locale),
        section(w.payments),
        charges.payments.length
          ? {
              table: {
                widths: [90, '*', 90],
                body: charges.payments.map((p): TableCell[] => [p.paidOn, inLocale({ text: p.reference }, data.case.customer.locale), { text: money(p.amountMinor), alignment: 'right' }]),
              },
              layout: 'noBorders',
            }
          : muted(sheetText.none),
        {
          table: {
            widths: ['*', 90],
            body: [
              [{ text: w.paid, alignment: 'right', bold: true }, { text: money(charges.paidMinor), alignment: 'right', bold: true }],
              ...(balance > 0 ? [[{ text: w.balance, alignment: 'right' }, { text: money(balance), alignment: 'right' }] satisfies TableCell[]] : []),
            ],
          },
          layout: 'noBorders',
          margin: [0, 4, 0, 0],
        },
      ];
    }
    case 'covered':
      return [{ text: [{ text: `${w.coveredByWarranty} `, bold: true }, charges.reason] }];
    case 'awaiting':
      return [{ text: w.awaiting(charges.version) }];
    case 'declined':
      return [{ text: w.declined(charges.version) }];
    case 'expired':
      return [{ text: w.expired(charges.version) }];
    case 'none':
      return [{ text: w.noCharge }];
  }
}

export function repairReport(data: RepairReportData): TDocumentDefinitions {
  const w = sheetText.report;
  const locale = data.case.customer.locale;
  const title = data.invoiceNumber ? w.invoiceTitle : w.title;
  const subtitle = data.invoiceNumber ? `${data.case.rma} · ${data.invoiceNumber}` : data.case.rma;
  const d = data.diagnosis;
  const minutes = data.work.reduce((sum, entry) => sum + entry.minutes, 0);
  return page(data.paper, data.site, title, subtitle, [
    customerAndUnit(data.case),
    section(w.outcome),
    facts([
      [w.resolution, data.resolution ? sheetText.resolutions[data.resolution] : w.underWay],
      [w.issued, data.issuedAt],
      [sheetText.warranty.title, warrantyWords(data.warranty)],
      warrantyAfterRow(data.warrantyAfter),
    ]),
    ...remediesContent(data.remedies),
    section(w.findings),
    ...(data.case.symptom ? [facts([[w.reported, data.case.symptom]], locale)] : []),
    d
      ? facts(
          [
            [w.symptom, d.symptomConfirmed ? w.symptomConfirmed : w.symptomNotConfirmed],
            [w.faultCategory, d.faultCategory],
            [w.fault, d.fault],
            [w.testResults, d.testResults],
          ],
          locale,
        )
      : muted(w.noDiagnosis),
    ...(d?.customerNotes ? [section(w.notes), inLocale({ text: d.customerNotes }, locale)] : []),
    section(w.workDone),
    data.work.length
      ? {
          table: {
            widths: [70, '*', 50],
            body: [
              ...data.work.map((entry): TableCell[] => [
                { text: entry.on, color: MUTED },
                inLocale({ text: entry.description }, locale),
                { text: w.minutes(entry.minutes), alignment: 'right' },
              ]),
              [{ text: w.totalTime(minutes), colSpan: 3, alignment: 'right', color: MUTED }, {}, {}],
            ],
          },
          layout: 'noBorders',
        }
      : muted(w.noWork),
    section(w.partsUsed),
    data.parts.length
      ? {
          table: {
            headerRows: 1,
            widths: [100, '*', 40],
            body: [
              [
                { text: w.part, bold: true },
                { text: sheetText.table.description, bold: true },
                { text: sheetText.table.quantity, bold: true, alignment: 'right' },
              ],
              ...data.parts.map((part): TableCell[] => [part.partNumber, part.description, { text: String(part.quantity), alignment: 'right' }]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : muted(sheetText.none),
    section(w.charges),
    ...chargesContent(data.charges, data),
  ]);
}

export function packingSlip(data: PackingSlipData): TDocumentDefinitions {
  const w = sheetText.slip;
  const locale = data.case.customer.locale;
  const unit = data.unit;
  const unitWords = unit.replacement ? w.unitIs.replaced : unit.resolution ? w.unitIs[unit.resolution] : null;
  const row = (description: string, serial = ''): TableCell[] => [inLocale({ text: description }, locale), serial, { text: '1', alignment: 'right' }];
  return page(data.paper, data.site, w.title, data.case.rma, [
    customerAndUnit(data.case),
    section(w.shipment),
    data.shipment
      ? facts([
          [w.shipped, data.shipDate],
          [w.carrier, `${data.shipment.carrier} · ${data.shipment.service}`],
          [w.tracking, data.shipment.trackingNumber],
          [w.weight, formatWeight(data.shipment.weightGrams)],
        ])
      : { stack: [facts([[w.printed, data.shipDate]]), muted(w.notShippedYet)] },
    section(w.contents),
    {
      table: {
        headerRows: 1,
        widths: ['*', 120, 40],
        body: [
          [
            { text: w.item, bold: true },
            { text: w.serial, bold: true },
            { text: sheetText.table.quantity, bold: true, alignment: 'right' },
          ],
          row(unitWords ? `${unit.description} (${unitWords})` : unit.description, unit.serial),
          ...data.accessories.map((item) => row(accessoryName(item))),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ]);
}
