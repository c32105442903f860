import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { api } from '../api/contract.ts';
import { apiError, type ApiError, type Result } from '../../base/common/result.ts';
import { defineMessages, type Said } from '../../base/common/messages.ts';
import type { Core } from '../../base/node/core.ts';
import { dispatch, sessionUser } from '../api/dispatch.ts';
import { commonMessages } from '../../base/common/messages.ts';
import { subscribeCaseChanges } from '../../features/cases/node/index.ts';
import { contentSecurityPolicy } from './security.ts';

/**
 * Browser mode: the built renderer and the same API over HTTP, for browser tests, machines
 * without the Electron runtime, and integrators. Bound to loopback; every API request needs the
 * per-run token, and the Host header must name this machine (a page on another site that
 * rebinds its DNS name to 127.0.0.1 still sends its own Host).
 */
export interface HostOptions {
  core: Core;
  /** The built renderer (out/renderer); null serves the API only. */
  rendererDir: string | null;
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token to the page. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

// Photos travel as base64 JSON: 10 MiB of image is about 13.4 MiB of body.
const MAX_BODY = 16 * 1024 * 1024;

const statusFor: Record<ApiError['code'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  internal: 500,
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function sameToken(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

const refuse = (res: http.ServerResponse, status: number, code: ApiError['code'], said: Said) =>
  sendJson(res, status, { ok: false, error: apiError(code, said) } satisfies Result<never>);

/** What the host itself answers, before a request reaches the API. */
const hostMessages = defineMessages('host', {
  token: 'Missing or wrong X-Depot-Token',
  post: 'Use POST /api/<method>',
  tooLarge: 'The request is larger than 16 MiB, the most Depot takes at once (a photo may be at most 10 MiB)',
  notJson: 'The body is not JSON',
  host: 'Depot answers only to 127.0.0.1 and localhost',
  failed: 'Depot could not answer this request',
});

/** How often an event stream checks its session is still open (and keeps idle proxies from cutting it). */
const HEARTBEAT_MS = 15_000;

/** A client that keeps sending after the 413 is cut off once this much more has come. */
const DRAIN_LIMIT = 4 * MAX_BODY;

/**
 * The body, or null when it is larger than the host takes. Past the limit nothing more is kept:
 * the rest is read and thrown away, so the client can read the 413 instead of a reset connection.
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? 0);
    if (size > MAX_BODY) {
      drain(req);
      resolve(null);
      return;
    }
    size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      drain(req);
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function drain(req: http.IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** GET /api: every method with its input as JSON Schema, so the HTTP API documents itself. */
function describeApi() {
  return {
    transport:
      'POST /api/<method> with a JSON body; headers X-Depot-Token (per run) and X-Depot-Session (after session.signIn). GET /api/events with both headers: every change to a case as server-sent events',
    methods: Object.entries(api).map(([name, spec]) => ({
      name,
      summary: spec.summary,
      access: spec.access,
      input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    })),
  };
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ? path.resolve(options.rendererDir) : null;
  let allowedHosts = new Set<string>();

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (!sameToken(req.headers['x-depot-token'] as string | undefined, token)) {
      refuse(res, 401, 'unauthenticated', hostMessages.token());
      return;
    }
    if (req.method === 'GET' && method === '') {
      sendJson(res, 200, describeApi());
      return;
    }
    if (req.method === 'GET' && method === 'events') {
      await streamCaseChanges(req, res);
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, 'invalid', hostMessages.post());
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      refuse(res, 413, 'invalid', hostMessages.tooLarge());
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      refuse(res, 400, 'invalid', hostMessages.notJson());
      return;
    }
    const session = req.headers['x-depot-session'];
    const station = `browser ${os.hostname()} ${req.socket.remoteAddress ?? ''}`;
    const result = await dispatch(options.core, method, input, typeof session === 'string' && session ? session : null, station);
    sendJson(res, result.ok ? 200 : statusFor[result.error.code], result);
  }

  /**
   * GET /api/events: the change feed of cases as server-sent events, for a signed-in session
   * (X-Depot-Session). Each event is one change (RMA number, version, who, kind) and nothing
   * more. The stream ends once the session does; listening does not count as using it.
   */
  async function streamCaseChanges(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const header = req.headers['x-depot-session'];
    const session = typeof header === 'string' && header ? header : null;
    if (!(await sessionUser(options.core, session))) {
      refuse(res, 401, 'unauthenticated', commonMessages.signInFirst());
      return;
    }
    let stop: (() => Promise<void>) | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      void stop?.();
      res.end();
    };
    res.on('close', close);
    stop = await subscribeCaseChanges(options.core, (change) => {
      if (!closed) res.write(`data: ${JSON.stringify({ rma: change.rma, version: change.version, by: change.by, kind: change.kind })}\n\n`);
    });
    if (closed) {
      void stop();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    // The first line says the stream listens: a change committed after it is heard.
    res.write(': listening\n\n');
    heartbeat = setInterval(() => {
      void sessionUser(options.core, session).then((user) => {
        if (closed) return;
        if (user) res.write(': still here\n\n');
        else close();
      }, close);
    }, HEARTBEAT_MS);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (!rendererDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(res, 400, 'Bad path', 'text/plain; charset=utf-8');
      return;
    }
    // Resolve inside the renderer folder only; anything else falls back to the app page.
    let file = path.resolve(rendererDir, `.${path.posix.normalize(decoded)}`);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      file = path.join(rendererDir, 'index.html');
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      refuse(res, 421, 'forbidden', hostMessages.host());
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work =
      pathname === '/api' || pathname.startsWith('/api/')
        ? handleApi(req, res, pathname.slice('/api/'.length))
        : Promise.resolve().then(() => handleStatic(req, res, pathname));
    work.catch((error: unknown) => {
      console.error('depot: request failed', error);
      if (!res.headersSent) refuse(res, 500, 'internal', hostMessages.failed());
    });
  });
  server.keepAliveTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        openUrl: `${url}/?token=${token}`,
        token,
        port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
