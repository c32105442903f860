/** A location's label: its code as Code128 for the move screen's second scan, and its name to read. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  code128Canvas,
  createDocumentRenderer,
  dotsToPt,
  fitCode128,
  UNIT_TAG_SIZE,
  type DocumentRenderer,
} from '../../documents/node/index.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { LocationInfo } from '../common/types.ts';
import { locationById } from './store.ts';

/** Margins in whole dots, so the bars start on a dot of the label printer. */
const MARGIN = dotsToPt(10);

/** On the unit tag's label stock, so one label printer serves both. */
export function locationLabel(location: Pick<LocationInfo, 'code' | 'name'>): TDocumentDefinitions {
  const inner = UNIT_TAG_SIZE.width - 2 * MARGIN;
  return {
    pageSize: UNIT_TAG_SIZE,
    pageMargins: [MARGIN, MARGIN, MARGIN, 0],
    info: { title: `Location ${location.code}` },
    defaultStyle: { fontSize: 8, lineHeight: 1 },
    content: [
      code128Canvas(fitCode128(location.code, inner, 3), 34),
      { text: location.code, bold: true, fontSize: 11, margin: [0, 2, 0, 1] },
      { text: location.name },
    ],
  };
}

let renderer: DocumentRenderer | undefined;

export async function locationLabelPdf(ctx: ServiceContext, input: { id: number }): Promise<{ fileName: string; pdfBase64: string }> {
  const location = await locationById(ctx.db, input.id);
  const pdf = await (renderer ??= createDocumentRenderer()).render(locationLabel(location));
  return { fileName: `location-${location.code.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`, pdfBase64: pdf.toString('base64') };
}
