/**
 * The system's printers through CUPS (Linux and macOS), for browser mode and the CLI, which have no
 * Electron to print with. Depot runs CUPS's own commands, `lpstat` to list and `lp` to print, with
 * argument arrays and never a shell; a printer is named to `lp` only once CUPS has listed it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { DepotError } from '../../../base/common/result.ts';
import { printingMessages as m } from '../common/index.ts';
import type { Printer, PrinterInfo, PrintMedia } from './printing.ts';

export interface CupsOptions {
  /** `host:port` of the CUPS server; by default the system's (or `CUPS_SERVER`'s). */
  server?: string;
  /** How long one command may take before CUPS counts as not answering. */
  timeoutMs?: number;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Whether `lpstat` and `lp` are on PATH, so CUPS can be asked at all. */
export function cupsInstalled(searchPath = process.env.PATH ?? ''): boolean {
  const found = (command: string) =>
    searchPath
      .split(path.delimiter)
      .filter(Boolean)
      .some((dir) => {
        try {
          accessSync(path.join(dir, command), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
  return found('lpstat') && found('lp');
}

/**
 * CUPS's media option for Depot's paper: A4 and Letter by name, a label by its size in millimetres
 * (to a tenth, as `Custom.WxHmm`).
 */
export function cupsMedia(media: PrintMedia): string {
  if (media === 'A4') return 'A4';
  if (media === 'LETTER') return 'Letter';
  const mm = (microns: number) => String(Math.round(microns / 100) / 10);
  return `Custom.${mm(media.widthMicrons)}x${mm(media.heightMicrons)}mm`;
}

/** What CUPS said on stderr, as one short line a clerk can read (its `lp:` prefix dropped). */
export function trimmedStderr(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.replace(/^\s*(lp|lpstat):\s*/, '').replace(/^Error\s*-\s*/, '').trim())
    .find((l) => l.length > 0);
  if (!line) return 'no reason given';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function cupsPrinter(options: CupsOptions = {}): Printer {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const serverArgs = options.server ? ['-h', options.server] : [];
  // CUPS words its answers in the locale; Depot reads them in C's.
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };

  // The print server named, by the option or as lp and lpstat find it themselves.
  const named = options.server ?? process.env.CUPS_SERVER;
  const notAnswering = () => new DepotError('not_found', named ? m.cupsServerDown({ server: named }) : m.cupsNotRunning());

  /** Runs one CUPS command (never through a shell), `input` on its stdin. */
  const run = (command: string, args: string[], input?: Buffer) =>
    new Promise<Run>((resolve, reject) => {
      const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      // lp may exit before it read everything (an unknown printer): its stderr tells why.
      child.stdin.on('error', () => {});
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(error.code === 'ENOENT' ? new DepotError('not_found', m.cupsMissing({ command })) : error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
      });
      child.stdin.end(input);
    });

  const lpstat = async (...args: string[]) => {
    const result = await run('lpstat', [...serverArgs, ...args]);
    if (result.timedOut) throw notAnswering();
    return result;
  };

  /** lpstat answers an absent scheduler with no printers and exit 0; only `-r` tells the two apart. */
  const requireScheduler = async () => {
    const { stdout } = await lpstat('-r');
    if (!/scheduler is running/.test(stdout)) throw notAnswering();
  };

  const printer: Printer = {
    async list(): Promise<PrinterInfo[]> {
      await requireScheduler();
      const [names, defaults] = await Promise.all([lpstat('-e'), lpstat('-d')]);
      const preferred = /system default destination:\s*(\S+)/.exec(defaults.stdout)?.[1] ?? null;
      return names.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((name) => ({ name, isDefault: name === preferred }));
    },

    async printPdf(name: string, pdf: Buffer, media: PrintMedia): Promise<void> {
      const installed = await printer.list();
      if (!installed.some((p) => p.name === name)) throw new DepotError('not_found', m.cupsNoSuchPrinter({ printer: name }));
      const result = await run('lp', [...serverArgs, '-d', name, '-o', `media=${cupsMedia(media)}`], pdf);
      if (result.timedOut) throw notAnswering();
      if (result.code !== 0) throw new DepotError('conflict', m.lpFailed({ printer: name, detail: trimmedStderr(result.stderr) }));
    },
  };
  return printer;
}
