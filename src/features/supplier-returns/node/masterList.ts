/** The master list that goes in the box to the vendor: as a PDF to print, and as CSV for the vendor's system. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatMoney, type Currency } from '../../../base/common/money.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { addressLines, createDocumentRenderer, type DocumentRenderer, type Site } from '../../documents/node/index.ts';
import { codeWords, tableCsv, type ReportTable, type TableId } from '../../reports/common/index.ts';
import { siteForDocuments } from '../../shipping/node/index.ts';
import type { SupplierReturnDetail, SupplierReturnItem } from '../common/types.ts';
import { supplierReturnDetail } from './store.ts';

const MUTED = '#555555';

const outcomeText = (item: SupplierReturnItem, currency: Currency): string =>
  item.outcome === 'replacement' ? 'Replacement' : item.outcome === 'credit' ? `Credit ${formatMoney(item.creditMinor ?? 0, currency)}` : '';

/** What each line sends back: the part by SKU and name, or the unit by its model. */
const itemText = (item: SupplierReturnItem): string => (item.kind === 'part' ? `${item.sku} ${item.partName ?? ''}`.trim() : `Unit ${item.model ?? ''}`.trim());

export function masterListDocument(site: Site, currency: Currency, r: SupplierReturnDetail): TDocumentDefinitions {
  const units = r.list.filter((i) => i.kind === 'unit').length;
  const parts = r.list.filter((i) => i.kind === 'part').reduce((sum, i) => sum + i.quantity, 0);
  const shipped: Content[] = r.shippedAt ? [{ text: `Shipped ${r.shippedAt.slice(0, 10)} · ${r.carrier} ${r.tracking}`, margin: [0, 0, 0, 8] }] : [];
  return {
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    info: { title: `Supplier return ${r.number}` },
    defaultStyle: { fontSize: 10, lineHeight: 1.2 },
    footer: (current: number, count: number) => ({
      columns: [
        { text: `${site.name} · Supplier return ${r.number}`, color: MUTED, fontSize: 8 },
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
            ],
          },
          {
            width: 'auto',
            stack: [
              { text: 'Supplier return', bold: true, fontSize: 18, alignment: 'right' },
              { text: r.number, alignment: 'right', fontSize: 11 },
            ],
          },
        ],
        margin: [0, 0, 0, 16],
      },
      { text: `To: ${r.vendor}`, bold: true, margin: [0, 0, 0, 4] },
      { text: `Opened ${r.openedAt.slice(0, 10)} by ${r.openedBy}` },
      ...shipped,
      {
        table: {
          headerRows: 1,
          widths: [18, 'auto', 'auto', '*', 'auto', 'auto'],
          body: [
            ['#', 'Customer RMA', 'Serial', 'Item', 'Qty', 'Credit'].map((text) => ({ text, bold: true })),
            ...r.list.map((item, n) => [
              String(n + 1),
              item.rma,
              item.serial,
              itemText(item),
              { text: String(item.quantity), alignment: 'right' as const },
              outcomeText(item, currency),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 12, 0, 8],
      },
      { text: `Units: ${units} · Parts: ${parts}`, bold: true },
    ],
  };
}

let renderer: DocumentRenderer | undefined;

export async function masterListPdf(ctx: ServiceContext, input: { id: number }): Promise<{ fileName: string; pdfBase64: string }> {
  const [{ site, currency }, detail] = await Promise.all([siteForDocuments(ctx.db), supplierReturnDetail(ctx.db, input.id)]);
  const pdf = await (renderer ??= createDocumentRenderer()).render(masterListDocument(site, currency, detail));
  return { fileName: `${detail.number}.pdf`, pdfBase64: pdf.toString('base64') };
}

export async function masterListCsv(ctx: ServiceContext, input: { id: number }): Promise<{ fileName: string; csv: string }> {
  const [{ currency }, detail] = await Promise.all([siteForDocuments(ctx.db), supplierReturnDetail(ctx.db, input.id)]);
  const table: ReportTable = {
    // The writer never reads the id; a master list is not one of the Reports screen's tables.
    id: 'supplier-return' as TableId,
    currency,
    columns: [
      { key: 'rma', kind: 'rma' },
      { key: 'serial', kind: 'text' },
      { key: 'kind', kind: 'text' },
      { key: 'model', kind: 'text' },
      { key: 'sku', kind: 'text' },
      { key: 'part', kind: 'text' },
      { key: 'quantity', kind: 'count' },
      { key: 'outcome', kind: 'text' },
      { key: 'credit', kind: 'money' },
    ],
    rows: detail.list.map((i) => ({
      cells: {
        rma: i.rma,
        serial: i.serial,
        kind: i.kind,
        model: i.model,
        sku: i.sku,
        part: i.partName,
        quantity: i.quantity,
        outcome: i.outcome,
        credit: i.creditMinor,
      },
    })),
  };
  return { fileName: `${detail.number}.csv`, csv: tableCsv(table, codeWords) };
}
