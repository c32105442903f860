import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { usePrinter, type Printer } from '../../src/features/printing/node/printing.ts';
import { asRole, freshCore, tableCounts, tempDir, unwrap } from '../helpers.ts';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A raw TCP label printer on loopback that keeps every job it is sent. */
async function zplListener(): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => received.push(Buffer.concat(chunks).toString('utf8')));
  });
  servers.push(server);
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  return { port, received };
}

function pdfText(base64: string): string {
  const file = path.join(tempDir(), 'test.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

const office = { printer: null, paper: 'A4' as const };

describe('the printers screen’s methods', () => {
  it('saves and reads back where each kind prints, the paper and the auto-close days', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const settings = { label: { mode: 'zpl' as const, printer: null, host: 'zebra-dock.local', port: 6101 }, office: { printer: null, paper: 'LETTER' as const }, closeAfterDays: 21 };
    unwrap(await admin('printing.updateSettings', settings));
    expect(unwrap(await admin('printing.settings', {}))).toEqual(settings);
  });

  it('refuses a bad address or port at its field and leaves the settings as they were', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const before = unwrap(await admin('printing.settings', {}));
    const counts = await tableCounts(core);
    for (const host of ['-dock', 'printer_1', 'dock..local', '10.0.0.1:9100']) {
      expect(await admin('printing.updateSettings', { label: { mode: 'zpl', host, port: 9100 }, office, closeAfterDays: 14 })).toMatchObject({
        ok: false,
        error: { code: 'invalid', fields: { 'label.host': 'A printer address is a host name or IP address' } },
      });
    }
    for (const port of [0, 65_536, 'abc', 1.5]) {
      expect(await admin('printing.updateSettings', { label: { mode: 'zpl', host: '10.0.0.1', port: port as number }, office, closeAfterDays: 14 })).toMatchObject({
        ok: false,
        error: { code: 'invalid', fields: { 'label.port': 'Port 1 to 65535' } },
      });
    }
    expect(await admin('printing.updateSettings', { label: { mode: 'zpl', host: '', port: 9100 }, office, closeAfterDays: 14 })).toMatchObject({
      ok: false,
      error: { fields: { 'label.host': 'Give the label printer’s address' } },
    });
    expect(unwrap(await admin('printing.settings', {}))).toEqual(before);
    expect(await tableCounts(core)).toEqual(counts);
  });

  it('sends a test label to the ZPL printer, keeps no print job, and is for admins only', async () => {
    const core = await freshCore({ demo: true });
    const { port, received } = await zplListener();
    const admin = await asRole(core, 'admin');
    unwrap(await admin('printing.updateSettings', { label: { mode: 'zpl', host: '127.0.0.1', port }, office, closeAfterDays: 14 }));
    const counts = await tableCounts(core);

    expect(unwrap(await admin('printing.test', { kind: 'unit_tag' }))).toEqual({ kind: 'unit_tag', outcome: 'printed', printer: `127.0.0.1:${port}` });
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatch(/^\^XA/);
    expect(received[0]).toContain('^FDDepot test print^FS');
    expect(received[0]).toContain('Unit tag - 127.0.0.1');
    expect(await tableCounts(core)).toEqual(counts);

    const clerk = await asRole(core, 'clerk');
    expect(await clerk('printing.test', { kind: 'unit_tag' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says why a test print failed, as a reason the screen can word', async () => {
    const core = await freshCore({ demo: true });
    const { port } = await zplListener();
    servers.pop()!.close();
    const admin = await asRole(core, 'admin');
    unwrap(await admin('printing.updateSettings', { label: { mode: 'zpl', host: '127.0.0.1', port }, office, closeAfterDays: 14 }));
    const outcome = unwrap(await admin('printing.test', { kind: 'label' }));
    expect(outcome).toMatchObject({ outcome: 'failed', printer: `127.0.0.1:${port}`, reason: { code: 'documents.printerUnreachable', params: { port, error: 'ECONNREFUSED' } } });
  });

  it('prints a one-page test PDF on the system printer, and hands it back when a kind is saved as PDF', async () => {
    const core = await freshCore({ demo: true });
    const printed: { name: string; pdf: Buffer }[] = [];
    const printer: Printer = {
      list: async () => [{ name: 'Office-Laser', isDefault: true }],
      printPdf: async (name, pdf) => void printed.push({ name, pdf }),
    };
    usePrinter(core, printer);
    const admin = await asRole(core, 'admin');
    unwrap(await admin('printing.updateSettings', { label: { mode: 'none' }, office: { printer: 'Office-Laser', paper: 'A4' }, closeAfterDays: 14 }));

    expect(unwrap(await admin('printing.test', { kind: 'repair_report' }))).toEqual({ kind: 'repair_report', outcome: 'printed', printer: 'Office-Laser' });
    const text = pdfText(printed[0]!.pdf.toString('base64'));
    const site = unwrap(await admin('settings.get', {}));
    expect(text).toContain('Depot test print');
    expect(text).toContain(site.siteName);
    expect(text).toContain('Repair report - Office-Laser');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const saved = unwrap(await admin('printing.test', { kind: 'unit_tag' }));
    expect(saved).toMatchObject({ outcome: 'download', fileName: 'depot-test-unit-tag.pdf' });
    expect(pdfText((saved as { pdfBase64: string }).pdfBase64)).toContain('Unit tag - PDF');
    expect(printed).toHaveLength(1);
  });
});
