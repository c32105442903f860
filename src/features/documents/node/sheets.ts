/** Page documents (A4 or Letter): pure functions from data to pdfmake definitions. */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatMoney } from '../../../base/common/money.ts';
import { qrCanvas } from './barcode.ts';
import { addressLines, formatWeight } from './labels.ts';
import { inLocale } from './typeset.ts';
import type {
  CaseInfo,
  EstimateData,
  EstimateLine,
  IntakeReceiptData,
  MoneyTotals,
  PackingSlipData,
  PaperSize,
  RepairReportData,
  Site,
} from './types.ts';

const MUTED = '#555555';

const accessoryNames = { adapter: 'Power adapter', cable: 'Cable', box: 'Box', manual: 'Manual', other: 'Other' };
const resolutionNames: Record<RepairReportData['resolution'], string> = {
  repaired: 'Repaired',
  replaced: 'Replaced',
  returned_unrepaired: 'Returned unrepaired',
  no_fault_found: 'No fault found',
  refunded: 'Refunded',
};

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
    footer: (current: number, count: number) => ({
      columns: [
        { text: `${site.name} · ${title} ${subtitle}`, color: MUTED, fontSize: 8 },
        { text: `${current} / ${count}`, alignment: 'right', color: MUTED, fontSize: 8 },
      ],
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
  return { text: title, bold: true, fontSize: 11, margin: [0, 14, 0, 4] };
}

function facts(rows: [string, string | undefined][]): Content {
  return {
    table: {
      widths: [110, '*'],
      body: rows.filter((row): row is [string, string] => Boolean(row[1])).map(([key, value]) => [
        { text: key, color: MUTED },
        value,
      ]),
    },
    layout: 'noBorders',
  };
}

function customerAndUnit(caseInfo: CaseInfo): Content {
  const customer = caseInfo.customer;
  return {
    columns: [
      inLocale(
        {
          stack: [
            { text: 'Customer', bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
            { text: customer.name, bold: true },
            ...addressLines(customer.returnAddress).map((line) => ({ text: line })),
            ...[customer.email, customer.phone].filter(Boolean).map((line) => ({ text: line!, color: MUTED })),
          ],
        },
        customer.locale,
      ),
      {
        stack: [
          { text: 'Unit', bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
          facts([
            ['RMA', caseInfo.rma],
            ['Model', caseInfo.model],
            ['Serial', caseInfo.serial],
            ['Replacement serial', caseInfo.replacementSerial],
            ['Purchased', caseInfo.purchaseDate],
            ['Received', caseInfo.receivedAt],
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

function linesTable(lines: EstimateLine[], totals: MoneyTotals, locale: string, customerLocale: string): Content {
  const formatted = new Map<number, string>();
  const money = (minor: number): string => {
    let text = formatted.get(minor);
    if (text === undefined) formatted.set(minor, (text = formatMoney(minor, totals.currency, locale)));
    return text;
  };
  const body: TableCell[][] = [
    [
      { text: 'Description', bold: true },
      { text: 'Qty', bold: true, alignment: 'right' },
      { text: 'Unit price', bold: true, alignment: 'right' },
      { text: 'Amount', bold: true, alignment: 'right' },
    ],
    ...lines.map((line): TableCell[] => [
      inLocale({ text: line.description }, customerLocale),
      { text: formatQuantity(line.quantityMilli), alignment: 'right' },
      { text: money(line.unitPriceMinor), alignment: 'right' },
      line.covered
        ? { text: [{ text: `${money(line.totalMinor)} `, decoration: 'lineThrough', color: MUTED }, 'covered'], alignment: 'right' }
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
    total('Subtotal', totals.subtotalMinor),
    total(`Tax ${quantityFormat.format(totals.taxRateBp / 100)}%`, totals.taxMinor),
    total('Total', totals.totalMinor, true),
  );
  return {
    table: { headerRows: 1, widths: ['*', 50, 80, 90], body, dontBreakRows: true },
    layout: 'lightHorizontalLines',
  };
}

export function intakeReceipt(data: IntakeReceiptData): TDocumentDefinitions {
  return page(data.paper, data.site, 'Intake receipt', data.case.rma, [
    customerAndUnit(data.case),
    section('Received'),
    facts([
      ['Received on', data.case.receivedAt],
      ['Received by', data.receivedBy],
      ['Condition', data.condition],
      ['Photos', String(data.photoCount)],
    ]),
    section('Accessories'),
    data.accessories.length
      ? {
          ul: data.accessories.map((item) =>
            inLocale({ text: item.description ? `${accessoryNames[item.kind]}: ${item.description}` : accessoryNames[item.kind] }, data.case.customer.locale),
          ),
        }
      : { text: 'None', color: MUTED },
    ...(data.case.symptom ? [section('Reported problem'), inLocale({ text: data.case.symptom }, data.case.customer.locale)] : []),
  ]);
}

export function estimate(data: EstimateData): TDocumentDefinitions {
  const locale = data.site.locale;
  return page(data.paper, data.site, 'Estimate', `${data.case.rma} · v${data.version}`, [
    customerAndUnit(data.case),
    section('Warranty'),
    {
      text: [{ text: data.warranty.covered ? 'Covered. ' : 'Not covered. ', bold: true }, data.warranty.reason],
    },
    section('Lines'),
    linesTable(data.lines, data.totals, locale, data.case.customer.locale),
    ...(data.notes ? [{ text: data.notes, margin: [0, 8, 0, 0] } as Content] : []),
    {
      columns: [
        {
          stack: [
            section('Validity'),
            { text: `Issued ${data.issuedAt}. Valid until ${data.validUntil}.` },
            { text: 'Approve or decline this estimate on the portal (scan the code).', color: MUTED },
            { text: data.portalUrl, color: MUTED, fontSize: 8 },
          ],
        },
        { width: 'auto', stack: [qrCanvas(data.portalUrl, 104)], margin: [0, 10, 0, 0] },
      ],
      columnGap: 16,
      unbreakable: true,
    },
  ]);
}

export function repairReport(data: RepairReportData): TDocumentDefinitions {
  const title = data.invoiceNumber ? 'Repair report / invoice' : 'Repair report';
  const subtitle = data.invoiceNumber ? `${data.case.rma} · ${data.invoiceNumber}` : data.case.rma;
  const list = (items: string[]): Content =>
    items.length ? { ul: items.map((item) => inLocale({ text: item }, data.case.customer.locale)) } : { text: 'None', color: MUTED };
  return page(data.paper, data.site, title, subtitle, [
    customerAndUnit(data.case),
    section('Outcome'),
    facts([
      ['Resolution', resolutionNames[data.resolution]],
      ['Issued', data.issuedAt],
      ['Repair warranty until', data.repairWarrantyEnd],
    ]),
    section('Findings'),
    list(data.findings),
    section('Work done'),
    list(data.workDone),
    section('Parts used'),
    data.parts.length
      ? {
          table: {
            headerRows: 1,
            widths: [100, '*', 40],
            body: [
              [
                { text: 'Part', bold: true },
                { text: 'Description', bold: true },
                { text: 'Qty', bold: true, alignment: 'right' },
              ],
              ...data.parts.map((part): Content[] => [part.partNumber, part.description, { text: String(part.quantity), alignment: 'right' }]),
            ],
          },
          layout: 'lightHorizontalLines',
        }
      : { text: 'None', color: MUTED },
    section('Charges'),
    data.lines.length ? linesTable(data.lines, data.totals, data.site.locale, data.case.customer.locale) : { text: 'No charge.' },
  ]);
}

export function packingSlip(data: PackingSlipData): TDocumentDefinitions {
  return page(data.paper, data.site, 'Packing slip', data.case.rma, [
    customerAndUnit(data.case),
    section('Shipment'),
    facts([
      ['Shipped', data.shipDate],
      ['Carrier', `${data.shipment.carrier} · ${data.shipment.service}`],
      ['Tracking number', data.shipment.trackingNumber],
      ['Weight', formatWeight(data.shipment.weightGrams)],
    ]),
    section('Contents'),
    {
      table: {
        headerRows: 1,
        widths: ['*', 120, 40],
        body: [
          [
            { text: 'Item', bold: true },
            { text: 'Serial', bold: true },
            { text: 'Qty', bold: true, alignment: 'right' },
          ],
          ...data.contents.map((item): Content[] => [
            inLocale({ text: item.description }, data.case.customer.locale),
            item.serial ?? '',
            { text: String(item.quantity), alignment: 'right' },
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ]);
}
