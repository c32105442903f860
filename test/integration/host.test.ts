import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src/apps/host/server.ts';
import type { Core } from '../../src/base/node/core.ts';
import { freshCore, tempDir } from '../helpers.ts';

/** A raw request, so tests can send what a browser's fetch would not (a foreign Host header). */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer[] }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    // Pieces go out one by one, without a Content-Length (chunked), as a streaming client sends them.
    if (Array.isArray(options.body)) {
      for (const piece of options.body) req.write(piece);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

describe('browser mode host', () => {
  let host: RunningHost;
  let core: Core;
  let headers: Record<string, string>;
  beforeAll(async () => {
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Depot</title>');
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'not for the web');
    core = await freshCore({ demo: true });
    host = await startHost({ core, rendererDir });
    headers = { Host: `127.0.0.1:${host.port}`, 'X-Depot-Token': host.token, 'Content-Type': 'application/json' };
  });
  afterAll(() => host.close());

  it('listens on loopback only and hands the token to the page in the URL it prints', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.openUrl).toBe(`${host.url}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers API calls that carry the token', async () => {
    const res = await request(host.port, { method: 'POST', path: '/api/setup.state', headers, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { initialized: true } });
  });

  it('streams changes to cases to a signed-in session, and only with the token, the session and this machine as host', async () => {
    const { 'X-Depot-Token': _token, ...noToken } = headers;
    const signIn = async (role: string) => {
      const user = await core.db.selectFrom('users').select(['id', 'name']).where('role', '=', role as never).executeTakeFirstOrThrow();
      const res = await request(host.port, { method: 'POST', path: '/api/session.signIn', headers, body: JSON.stringify({ userId: Number(user.id), pin: '1234' }) });
      return { name: user.name, session: (JSON.parse(res.body) as { value: { token: string } }).value.token };
    };
    const admin = await signIn('admin');
    for (const h of [noToken, { ...headers, 'X-Depot-Token': 'guess' }, headers, { ...headers, 'X-Depot-Session': 'guess' }, { ...headers, 'X-Depot-Session': admin.session, Host: 'evil.example:80' }]) {
      const res = await request(host.port, { path: '/api/events', headers: h });
      expect(res.status).not.toBe(200);
      expect(res.body).not.toContain('data:');
    }

    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { ...headers, 'X-Depot-Session': admin.session } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    let text = '';
    const heard = new Promise<string>((resolve) =>
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const data = /^data: (.*)$/m.exec(text);
        if (data) resolve(data[1]!);
      }),
    );
    await new Promise((resolve) => stream.once('data', resolve));
    const kase = await core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'requested').orderBy('id').executeTakeFirstOrThrow();
    const moved = await request(host.port, {
      method: 'POST',
      path: '/api/cases.transition',
      headers: { ...headers, 'X-Depot-Session': admin.session },
      body: JSON.stringify({ rma: kase.rma, version: Number(kase.version), to: 'authorized' }),
    });
    expect(moved.status).toBe(200);
    // The change and nothing else: no customer, no serial, no note.
    expect(JSON.parse(await heard)).toEqual({ rma: kase.rma, version: Number(kase.version) + 1, by: admin.name, kind: 'status' });
    stream.destroy();
  });

  it('refuses API calls with a missing or wrong token', async () => {
    const { 'X-Depot-Token': _token, ...noToken } = headers;
    for (const h of [noToken, { ...headers, 'X-Depot-Token': 'guess' }]) {
      const res = await request(host.port, { method: 'POST', path: '/api/setup.state', headers: h, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example:80', `attacker.test:${host.port}`, `127.0.0.1.nip.test:${host.port}`]) {
      const res = await request(host.port, { method: 'POST', path: '/api/setup.state', headers: { ...headers, Host: hostHeader }, body: '{}' });
      expect(res.status).toBe(421);
    }
    const page = await request(host.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(421);
    const local = await request(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } });
    expect(local.status).toBe(200);
  });

  it('maps API errors to HTTP statuses with the Result as the body', async () => {
    const res = await request(host.port, { method: 'POST', path: '/api/cases.list', headers, body: '{}' });
    expect(res.status).toBe(401);
    const bad = await request(host.port, { method: 'POST', path: '/api/cases.get', headers, body: '{not json' });
    expect(bad.status).toBe(400);
  });

  it('answers 413 with a readable message to a body over 16 MiB, with or without its length given', async () => {
    const MiB = 1024 * 1024;
    const declared = await request(host.port, { method: 'POST', path: '/api/setup.state', headers, body: 'x'.repeat(17 * MiB) });
    const streamed = await request(host.port, {
      method: 'POST',
      path: '/api/setup.state',
      headers,
      body: Array.from({ length: 17 }, () => Buffer.alloc(MiB, 0x20)),
    });
    for (const res of [declared, streamed]) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('larger than 16 MiB') } });
    }
    const after = await request(host.port, { method: 'POST', path: '/api/setup.state', headers, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('describes every method with its input JSON schema at GET /api', async () => {
    const res = await request(host.port, { path: '/api', headers });
    const doc = JSON.parse(res.body) as { methods: { name: string; input: { type?: string; properties?: object } }[] };
    const get = doc.methods.find((m) => m.name === 'cases.get')!;
    expect(get.input).toMatchObject({ type: 'object', properties: { rma: { type: 'string' } } });
    expect(doc.methods.map((m) => m.name)).toContain('cases.transition');
  });

  it('serves the app with a strict CSP and never a file outside the renderer folder', async () => {
    const page = await request(host.port, { path: '/', headers });
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%E0%A4%A']) {
      const res = await request(host.port, { path: p, headers });
      expect(res.body, p).not.toContain('not for the web');
    }
  });
});
