/**
 * TrueType subsets for pdfkit, copied straight from the font file's bytes.
 *
 * pdfkit embeds a subset of each font in every document. fontkit's TrueType subsetter decodes every
 * glyph's outline and re-encodes the tables field by field: about 10 ms per font per document, most of
 * a label's time. The glyphs of a subset are byte ranges of the font's glyf table, so this one copies
 * them, renumbers composite glyphs' components, and writes the few tables a PDF needs.
 */

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Tables of a TrueType font embedded in a PDF (FontFile2): outlines, metrics and hinting. */
const COPIED = ['cvt ', 'fpgm', 'prep'] as const;

export class TrueTypeSource {
  private readonly tables = new Map<string, Uint8Array>();
  private readonly loca: Uint32Array;
  private readonly hmtx: DataView;
  private readonly hMetrics: number;
  /** Byte offsets of the component glyph numbers in each composite glyph, found once per glyph. */
  private readonly components = new Map<number, number[]>();

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const entry = 12 + 16 * i;
      const tag = String.fromCharCode(...bytes.subarray(entry, entry + 4));
      const offset = view.getUint32(entry + 8);
      this.tables.set(tag, bytes.subarray(offset, offset + view.getUint32(entry + 12)));
    }
    const table = (tag: string) => {
      const data = this.tables.get(tag);
      if (!data) throw new Error(`the font has no ${tag} table`);
      return new DataView(data.buffer, data.byteOffset, data.byteLength);
    };
    const glyphCount = table('maxp').getUint16(4);
    const longLoca = table('head').getInt16(50) === 1;
    const locaView = table('loca');
    this.loca = new Uint32Array(glyphCount + 1);
    for (let i = 0; i <= glyphCount; i++) this.loca[i] = longLoca ? locaView.getUint32(4 * i) : 2 * locaView.getUint16(2 * i);
    this.hmtx = table('hmtx');
    this.hMetrics = table('hhea').getUint16(34);
  }

  table(tag: string): Uint8Array | undefined {
    return this.tables.get(tag);
  }

  glyph(gid: number): Uint8Array {
    return this.tables.get('glyf')!.subarray(this.loca[gid], this.loca[gid + 1]);
  }

  /** Offsets (in the glyph's bytes) of the glyph numbers of its components; empty for a simple glyph. */
  componentOffsets(gid: number): number[] {
    let offsets = this.components.get(gid);
    if (offsets) return offsets;
    offsets = [];
    const data = this.glyph(gid);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (data.length >= 10 && view.getInt16(0) < 0) {
      let pos = 10;
      let flags: number;
      do {
        flags = view.getUint16(pos);
        offsets.push(pos + 2);
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) pos += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      } while (flags & MORE_COMPONENTS);
    }
    this.components.set(gid, offsets);
    return offsets;
  }

  metrics(gid: number): { advance: number; bearing: number } {
    const last = this.hMetrics - 1;
    if (gid <= last) return { advance: this.hmtx.getUint16(4 * gid), bearing: this.hmtx.getInt16(4 * gid + 2) };
    return { advance: this.hmtx.getUint16(4 * last), bearing: this.hmtx.getInt16(4 * this.hMetrics + 2 * (gid - this.hMetrics)) };
  }
}

/** What pdfkit asks of a subset: new glyph numbers as text is drawn, then the font file. */
export class TrueTypeSubset {
  private readonly glyphs: number[] = [];
  private readonly ids = new Map<number, number>();

  constructor(private readonly source: TrueTypeSource) {
    this.includeGlyph(0);
  }

  includeGlyph(gid: number): number {
    let id = this.ids.get(gid);
    if (id === undefined) {
      id = this.glyphs.push(gid) - 1;
      this.ids.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const glyphData: Uint8Array[] = [];
    // Components of composite glyphs join the subset as they are met, so the list grows while walked.
    for (let i = 0; i < this.glyphs.length; i++) {
      const gid = this.glyphs[i]!;
      let data = this.source.glyph(gid);
      const offsets = this.source.componentOffsets(gid);
      if (offsets.length > 0) {
        data = Uint8Array.from(data);
        const view = new DataView(data.buffer);
        for (const offset of offsets) view.setUint16(offset, this.includeGlyph(view.getUint16(offset)));
      }
      glyphData.push(data);
    }
    const count = glyphData.length;
    const glyfLength = glyphData.reduce((sum, data) => sum + data.length, 0);
    const glyf = new Uint8Array(glyfLength);
    const loca = new DataView(new ArrayBuffer(4 * (count + 1)));
    const hmtx = new DataView(new ArrayBuffer(4 * count));
    let offset = 0;
    glyphData.forEach((data, id) => {
      loca.setUint32(4 * id, offset);
      glyf.set(data, offset);
      offset += data.length;
      const { advance, bearing } = this.source.metrics(this.glyphs[id]!);
      hmtx.setUint16(4 * id, advance);
      hmtx.setInt16(4 * id + 2, bearing);
    });
    loca.setUint32(4 * count, offset);

    const head = Uint8Array.from(this.source.table('head')!);
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set once the file is whole
    headView.setInt16(50, 1); // long loca offsets
    const hhea = Uint8Array.from(this.source.table('hhea')!);
    new DataView(hhea.buffer).setUint16(34, count);
    const maxp = Uint8Array.from(this.source.table('maxp')!);
    new DataView(maxp.buffer).setUint16(4, count);

    const tables: [string, Uint8Array][] = [
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['maxp', maxp],
    ];
    for (const tag of COPIED) {
      const data = this.source.table(tag);
      if (data) tables.push([tag, data]);
    }
    tables.sort(([a], [b]) => (a < b ? -1 : 1));
    return writeFont(tables);
  }
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const whole = data.length & ~3;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (data[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** An sfnt file of the tables (sorted by tag), each padded to four bytes, with its checksums. */
function writeFont(tables: [string, Uint8Array][]): Uint8Array {
  const headerLength = 12 + 16 * tables.length;
  const total = tables.reduce((sum, [, data]) => sum + ((data.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const n = tables.length;
  const power = 2 ** Math.floor(Math.log2(n));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let offset = headerLength;
  let headOffset = 0;
  tables.forEach(([tag, data], i) => {
    const entry = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[entry + c] = tag.charCodeAt(c);
    view.setUint32(entry + 4, checksum(data));
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, data.length);
    out.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += (data.length + 3) & ~3;
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
