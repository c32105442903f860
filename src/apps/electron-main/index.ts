import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, net, protocol, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../api/dispatch.ts';
import { commonMessages } from '../../base/common/messages.ts';
import { apiError, type Result } from '../../base/common/result.ts';
import { bootCore } from '../../base/node/boot.ts';
import type { Core } from '../../base/node/core.ts';
import { defaultDataDir } from '../../base/node/paths.ts';
import { attachPortalSync, PortalSync } from '../../features/portal-sync/node/index.ts';
import { encryptedTokenStore } from '../../features/portal-sync/node/index.ts';
import { contentSecurityPolicy } from '../host/security.ts';
import { usePrinter, type Printer } from '../../features/printing/node/index.ts';
import { startBackupSchedule } from '../../features/backup/node/index.ts';
import { sendLeftPendingPrintJobs } from '../../features/shipping/node/index.ts';
import { subscribeCaseChanges } from '../../features/cases/node/index.ts';

// Electron's userData is where Depot keeps its database unless DEPOT_DATA_DIR says otherwise.
app.setName('Depot');
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const APP_ORIGIN = 'depot://app';

protocol.registerSchemesAsPrivileged([
  { scheme: 'depot', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let portalSync: PortalSync | null = null;
let backups: { stop(): void } | null = null;
let stopCaseChanges: (() => Promise<void>) | null = null;

/** Each change to a case goes to Depot's own page only (the window's top frame at depot://app). */
async function forwardCaseChanges(running: Core): Promise<void> {
  stopCaseChanges = await subscribeCaseChanges(running, (change) => {
    const frame = mainWindow?.webContents.mainFrame;
    if (!frame?.url.startsWith(`${APP_ORIGIN}/`)) return;
    frame.send('depot:case-change', { rma: change.rma, version: change.version, by: change.by, kind: change.kind });
  });
}

/**
 * Portal sync runs here, in the main process. The API token is encrypted by the system keychain
 * (safeStorage); Linux's plain-text fallback ('basic_text') does not count as a keychain.
 */
function startPortalSync(running: Core, dataDir: string): void {
  const keychain = {
    available: () =>
      safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (text: string) => safeStorage.encryptString(text),
    decrypt: (data: Buffer) => safeStorage.decryptString(data),
  };
  portalSync = new PortalSync(running, { tokens: encryptedTokenStore(path.join(dataDir, 'portal-token.enc'), keychain) });
  attachPortalSync(portalSync);
  portalSync.start();
}

/** Serves the built renderer from depot://app/, never anything outside its folder. */
function serveRenderer(): void {
  protocol.handle('depot', async (request) => {
    const { host, pathname } = new URL(request.url);
    const file = path.resolve(rendererDir, `.${path.posix.normalize(decodeURIComponent(pathname))}`);
    if (host !== 'app' || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Only Depot's own top frame may call the API; sub-frames and foreign pages are refused. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    new URL(frame.url).origin === APP_ORIGIN
  );
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Depot',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// Printing: the system's printers for core. A PDF is printed from a hidden window (Chromium's PDF
// viewer) without a dialog, to the printer the site chose for its document kind.
const systemPrinter: Printer = {
  async list() {
    const contents = mainWindow?.webContents;
    if (!contents) return [];
    // CUPS marks the system default in the printer's options.
    return (await contents.getPrintersAsync()).map((p) => ({ name: p.name, isDefault: (p.options as Record<string, string> | undefined)?.['printer-is-default'] === 'true' }));
  },
  async printPdf(printer, pdf, media) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depot-print-'));
    const file = path.join(dir, 'document.pdf');
    const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, plugins: true, javascript: false } });
    try {
      await writeFile(file, pdf);
      await window.loadURL(pathToFileURL(file).toString());
      const pageSize = typeof media === 'string' ? (media === 'LETTER' ? 'Letter' : 'A4') : { width: media.widthMicrons, height: media.heightMicrons };
      await new Promise<void>((resolve, reject) =>
        window.webContents.print({ silent: true, deviceName: printer, printBackground: true, pageSize, margins: { marginType: 'none' } }, (ok, reason) =>
          ok ? resolve() : reject(new Error(reason || 'the printer did not take the document')),
        ),
      );
    } finally {
      window.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  serveRenderer();
  const dataDir = process.env.DEPOT_DATA_DIR ? defaultDataDir() : app.getPath('userData');
  try {
    core = await bootCore({ dataDir });
  } catch (error) {
    // A database Depot will not open (damaged, cut short, not Depot's): what is wrong and what to do.
    dialog.showErrorBox('Depot cannot open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  startPortalSync(core, dataDir);
  backups = startBackupSchedule(core, (line) => console.log(`backup: ${line}`));
  usePrinter(core, systemPrinter);
  void sendLeftPendingPrintJobs(core, (line) => console.log(`printing: ${line}`));
  void forwardCaseChanges(core).catch((error: unknown) => console.error('depot: the change feed of cases did not start', error));
  ipcMain.handle('depot:call', (event, method: unknown, input: unknown, sessionToken: unknown) => {
    if (!fromOurPage(event) || !core) {
      return { ok: false, error: apiError('forbidden', commonMessages.foreignWindow()) } satisfies Result<never>;
    }
    return dispatch(core, method, input, sessionToken);
  });
  createWindow();
});

app.on('window-all-closed', async () => {
  backups?.stop();
  await stopCaseChanges?.();
  await portalSync?.stop();
  await core?.database.close();
  app.quit();
});
