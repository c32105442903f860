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

export interface TokenStore {
  /** Where the token comes from right now (never the token itself). */
  source(): TokenSource;
  /** Whether an admin can enter the token in Depot. */
  readonly writable: boolean;
  /** The token, or null when none is set. Throws a DepotError when it exists but must not be used. */
  read(): string | null;
  write(token: string): void;
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

/**
 * Browser mode and the CLI: DEPOT_PORTAL_TOKEN, else the token file (first line). Read-only in
 * Depot: whoever starts the server decides the token.
 */
export function envTokenStore(options: { env?: NodeJS.ProcessEnv; file?: string | null } = {}): TokenStore {
  const env = options.env ?? process.env;
  const file = options.file ?? env.DEPOT_PORTAL_TOKEN_FILE ?? null;
  return {
    writable: false,
    source: () => (env.DEPOT_PORTAL_TOKEN ? 'env' : file && fs.existsSync(file) ? 'file' : 'none'),
    read() {
      if (env.DEPOT_PORTAL_TOKEN) return env.DEPOT_PORTAL_TOKEN.trim();
      if (!file || !fs.existsSync(file)) return null;
      checkPrivate(file);
      const token = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
      return token === '' ? null : token;
    },
    write() {
      throw fieldError('token', m.tokenFromEnvOnly());
    },
  };
}

/** What the desktop app's operating-system keychain offers (Electron's safeStorage). */
export interface Encryption {
  /** False when the system has no keychain, or only an obfuscating fallback. */
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/** The desktop app: the token encrypted by the operating system, in an owner-only file beside the database. */
export function encryptedTokenStore(file: string, encryption: Encryption): TokenStore {
  return {
    writable: true,
    source: () => (fs.existsSync(file) ? 'safeStorage' : 'none'),
    read() {
      if (!fs.existsSync(file)) return null;
      if (!encryption.available()) throw new DepotError('invalid', m.keychainUnavailable());
      return encryption.decrypt(fs.readFileSync(file));
    },
    write(token) {
      if (!encryption.available()) {
        throw fieldError('token', m.noKeychain());
      }
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, encryption.encrypt(token), { mode: 0o600 });
      fs.renameSync(temp, file);
    },
  };
}
