/** Label documents: pure functions from data to pdfmake definitions, laid out on a 203 dpi dot grid. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { code128Canvas, dotsToPt, fitCode128 } from './barcode.ts';
import { inLocale } from './typeset.ts';
import type { PostalAddress, ShippingLabelData, UnitTagData } from './types.ts';

const MM_PT = 72 / 25.4;
export const UNIT_TAG_SIZE = { width: 62 * MM_PT, height: 29 * MM_PT };
export const SHIPPING_LABEL_SIZE = { width: 288, height: 432 };

/** Margins in whole dots, so left-aligned barcodes start on a dot. */
const TAG_MARGIN = dotsToPt(10);
const LABEL_MARGIN = dotsToPt(16);

export function addressLines(address: PostalAddress): string[] {
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  return [address.company, ...address.lines, cityLine, address.country, address.phone].filter(
    (line): line is string => Boolean(line && line.trim()),
  );
}

export function formatWeight(grams: number): string {
  return `${(grams / 1000).toFixed(grams % 10 === 0 ? 2 : 3)} kg`;
}

export function unitTag(data: UnitTagData): TDocumentDefinitions {
  const inner = UNIT_TAG_SIZE.width - 2 * TAG_MARGIN;
  const barcode = fitCode128(data.rma, inner, 3);
  return {
    pageSize: UNIT_TAG_SIZE,
    pageMargins: [TAG_MARGIN, TAG_MARGIN, TAG_MARGIN, 0],
    info: { title: `Unit tag ${data.rma}` },
    defaultStyle: { fontSize: 7, lineHeight: 1 },
    content: [
      code128Canvas(barcode, 26),
      { text: data.rma, bold: true, fontSize: 9, margin: [0, 1, 0, 1] },
      { text: [{ text: 'Model ', color: '#444' }, data.model] },
      { text: [{ text: 'S/N ', color: '#444' }, data.serial] },
      { text: [{ text: 'Received ', color: '#444' }, data.receivedAt] },
    ],
  };
}

/** What a test print says: that it is one, for which site, document and printer, and when. */
export interface TestPrintData {
  siteName: string;
  document: string;
  printer: string;
  printedAt: string;
}

export const testPrintLines = (data: TestPrintData): string[] => [data.siteName, `${data.document} - ${data.printer}`, data.printedAt];

/** One page (or one label of the given size) saying "Depot test print". */
export function testPrint(data: TestPrintData, pageSize: 'A4' | 'LETTER' | { width: number; height: number }): TDocumentDefinitions {
  const small = typeof pageSize === 'object' && pageSize.height < 200;
  return {
    pageSize,
    pageMargins: small ? [TAG_MARGIN, TAG_MARGIN, TAG_MARGIN, 0] : 36,
    info: { title: 'Depot test print' },
    defaultStyle: { fontSize: small ? 7 : 12 },
    content: [
      { text: 'Depot test print', bold: true, fontSize: small ? 10 : 24, margin: [0, 0, 0, small ? 2 : 12] },
      ...testPrintLines(data).map((text) => ({ text })),
    ],
  };
}

function addressBlock(title: string, address: PostalAddress, nameSize: number, lineSize: number, locale?: string): Content {
  return inLocale(
    {
      stack: [
        { text: title, fontSize: 7, bold: true, color: '#000' },
        { text: address.name, fontSize: nameSize, bold: true },
        ...addressLines(address).map((line) => ({ text: line, fontSize: lineSize })),
      ],
    },
    locale,
  );
}

const rule = (width: number): Content => ({
  canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 1.5 }],
  margin: [0, 4, 0, 4],
});

export function shippingLabel(data: ShippingLabelData): TDocumentDefinitions {
  const inner = SHIPPING_LABEL_SIZE.width - 2 * LABEL_MARGIN;
  const shipment = data.shipment;
  const rma = fitCode128(data.rma, inner, 3);
  const tracking: Content[] = shipment
    ? [
        { text: 'TRACKING #', fontSize: 7, bold: true },
        code128Canvas(fitCode128(shipment.trackingNumber, inner, 4), 62),
        { text: shipment.trackingNumber, fontSize: 10, bold: true, margin: [0, 2, 0, 0] },
      ]
    : [
        { text: 'TRACKING #', fontSize: 7, bold: true },
        // Room for the carrier's own tracking sticker.
        { canvas: [{ type: 'rect', x: 0, y: 0, w: inner, h: 76, lineWidth: 0.75, dash: { length: 3 } }] },
      ];
  return {
    pageSize: SHIPPING_LABEL_SIZE,
    pageMargins: [LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN],
    info: { title: `Return label ${data.rma}` },
    defaultStyle: { fontSize: 8, lineHeight: 1.05 },
    content: [
      {
        columns: [
          addressBlock('FROM', data.from, 8, 8),
          {
            width: 'auto',
            stack: [
              { text: data.shipDate, alignment: 'right' },
              ...(shipment ? [{ text: formatWeight(shipment.weightGrams), alignment: 'right', bold: true } as Content] : []),
            ],
          },
        ],
      },
      rule(inner),
      addressBlock('SHIP TO', data.to, 13, 11, data.toLocale),
      rule(inner),
      { text: shipment ? `${shipment.carrier} · ${shipment.service}` : 'Carrier: ', fontSize: 14, bold: true },
      rule(inner),
      ...tracking,
      rule(inner),
      { text: 'RMA', fontSize: 7, bold: true },
      code128Canvas(rma, 34),
      { text: data.rma, fontSize: 10, bold: true, margin: [0, 2, 0, 0] },
    ],
  };
}
