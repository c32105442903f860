import { z } from 'zod';
import { optionalLine, rmaSchema } from '../../../base/common/schemas.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { zodMessage, type Reason, type Said } from '../../../base/common/messages.ts';
import { portalSyncMessages as m } from './messages.ts';

/** Portal sync as staff and admins see it: health, the connection, dead letters, parked events, case flags. */

/** Loopback hosts: the only ones the token may reach over plain http, since it never leaves this machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The scheme, host and port of an address: what the token is bound to. */
export const originOf = (url: string): string => new URL(url).origin;

/** The portal's API address: https (plain http only on loopback), with no credentials in it. */
export const portalUrlSchema = z
  .string({ error: zodMessage(m.urlRequired()) })
  .trim()
  .min(1, zodMessage(m.urlRequired()))
  .max(500, zodMessage(m.urlTooLong()))
  .pipe(z.url({ protocol: /^https?$/, error: zodMessage(m.urlFormat()) }))
  .superRefine((url, ctx) => {
    const { protocol, hostname, username, password } = new URL(url);
    if (username || password) ctx.addIssue({ code: 'custom', message: zodMessage(m.urlCredentials()) });
    else if (protocol === 'http:' && !isLoopback(hostname)) ctx.addIssue({ code: 'custom', message: zodMessage(m.httpsRequired()) });
  });

/** The API token: printable, no spaces; never stored in the database. */
export const portalTokenSchema = z
  .string()
  .trim()
  .max(1000, zodMessage(m.tokenTooLong()))
  .regex(/^[\x21-\x7e]*$/, zodMessage(m.tokenChars()));

export const configureSyncInput = z.object({
  url: portalUrlSchema,
  /** Empty or absent keeps the stored token, which only an address of the origin it was entered for may keep. */
  token: portalTokenSchema.optional(),
});

export const testSyncInput = z.object({
  /** Absent: the stored settings. */
  url: portalUrlSchema.optional(),
  token: portalTokenSchema.optional(),
});

const idInput = z.object({ id: z.number({ error: zodMessage(m.chooseEntry()) }).int().positive(zodMessage(m.chooseEntry())) });

export interface SyncStatus {
  /** A portal address and a token are both set. */
  configured: boolean;
  url: string | null;
  /** This Depot runs a sync worker (desktop app, browser mode, `depot sync --watch`). */
  workerRunning: boolean;
  /** Another Depot holds the database's sync lease and does the syncing. */
  elsewhere: boolean;
  paused: boolean;
  pauseReason: Said | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Updates waiting to be sent (first try or retry). */
  pending: number;
  /** Of those, the ones that failed at least once. */
  retrying: number;
  dead: number;
  parked: number;
  openFlags: number;
  /** The last round's failure, if the last round failed (no token in it). */
  lastError: Said | null;
}

export interface SyncSettings {
  url: string | null;
  /** The URL comes from the command line or the environment and cannot be changed here. */
  urlFixed: boolean;
  tokenSet: boolean;
  /** Whether the token can be entered here (desktop app); otherwise see `tokenSource`. */
  tokenWritable: boolean;
  /** Where the token comes from: 'safeStorage', 'env', 'file' or 'none'. */
  tokenSource: 'safeStorage' | 'env' | 'file' | 'none';
  /**
   * The origin (scheme, host, port) the token was entered for: the only one it is sent to. An
   * address elsewhere is saved or tried only with the token entered again. Null: no token yet.
   */
  tokenOrigin: string | null;
  /** Why the token cannot be read or stored, if so (e.g. a group-readable token file). */
  tokenProblem: string | null;
  /** The same problem as a message code, for the reader's language (null: none, or only the English is known). */
  tokenProblemReason: Reason | null;
}

export interface SyncTestResult {
  ok: boolean;
  message: Said;
}

export interface DeadLetterInfo {
  id: number;
  rma: string;
  kind: string;
  seq: number | null;
  path: string;
  body: string;
  attempts: number;
  lastError: Said | null;
  createdAt: string;
  heldBehind: number;
}

export interface ParkedEventInfo {
  id: number;
  eventId: string;
  seq: number;
  type: string;
  rma: string;
  /** Why it was parked. */
  reason: Said;
  createdAt: string;
}

export interface CaseFlagInfo {
  id: number;
  rma: string;
  kind: string;
  message: Said;
  createdAt: string;
}

export interface CaseSyncInfo {
  rma: string;
  pending: number;
  sent: number;
  dead: number;
  lastError: Said | null;
  flags: CaseFlagInfo[];
}

export const syncMethods = {
  'sync.status': method<SyncStatus>()({
    input: empty,
    access: 'signed-in',
    summary: 'Portal sync health: last success, queue depth, failures.',
  }),
  'sync.case': method<CaseSyncInfo>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'Portal sync of one case: updates pending, sent and refused, and its open flags.',
  }),
  'sync.settings': method<SyncSettings>()({
    input: empty,
    access: ['admin'],
    summary: 'The portal connection: address, and whether and where the token is kept (never the token).',
  }),
  'sync.configure': method<SyncSettings>()({
    // the token goes to the keychain or token file, outside the database; one row for the address
    writes: 'own',
    input: configureSyncInput,
    access: ['admin'],
    summary: 'Sets the portal address and (desktop app) the API token, kept by the operating system.',
  }),
  'sync.test': method<SyncTestResult>()({
    // waits on the portal over the network; writes nothing
    writes: 'own',
    input: testSyncInput,
    access: ['admin'],
    summary: 'Tries the portal connection (the given or the stored address and token) without changing anything.',
  }),
  'sync.pause': method<SyncStatus>()({
    writes: true,
    input: z.object({ reason: optionalLine(200, 'reason') }),
    access: ['admin'],
    summary: 'Stops sending and pulling until resumed.',
  }),
  'sync.resume': method<SyncStatus>()({ writes: true, input: empty, access: ['admin'], summary: 'Resumes sync.' }),
  'sync.deadLetters': method<DeadLetterInfo[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Updates the portal refused for good, oldest first.',
  }),
  'sync.requeue': method<null>()({
    writes: true,
    input: idInput,
    access: ['admin'],
    summary: 'Sends a refused update again (same idempotency key).',
  }),
  'sync.discard': method<null>()({
    writes: true,
    input: idInput,
    access: ['admin'],
    summary: 'Gives up on a refused update, letting later updates of its RMA go.',
  }),
  'sync.parked': method<ParkedEventInfo[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Portal events Depot could not apply, oldest first.',
  }),
  'sync.dismissParked': method<null>()({
    writes: true,
    input: idInput,
    access: ['admin'],
    summary: 'Marks a parked event as dealt with.',
  }),
  'sync.flags': method<CaseFlagInfo[]>()({
    input: z.object({ rma: rmaSchema.optional() }),
    access: 'signed-in',
    summary: 'Open case flags raised by the portal sync (all cases, or one).',
  }),
  'sync.resolveFlag': method<null>()({
    writes: true,
    input: idInput,
    access: 'signed-in',
    summary: 'Marks a case flag as dealt with.',
  }),
} as const;

type SyncMethods = typeof syncMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends SyncMethods {}
}
