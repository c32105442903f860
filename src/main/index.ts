import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../core/api/dispatch.ts';
import { bootCore } from '../core/boot.ts';
import type { Core } from '../core/context.ts';
import { defaultDataDir } from '../core/paths.ts';
import { contentSecurityPolicy } from '../host/security.ts';

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

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  serveRenderer();
  core = await bootCore(process.env.DEPOT_DATA_DIR ? defaultDataDir() : app.getPath('userData'));
  ipcMain.handle('depot:call', (event, method: unknown, input: unknown, sessionToken: unknown) => {
    if (!fromOurPage(event) || !core) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from Depot’s own window only' } };
    }
    return dispatch(core, method, input, sessionToken);
  });
  createWindow();
});

app.on('window-all-closed', async () => {
  await core?.database.close();
  app.quit();
});
