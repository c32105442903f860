import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway PostgreSQL 15 cluster in a temporary folder on a loopback port, for the tests that
 * run the same suite on the shared-database dialect. PostgreSQL refuses to run as root, so as root
 * it runs as the `postgres` system user.
 */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface PostgresServer {
  url: string;
  stop(): void;
}

/** `durable` commits as a production server does (fsync on), for the benchmarks; tests skip the flushes. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (no ${BIN}/initdb): install Debian's postgresql package`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depot-pg-'));
  fs.chmodSync(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(BIN, cmd), args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'depot', '--locale=C.UTF-8', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D', data, '-l', path.join(dir, 'log'), '-w', '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} ${options.durable ? '' : '-c fsync=off '}-c max_connections=200`, 'start',
  ]);
  return {
    url: `postgres://depot@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A new, empty database on the server, by its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `depot_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`); // a name made here, never user input
  await admin.end();
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}
