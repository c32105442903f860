/**
 * ZPL II for Zebra-compatible label printers at 203 dpi, and a raw TCP sender (port 9100).
 * Text the printer's built-in font can show is sent as text (UTF-8, ^CI28); anything else (Hangul,
 * Chinese, Greek) is drawn with Depot's fonts and sent as an image field (^GF).
 */
import net from 'node:net';
import type { Said } from '../../../base/common/messages.ts';
import { DepotError } from '../../../base/common/result.ts';
import { documentsMessages as m } from '../common/index.ts';
import { code128Modules, PRINTER_DPI } from './barcode.ts';
import type { FontSet } from './fonts.ts';
import { addressLines, formatWeight, testPrintLines, type TestPrintData } from './labels.ts';
import { rasterizeText, type Bitmap } from './raster.ts';
import type { PostalAddress, ShippingLabelData, UnitTagData } from './types.ts';

const mmToDots = (mm: number): number => Math.round((mm / 25.4) * PRINTER_DPI);

/** Characters the printer's scalable font 0 prints: ASCII and Latin-1. */
const PRINTER_FONT = /^[\x20-\x7e\u00a0-\u00ff]*$/;

function fieldData(text: string): string {
  // ^FH makes _XX a hex byte, so the command characters cannot end the field early.
  const escaped = text.replace(/[\^~_]/g, (char) => `_${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `^FH_^FD${escaped}^FS`;
}

function graphicField(bitmap: Bitmap): string {
  const total = bitmap.rowBytes * bitmap.height;
  const hex = Buffer.from(bitmap.data).toString('hex').toUpperCase();
  return `^GFA,${total},${total},${bitmap.rowBytes},${hex}^FS`;
}

class ZplLabel {
  private readonly parts: string[] = [];

  constructor(
    private readonly fonts: FontSet,
    readonly width: number,
    readonly height: number,
  ) {}

  text(x: number, y: number, sizeDots: number, text: string, options: { locale?: string; bold?: boolean } = {}): this {
    if (!text) return this;
    if (PRINTER_FONT.test(text)) {
      // Font 0 has no bold; a slightly wider cell reads as emphasis.
      const width = options.bold ? Math.round(sizeDots * 1.1) : sizeDots;
      this.parts.push(`^FO${x},${y}^A0N,${sizeDots},${width}${fieldData(text)}`);
    } else {
      this.parts.push(`^FO${x},${y}${graphicField(rasterizeText(this.fonts, text, sizeDots, this.width - x - 8, options))}`);
    }
    return this;
  }

  code128(x: number, y: number, heightDots: number, data: string, maxModuleDots: number): this {
    const modules = code128Modules(data).reduce((a, b) => a + b, 0) + 20;
    const moduleDots = Math.min(maxModuleDots, Math.floor((this.width - 2 * x) / modules));
    if (moduleDots < 1) throw new DepotError('invalid', m.barcodeTooLongForLabel({ text: data }));
    // Mode A lets the printer pick Code128 subsets, as bwip-js does for the PDF.
    this.parts.push(`^FO${x},${y}^BY${moduleDots},3,${heightDots}^BCN,${heightDots},N,N,N,A${fieldData(data)}`);
    return this;
  }

  rule(y: number, thickness = 3): this {
    this.parts.push(`^FO0,${y}^GB${this.width},${thickness},${thickness}^FS`);
    return this;
  }

  toString(): string {
    return ['^XA', '^CI28', `^PW${this.width}`, `^LL${this.height}`, '^LH0,0', ...this.parts, '^XZ', ''].join('\n');
  }
}

export function unitTagZpl(fonts: FontSet, data: UnitTagData): string {
  const label = new ZplLabel(fonts, mmToDots(62), mmToDots(29));
  return label
    .code128(10, 10, 80, data.rma, 3)
    .text(10, 96, 26, data.rma, { bold: true })
    .text(10, 126, 22, `Model ${data.model}`)
    .text(10, 152, 22, `S/N ${data.serial}`)
    .text(10, 178, 22, `Received ${data.receivedAt}`)
    .toString();
}

/** A test label for a unit tag (62 × 29 mm) or a shipping label (4 × 6 in). */
export function testPrintZpl(fonts: FontSet, data: TestPrintData, size: 'unit_tag' | 'label'): string {
  const small = size === 'unit_tag';
  const label = small ? new ZplLabel(fonts, mmToDots(62), mmToDots(29)) : new ZplLabel(fonts, 4 * PRINTER_DPI, 6 * PRINTER_DPI);
  const x = small ? 10 : 24;
  const step = small ? 30 : 48;
  label.text(x, x, small ? 30 : 50, 'Depot test print', { bold: true });
  testPrintLines(data).forEach((line, i) => label.text(x, x + (i + 1) * step + (small ? 6 : 20), small ? 22 : 32, line));
  return label.toString();
}

function address(label: ZplLabel, x: number, y: number, title: string, addr: PostalAddress, nameSize: number, lineSize: number, locale?: string): number {
  label.text(x, y, 20, title, { bold: true });
  let top = y + 24;
  label.text(x, top, nameSize, addr.name, { bold: true, locale });
  top += nameSize + 6;
  for (const line of addressLines(addr)) {
    label.text(x, top, lineSize, line, { locale });
    top += lineSize + 4;
  }
  return top;
}

export function shippingLabelZpl(fonts: FontSet, data: ShippingLabelData): string {
  const label = new ZplLabel(fonts, 4 * PRINTER_DPI, 6 * PRINTER_DPI);
  const shipment = data.shipment;
  const x = 24;
  let y = address(label, x, 24, 'FROM', data.from, 24, 22);
  label.text(560, 24, 22, data.shipDate);
  if (shipment) label.text(560, 50, 24, formatWeight(shipment.weightGrams), { bold: true });
  label.rule((y += 6));
  y = address(label, x, y + 12, 'SHIP TO', data.to, 40, 32, data.toLocale);
  label.rule((y += 6));
  label.text(x, y + 14, 40, shipment ? `${shipment.carrier} - ${shipment.service}` : 'Carrier:', { bold: true });
  label.rule((y += 64));
  label.text(x, y + 12, 20, 'TRACKING #', { bold: true });
  if (shipment) {
    label.code128(x, y + 36, 170, shipment.trackingNumber, 4);
    label.text(x, y + 214, 30, shipment.trackingNumber, { bold: true });
  }
  label.rule((y += 256));
  label.text(x, y + 12, 20, 'RMA', { bold: true }).code128(x, y + 36, 100, data.rma, 3);
  label.text(x, y + 144, 30, data.rma, { bold: true });
  return label.toString();
}

/** Sends ZPL to a raw TCP printer (port 9100); rejects with a message for the clerk when it cannot. */
export function sendZpl(host: string, port: number, zpl: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    let settled = false;
    const fail = (said: Said) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new DepotError('internal', said));
    };
    socket.setTimeout(timeoutMs, () => {
      if (settled) socket.destroy();
      else fail(m.printerTimeout({ host, port, seconds: timeoutMs / 1000 }));
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      fail(m.printerUnreachable({ host, port, error: error.code ?? error.message })),
    );
    // Raw port 9100 has no acknowledgement: done once the operating system has taken every byte.
    socket.on('connect', () =>
      socket.end(zpl, 'utf8', () => {
        if (settled) return;
        settled = true;
        resolve();
      }),
    );
  });
}
