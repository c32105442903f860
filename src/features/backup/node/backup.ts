import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { databaseMessages, type Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { Slot, type Core, type Db } from '../../../base/node/core.ts';
import { takeBackup, type BackupProgress } from '../../../base/node/db/backup.ts';
import { defaultBackupFolder, listBackups, type BackupFile } from '../../../base/node/db/backup-files.ts';
import { makePrivateFolder } from '../../../base/node/files.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { setting } from '../../settings/node/index.ts';
import type { BackupSettings, BackupStatus, backupSettingsSchema } from '../common/contract.ts';
import { backupMessages as m } from '../common/messages.ts';

const HOUR = 3_600_000;

/** What this Depot knows of its backups beyond the folder: the one under way, the last failure, the schedule. */
interface BackupState {
  running: Promise<BackupFile> | null;
  progress: BackupStatus['running'];
  lastError: BackupStatus['lastError'];
  schedule: { timer: NodeJS.Timeout | null; nextAt: Date | null; generation: number; log: (line: string) => void } | null;
}

const stateSlot = new Slot<BackupState>('backup.state', () => ({ running: null, progress: null, lastError: null, schedule: null }));

/** `backups` beside the SQLite file, or in the data folder for PostgreSQL. */
export function defaultFolderOf(core: Core): string {
  if (core.database.file) return defaultBackupFolder(core.database.file);
  return path.join(core.dataDir ?? process.cwd(), 'backups');
}

export const backupFolderOf = (core: Core, settings: BackupSettings) => settings.folder ?? defaultFolderOf(core);

const saidOf = (error: unknown): Said =>
  error instanceof DepotError ? error.said : databaseMessages.backupFailed({ detail: error instanceof Error ? error.message : String(error) });

/**
 * Backs the database up into `folder` (and keeps the `keep` newest there), one backup at a time
 * per database: asked again while one runs, it gives the running one.
 */
export function runBackup(
  core: Core,
  options: { folder: string; keep?: number; onProgress?: (progress: BackupProgress) => void },
): Promise<BackupFile> {
  const state = core.slot(stateSlot);
  if (state.running) return state.running;
  const startedAt = core.now();
  state.progress = { phase: 'copying', fraction: 0, startedAt: startedAt.toISOString() };
  const running = takeBackup(core.database, options.folder, {
    now: startedAt,
    keep: options.keep,
    onProgress: (progress) => {
      state.progress = { ...progress, startedAt: startedAt.toISOString() };
      options.onProgress?.(progress);
    },
  });
  state.running = running;
  running.then(
    () => (state.lastError = null),
    (error: unknown) => (state.lastError = { said: saidOf(error), at: core.now().toISOString() }),
  );
  void running.finally(() => {
    state.running = null;
    state.progress = null;
  }).catch(() => {});
  return running;
}

export async function backupStatus(core: Core, db: Db = core.db): Promise<BackupStatus> {
  const settings = await setting.backup.read(db);
  const folder = backupFolderOf(core, settings);
  const backups = listBackups(folder, core.database.name);
  const last = backups[0] ?? null;
  const state = core.slot(stateSlot);
  const overdue = !last || core.now().getTime() - Date.parse(last.takenAt) > 2 * settings.everyHours * HOUR;
  return {
    settings,
    folder,
    defaultFolder: defaultFolderOf(core),
    last,
    kept: backups.length,
    overdue,
    nextAt: state.schedule?.nextAt?.toISOString() ?? null,
    running: state.progress,
    lastError: state.lastError,
  };
}

/** "Back up now": starts the backup and answers at once; its progress is in the status. */
export async function startBackup(ctx: ServiceContext): Promise<BackupStatus> {
  const settings = await setting.backup.read(ctx.db);
  runBackup(ctx.core, { folder: backupFolderOf(ctx.core, settings), keep: settings.keep }).catch(() => {});
  return backupStatus(ctx.core, ctx.db);
}

export async function configureBackup(ctx: ServiceContext, input: z.output<typeof backupSettingsSchema>): Promise<BackupStatus> {
  if (input.folder) {
    try {
      makePrivateFolder(input.folder);
      fs.accessSync(input.folder, fs.constants.W_OK);
    } catch {
      throw fieldError('folder', m.folderNotWritable({ folder: input.folder }));
    }
  }
  await setting.backup.write(ctx.db, input);
  ctx.afterCommit(() => rescheduleBackups(ctx.core));
  return backupStatus(ctx.core, ctx.db);
}

// --- The schedule, run by the serving process ------------------------------------------------

/** When the next scheduled backup is due: `everyHours` after the newest, or now when there is none. */
function dueAt(core: Core, settings: BackupSettings): number {
  const last = listBackups(backupFolderOf(core, settings), core.database.name)[0];
  return last ? Date.parse(last.takenAt) + settings.everyHours * HOUR : core.now().getTime();
}

async function scheduledRound(core: Core, generation: number): Promise<void> {
  const current = () => core.slot(stateSlot).schedule;
  const schedule = current();
  if (!schedule || schedule.generation !== generation) return;
  let nextAt: number | null = null;
  try {
    const settings = await setting.backup.read(core.db);
    if (settings.automatic) {
      if (dueAt(core, settings) <= core.now().getTime()) {
        try {
          const backup = await runBackup(core, { folder: backupFolderOf(core, settings), keep: settings.keep });
          schedule.log(`backed up to ${backup.file} (${backup.bytes} bytes)`);
        } catch (error) {
          schedule.log(`failed: ${saidOf(error).text}`);
        }
      }
      // After a failure the next try is in an hour, not at once again.
      const due = dueAt(core, settings);
      nextAt = due > core.now().getTime() ? due : core.now().getTime() + HOUR;
    }
  } catch (error) {
    schedule.log(`could not read the backup settings: ${saidOf(error).text}`);
  }
  if (current() !== schedule || schedule.generation !== generation) return; // stopped or rescheduled meanwhile
  schedule.nextAt = nextAt === null ? null : new Date(nextAt);
  // Wake at least hourly, so a changed clock or a backup folder emptied by hand is noticed.
  const wait = nextAt === null ? HOUR : Math.min(Math.max(nextAt - core.now().getTime(), 1000), HOUR);
  schedule.timer = setTimeout(() => void scheduledRound(core, generation), wait);
  schedule.timer.unref();
}

/**
 * Backs the database up on the schedule the admin set (by default daily, keeping 7), as long as
 * the serving process runs: the desktop app and `depot serve`. A backup due at start runs at once.
 */
export function startBackupSchedule(core: Core, log: (line: string) => void = () => {}): { stop(): void } {
  const state = core.slot(stateSlot);
  state.schedule = { timer: null, nextAt: null, generation: 0, log };
  void scheduledRound(core, 0);
  return {
    stop() {
      if (state.schedule?.timer) clearTimeout(state.schedule.timer);
      state.schedule = null;
    },
  };
}

/** After the settings changed: the schedule looks again now. */
function rescheduleBackups(core: Core): void {
  const schedule = core.slot(stateSlot).schedule;
  if (!schedule) return;
  if (schedule.timer) clearTimeout(schedule.timer);
  schedule.timer = null;
  schedule.generation += 1;
  void scheduledRound(core, schedule.generation);
}
