import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The reference portal in its own process (as a real portal would be), driven through its control API. */
export interface PortalProcess {
  url: string;
  token: string;
  control<T = unknown>(action: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

export async function spawnPortal(token = 'portal-bench-token'): Promise<PortalProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--token', token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /Reference portal: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The reference portal exited (${code}) before it listened`)));
  });
  const base = new URL('/_control/', url);
  return {
    url,
    token,
    async control<T>(action: string, body?: unknown) {
      const response = await fetch(new URL(action, base), {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`control ${action}: ${response.status}`);
      return (await response.json()) as T;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
