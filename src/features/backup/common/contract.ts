import { z } from 'zod';
import { zodMessage, type Said } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { backupMessages as m } from './messages.ts';

/** A full path on POSIX or Windows (drive or network share). */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** When Depot backs itself up, how many backups it keeps, and where (null: `backups` beside the database). */
export const backupSettingsSchema = z.object({
  automatic: z.boolean(),
  // Numbers only: the Settings form converts what was typed.
  everyHours: z
    .number({ error: zodMessage(m.everyHours()) })
    .int(zodMessage(m.everyHours()))
    .min(1, zodMessage(m.everyHours()))
    .max(720, zodMessage(m.everyHours())),
  keep: z
    .number({ error: zodMessage(m.keep()) })
    .int(zodMessage(m.keep()))
    .min(1, zodMessage(m.keep()))
    .max(100, zodMessage(m.keep())),
  folder: z
    .string()
    .trim()
    .max(1000, zodMessage(m.folderTooLong()))
    .refine((folder) => folder === '' || ABSOLUTE_PATH.test(folder), zodMessage(m.folderAbsolute()))
    .transform((folder) => folder || null)
    .nullable(),
});

export type BackupSettings = z.output<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettings = { automatic: true, everyHours: 24, keep: 7, folder: null };

export interface BackupInfo {
  file: string;
  takenAt: string;
  bytes: number;
}

export interface BackupStatus {
  settings: BackupSettings;
  /** Where backups go: the folder set, or `backups` beside the database. */
  folder: string;
  defaultFolder: string;
  /** The newest backup in the folder. */
  last: BackupInfo | null;
  /** How many backups the folder holds. */
  kept: number;
  /** No backup, or the newest is older than twice the schedule. */
  overdue: boolean;
  /** When this Depot backs up next on its schedule; null when it runs none (off, or another program serves). */
  nextAt: string | null;
  running: { phase: 'copying' | 'checking'; fraction: number | null; startedAt: string } | null;
  /** Why the last backup this Depot tried failed, if it did. */
  lastError: { said: Said; at: string } | null;
}

export const backupMethods = {
  'backup.status': method<BackupStatus>()({ input: empty, access: ['admin'], summary: 'The last backup, the schedule and a backup under way.' }),
  'backup.run': method<BackupStatus>()({
    input: empty,
    access: ['admin'],
    summary: 'Starts a backup now (one at a time) and answers at once; backup.status shows its progress.',
  }),
  'backup.configure': method<BackupStatus>()({
    writes: true,
    input: backupSettingsSchema,
    access: ['admin'],
    summary: 'Sets when Depot backs up, how many backups it keeps and where.',
  }),
} as const;

type BackupMethods = typeof backupMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends BackupMethods {}
}
