import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { portalUrlSchema } from '../common/contract.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { portalSyncMessages as m } from '../common/index.ts';
import type { Db } from '../../../base/node/core.ts';
import { setting } from '../../settings/node/index.ts';

/**
 * Where the portal connection is kept. The address is a site setting in the database; the API
 * token never is: the desktop app keeps it encrypted by the operating system (Electron's
 * safeStorage), browser mode and the CLI read it from DEPOT_PORTAL_TOKEN or an owner-only file.
 */

export type TokenSource = 'safeStorage' | 'env' | 'file' | 'none';

/** The token and the origin (scheme, host, port) it was entered for: the one place it may be sent. */
export interface StoredToken {
  token: string;
  /** Null for a token kept before Depot recorded where it belongs: it stays with the stored address. */
  origin: string | null;
}

export interface TokenStore {
  /** Where the token comes from right now (never the token itself). */
  source(): TokenSource;
  /** Whether an admin can enter a new token in Depot. */
  readonly writable: boolean;
  /** The token, or null when none is set. Throws a DepotError when it exists but must not be used. */
  read(): StoredToken | null;
  /**
   * Keeps the token, bound to `origin`. A store that cannot take a new token (browser mode, the
   * CLI) takes only the token it already holds, as proof that the admin knows it.
   */
  write(token: string, origin: string): void;
}

export async function readPortalUrl(db: Db): Promise<string | null> {
  return (await setting.portal.read(db)).url;
}

export async function writePortalUrl(db: Db, url: string): Promise<void> {
  await setting.portal.write(db, { url: portalUrlSchema.parse(url) });
}

/** The token file must be the user's own and unreadable by anyone else (like an SSH key). */
function checkPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new DepotError('invalid', m.tokenFileShared({ file }));
  }
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new DepotError('invalid', m.tokenFileOwner({ file }));
  }
}

/** Two tokens compared in constant time. */
function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Browser mode and the CLI: DEPOT_PORTAL_TOKEN, else the token file (first line). Whoever starts
 * the server decides the token; Depot only records the origin it goes to, in `originFile` (in
 * memory without one), when an admin confirms a new address by entering that same token.
 */
export function envTokenStore(options: { env?: NodeJS.ProcessEnv; file?: string | null; originFile?: string | null } = {}): TokenStore {
  const env = options.env ?? process.env;
  const file = options.file ?? env.DEPOT_PORTAL_TOKEN_FILE ?? null;
  const originFile = options.originFile ?? null;
  let origin: string | null = null;
  const readToken = (): string | null => {
    if (env.DEPOT_PORTAL_TOKEN) return env.DEPOT_PORTAL_TOKEN.trim();
    if (!file || !fs.existsSync(file)) return null;
    checkPrivate(file);
    const token = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
    return token === '' ? null : token;
  };
  const readOrigin = (): string | null =>
    originFile && fs.existsSync(originFile) ? fs.readFileSync(originFile, 'utf8').trim() || null : origin;
  return {
    writable: false,
    source: () => (env.DEPOT_PORTAL_TOKEN ? 'env' : file && fs.existsSync(file) ? 'file' : 'none'),
    read() {
      const token = readToken();
      return token === null ? null : { token, origin: readOrigin() };
    },
    write(token, newOrigin) {
      const held = readToken();
      if (held === null) throw fieldError('token', m.tokenFromEnvOnly());
      if (!sameToken(token, held)) throw fieldError('token', m.notStartedToken());
      origin = newOrigin;
      if (originFile) writePrivate(originFile, Buffer.from(`${newOrigin}\n`));
    },
  };
}

/** Written aside and renamed into place, readable by the owner only. */
function writePrivate(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** What the desktop app's operating-system keychain offers (Electron's safeStorage). */
export interface Encryption {
  /** False when the system has no keychain, or only an obfuscating fallback. */
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

function sealedToken(text: string): StoredToken | null {
  try {
    const value = JSON.parse(text) as Partial<StoredToken> | null;
    return typeof value?.token === 'string' && typeof value.origin === 'string' ? { token: value.token, origin: value.origin } : null;
  } catch {
    return null;
  }
}

/**
 * The desktop app: the token and its origin encrypted by the operating system, in an owner-only
 * file beside the database. A file holding the token alone was written before tokens were bound.
 */
export function encryptedTokenStore(file: string, encryption: Encryption): TokenStore {
  return {
    writable: true,
    source: () => (fs.existsSync(file) ? 'safeStorage' : 'none'),
    read() {
      if (!fs.existsSync(file)) return null;
      if (!encryption.available()) throw new DepotError('invalid', m.keychainUnavailable());
      const text = encryption.decrypt(fs.readFileSync(file));
      return sealedToken(text) ?? { token: text, origin: null };
    },
    write(token, origin) {
      if (!encryption.available()) {
        throw fieldError('token', m.noKeychain());
      }
      writePrivate(file, encryption.encrypt(JSON.stringify({ token, origin })));
    },
  };
}
