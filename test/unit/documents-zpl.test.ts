import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFonts, splitRuns } from '../../src/features/documents/node/fonts.ts';
import { code128Canvas, DOT_PT, fitCode128 } from '../../src/features/documents/node/barcode.ts';
import { rasterizeText } from '../../src/features/documents/node/raster.ts';
import { sampleShippingLabel, sampleUnitTag } from '../../src/features/documents/node/samples.ts';
import { sendZpl, shippingLabelZpl, unitTagZpl } from '../../src/features/documents/node/zpl.ts';

const fonts = loadFonts();

describe('font runs', () => {
  it('prints a mixed Greek, Korean, Chinese and Latin name with a font that has each glyph', () => {
    const runs = splitRuns(fonts, "Γιώργος 김민수 王小明 O'Brien");
    expect(runs.map((r) => r.text).join('')).toBe("Γιώργος 김민수 王小明 O'Brien");
    expect(runs.map((r) => [r.text.trim(), r.font])).toEqual([
      ['Γιώργος', 'Latin'],
      ['김민수', 'KR'],
      ['王小明', 'SC'],
      ["O'Brien", 'Latin'],
    ]);
  });

  it('gives ideographs Korean shapes in Korean text and Chinese shapes in Chinese text', () => {
    expect(splitRuns(fonts, '金民洙', 'ko-KR')[0]!.font).toBe('KR');
    expect(splitRuns(fonts, '金民洙', 'zh-CN')[0]!.font).toBe('SC');
    expect(splitRuns(fonts, '王小明')[0]!.font).toBe('SC');
    // Not among the KS X 1001 hanja the Korean face keeps: falls back to the Chinese face.
    expect(splitRuns(fonts, '김 浐', 'ko-KR').map((r) => r.font)).toEqual(['KR', 'SC']);
    // A Hangul word decides its own ideographs even without a Korean reader.
    expect(splitRuns(fonts, '金민수')[0]!.font).toBe('KR');
  });
});

describe('barcodes on a 203 dpi grid', () => {
  it('makes every bar a whole number of printer dots', () => {
    const layout = fitCode128('1Z999AA11234567890', 270, 4);
    expect(Number.isInteger(layout.moduleDots)).toBe(true);
    expect(layout.moduleDots).toBeGreaterThanOrEqual(2);
    const canvas = code128Canvas(layout, 50) as { canvas: { x: number; w: number }[] };
    for (const bar of canvas.canvas) {
      expect(Math.abs(bar.w / DOT_PT - Math.round(bar.w / DOT_PT))).toBeLessThan(1e-6);
      expect(Math.abs(bar.x / DOT_PT - Math.round(bar.x / DOT_PT))).toBeLessThan(1e-6);
    }
    expect(layout.widthPt).toBeLessThanOrEqual(270);
  });

  it('refuses a value that cannot fit or cannot be encoded', () => {
    expect(() => fitCode128('X'.repeat(80), 150)).toThrow(/too long/);
    expect(() => fitCode128('김민수', 150)).toThrow(/printable ASCII/);
  });
});

describe('text as an image for label printers', () => {
  it('draws Hangul into a bitmap of the requested height', () => {
    const bitmap = rasterizeText(fonts, '김민수', 40, 800);
    expect(bitmap.height).toBe(Math.ceil(40 * 1.16));
    expect(bitmap.width).toBeGreaterThan(100);
    expect(bitmap.width).toBeLessThan(130);
    const black = bitmap.data.reduce((n, byte) => n + byte.toString(2).split('1').length - 1, 0);
    const share = black / (bitmap.width * bitmap.height);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.6);
  });

  it('leaves out glyphs past the maximum width', () => {
    expect(rasterizeText(fonts, '김민수김민수김민수', 40, 100).width).toBeLessThanOrEqual(100);
  });
});

describe('ZPL', () => {
  it('prints a Latin unit tag with the printer font and a Code128 of the RMA', () => {
    const zpl = unitTagZpl(fonts, sampleUnitTag('en'));
    expect(zpl).toMatchSnapshot();
    expect(zpl).toContain('^CI28');
    expect(zpl).toContain('^BCN,80,N,N,N,A^FH_^FDRMA-2025-001000^FS');
    expect(zpl).not.toContain('^GF');
  });

  it('sends a Korean address as image fields and the rest as text', () => {
    const zpl = shippingLabelZpl(fonts, sampleShippingLabel('ko'));
    expect(zpl).toMatchSnapshot();
    const fields = zpl.split('\n').filter((line) => line.includes('^GFA'));
    // Name, two street lines and the city line are Hangul.
    expect(fields).toHaveLength(4);
    expect(zpl).toContain('^FD1Z999AA11234567890^FS');
    expect(zpl).toMatch(/\^PW812\n\^LL1218/);
  });

  it('prints a Greek shipping label and escapes ZPL command characters', () => {
    const data = sampleShippingLabel('el');
    data.from = { ...data.from, lines: ['Dock ^2 ~ rear_gate'] };
    const zpl = shippingLabelZpl(fonts, data);
    expect(zpl).toMatchSnapshot();
    expect(zpl).toContain('^FDDock _5E2 _7E rear_5Fgate^FS');
    expect(zpl).toContain('^GFA');
  });
});

describe('sendZpl', () => {
  const servers: net.Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  function printer(onConnection: (socket: net.Socket) => void): Promise<number> {
    const server = net.createServer(onConnection);
    servers.push(server);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  }

  it('delivers exactly the ZPL to a printer on a TCP port', async () => {
    const zpl = shippingLabelZpl(fonts, sampleShippingLabel('zh'));
    let received!: Promise<Buffer>;
    const port = await printer((socket) => {
      received = new Promise((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => {
          socket.end();
          resolve(Buffer.concat(chunks));
        });
      });
    });
    await sendZpl('127.0.0.1', port, zpl);
    expect((await received).equals(Buffer.from(zpl, 'utf8'))).toBe(true);
  });

  it('says clearly when no printer listens', async () => {
    const port = await printer(() => {});
    servers[0]!.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(sendZpl('127.0.0.1', port, '^XA^XZ')).rejects.toThrow(/Could not send the label to the printer at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('times out when the printer accepts but takes nothing', async () => {
    const port = await printer((socket) => socket.pause());
    const big = '^XA' + '^FO0,0^GB10,10,10^FS'.repeat(2_000_000) + '^XZ';
    await expect(sendZpl('127.0.0.1', port, big, { timeoutMs: 300 })).rejects.toThrow(/did not answer within 0\.3 s/);
  });
});
