/** Page documents (A4 or Letter): pure functions from data to pdfmake definitions. */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { languageTag } from '../../../base/common/messages.ts';
import { formatMoney } from '../../../base/common/money.ts';
import { qrCanvas } from './barcode.ts';
import { addressLines, formatWeight } from './labels.ts';
import { inLocale } from './typeset.ts';
import { wordsIn, type SheetWords } from './words.ts';
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

function customerAndUnit(caseInfo: CaseInfo, words: SheetWords): Content {
  const customer = caseInfo.customer;
  const f = words.facts;
  return {
    columns: [
      inLocale(
        {
          stack: [
            { text: words.customer, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
            { text: customer.name, bold: true },
            ...(customer.returnAddress ? addressLines(customer.returnAddress).map((line) => ({ text: line })) : []),
            ...[customer.email, customer.phone].filter(Boolean).map((line) => ({ text: line!, color: MUTED })),
          ],
        },
        customer.locale,
      ),
      {
        stack: [
          { text: words.unit, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
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

// Building an Intl.NumberFormat costs far more than using one. Quantities and rates are plain digits in every language.
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

function linesTable(lines: EstimateLine[], totals: MoneyTotals, words: SheetWords, locale: string, customerLocale: string): Content {
  const money = moneyFormatter(totals.currency, locale);
  const w = words.table;
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

const accessoryName = (item: AccessoryItem, words: SheetWords): string =>
  item.kind === 'other' ? (item.description ?? words.accessories.other) : words.accessories[item.kind];

function warrantyWords(warranty: WarrantyDecision | undefined, words: SheetWords): string {
  const w = words.warranty;
  return warranty ? `${warranty.covered ? w.covered : w.notCovered}${words.sentenceGap}${warranty.reason}` : w.undecided;
}

function warrantyText(warranty: WarrantyDecision | undefined, words: SheetWords): Content {
  const w = words.warranty;
  if (!warranty) return muted(w.undecided);
  return { text: [{ text: `${warranty.covered ? w.covered : w.notCovered}${words.sentenceGap}`, bold: true }, warranty.reason] };
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
function remediesContent(remedies: Remedies | undefined, words: SheetWords): Content[] {
  if (!remedies || (remedies.offers.length === 0 && !remedies.chosen)) return [];
  const w = words.remedies;
  const { listSeparator: list, colon } = words;
  return [
    section(w.title),
    ...(remedies.offers.length
      ? [
          { text: [`${w.mayAsk}${colon}`, { text: remedies.offers.map((o) => w.kind[o.remedy]).join(list), bold: true }] },
          {
            ul: reasonsOf(remedies.offers).map(({ remedies: kinds, reason }) => ({
              text: [{ text: `${kinds.map((k) => w.kind[k]).join(list)}${colon}`, bold: true }, reason],
            })),
          } as Content,
        ]
      : []),
    ...(remedies.chosen ? [{ text: [`${w.chosen}${colon}`, { text: w.kind[remedies.chosen], bold: true }], margin: [0, 4, 0, 0] } as Content] : []),
  ];
}

export function intakeReceipt(data: IntakeReceiptData): TDocumentDefinitions {
  const words = wordsIn(data.language);
  const w = words.intake;
  const locale = data.case.customer.locale;
  const c = data.condition;
  const damage = [c.physicalDamage ? w.physicalDamage : null, c.liquidDamage ? w.liquidDamage : null].filter((d): d is string => d !== null);
  return page(data.paper, data.site, w.title, data.case.rma, [
    customerAndUnit(data.case, words),
    section(w.received),
    facts([
      [w.receivedOn, data.case.receivedAt],
      [w.receivedBy, data.receivedBy],
      [w.inReturn, data.returnNumber],
      [w.serialScanned, data.serialMismatchReason ? `${data.serialScanned} (${w.serialDiffers(data.serialMismatchReason)})` : data.serialScanned],
    ]),
    section(w.condition),
    facts(
      [
        [w.packaging, words.packaging[c.packaging]],
        [w.damage, damage.length ? damage.join(words.listSeparator) : w.noDamage],
        [w.note, c.note],
        [w.photos, String(data.photoCount)],
      ],
      locale,
    ),
    section(w.accessories),
    data.accessories.length
      ? { ul: data.accessories.map((item) => inLocale({ text: accessoryName(item, words) }, locale)) }
      : muted(words.none),
    ...(data.case.symptom ? [section(w.reported), inLocale({ text: data.case.symptom }, locale)] : []),
    { text: w.keep, color: MUTED, margin: [0, 18, 0, 0] },
  ]);
}

function standingText(data: EstimateData, words: SheetWords): Content[] {
  const w = words.estimate;
  const standing = data.standing;
  if (standing?.kind === 'accepted') return [{ text: w.accepted(standing.on), bold: true }];
  if (standing?.kind === 'declined') return [{ text: w.declined(standing.on), bold: true }];
  if (standing?.kind === 'expired') return [{ text: w.expired, bold: true }];
  return data.portalUrl ? [muted(w.onPortal), { text: data.portalUrl, color: MUTED, fontSize: 8 }] : [muted(w.withoutPortal(data.case.rma))];
}

export function estimate(data: EstimateData): TDocumentDefinitions {
  const words = wordsIn(data.language);
  const w = words.estimate;
  const locale = languageTag(data.language);
  const showQr = data.portalUrl && !data.standing;
  return page(data.paper, data.site, w.title, `${data.case.rma} · ${w.version(data.version)}`, [
    customerAndUnit(data.case, words),
    section(words.warranty.title),
    warrantyText(data.warranty, words),
    ...remediesContent(data.remedies, words),
    section(w.lines),
    linesTable(data.lines, data.totals, words, locale, data.case.customer.locale),
    ...(data.notes ? [{ text: data.notes, margin: [0, 8, 0, 0] } as Content] : []),
    {
      columns: [
        { stack: [section(w.validity), { text: w.issued(data.issuedAt, data.validUntil) }, ...standingText(data, words)] },
        ...(showQr ? [{ width: 'auto', stack: [qrCanvas(data.portalUrl!, 104)], margin: [0, 10, 0, 0] } as Content] : []),
      ],
      columnGap: 16,
      unbreakable: true,
    },
  ]);
}

function warrantyAfterRow(after: WarrantyAfter | undefined, words: SheetWords): [string, string | undefined] {
  const w = words.report;
  if (!after) return [w.repairWarranty, undefined];
  if (after.kind === 'repair') {
    return [w.repairWarranty, after.until ? w.repairWarrantyUntil(after.until, after.days) : w.repairWarrantyFromDelivery(after.days)];
  }
  return [w.warrantyUntil, after.replaced ? w.replacementWarranty(after.until) : w.warrantyContinues(after.until)];
}

function chargesContent(charges: Charges, data: RepairReportData, words: SheetWords): Content[] {
  const w = words.report;
  const locale = languageTag(data.language);
  switch (charges.kind) {
    case 'estimate': {
      const money = moneyFormatter(charges.totals.currency, locale);
      const balance = charges.totals.totalMinor - charges.paidMinor;
      return [
        muted(w.acceptedEstimate(charges.version)),
        linesTable(charges.lines, charges.totals, words, locale, data.case.customer.locale),
        section(w.payments),
        charges.payments.length
          ? {
              table: {
                widths: [90, '*', 90],
                body: charges.payments.map((p): TableCell[] => [p.paidOn, inLocale({ text: p.reference }, data.case.customer.locale), { text: money(p.amountMinor), alignment: 'right' }]),
              },
              layout: 'noBorders',
            }
          : muted(words.none),
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
      return [{ text: [{ text: `${w.coveredByWarranty}${words.sentenceGap}`, bold: true }, charges.reason] }];
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
  const words = wordsIn(data.language);
  const w = words.report;
  const locale = data.case.customer.locale;
  const title = data.invoiceNumber ? w.invoiceTitle : w.title;
  const subtitle = data.invoiceNumber ? `${data.case.rma} · ${data.invoiceNumber}` : data.case.rma;
  const d = data.diagnosis;
  const minutes = data.work.reduce((sum, entry) => sum + entry.minutes, 0);
  return page(data.paper, data.site, title, subtitle, [
    customerAndUnit(data.case, words),
    section(w.outcome),
    facts([
      [w.resolution, data.resolution ? words.resolutions[data.resolution] : w.underWay],
      [w.issued, data.issuedAt],
      [words.warranty.title, warrantyWords(data.warranty, words)],
      warrantyAfterRow(data.warrantyAfter, words),
    ]),
    ...remediesContent(data.remedies, words),
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
                { text: words.table.description, bold: true },
                { text: words.table.quantity, bold: true, alignment: 'right' },
              ],
              ...data.parts.map((part): TableCell[] => [part.partNumber, part.description, { text: String(part.quantity), alignment: 'right' }]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : muted(words.none),
    section(w.charges),
    ...chargesContent(data.charges, data, words),
  ]);
}

export function packingSlip(data: PackingSlipData): TDocumentDefinitions {
  const words = wordsIn(data.language);
  const w = words.slip;
  const locale = data.case.customer.locale;
  const unit = data.unit;
  const unitWords = unit.replacement ? w.unitIs.replaced : unit.resolution ? w.unitIs[unit.resolution] : null;
  const row = (description: string, serial = ''): TableCell[] => [inLocale({ text: description }, locale), serial, { text: '1', alignment: 'right' }];
  return page(data.paper, data.site, w.title, data.case.rma, [
    customerAndUnit(data.case, words),
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
            { text: words.table.quantity, bold: true, alignment: 'right' },
          ],
          row(unitWords ? w.unitWithState(unit.description ?? w.unknownModel, unitWords) : (unit.description ?? w.unknownModel), unit.serial),
          ...data.accessories.map((item) => row(accessoryName(item, words))),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ]);
}
