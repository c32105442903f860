import fs from 'node:fs';
import path from 'node:path';

/**
 * Where backups are and what they are called: `<name>-<UTC time>.sqlite` (or `.dump` from
 * pg_dump) in a folder, by default `backups` beside the database. The name sorts by time, so the
 * newest is found without opening anything, even when the database itself cannot be opened.
 */
export interface BackupFile {
  file: string;
  /** ISO time the backup was taken. */
  takenAt: string;
  bytes: number;
}

export const defaultBackupFolder = (databaseFile: string) => path.join(path.dirname(databaseFile), 'backups');

/** The name backups of a database file carry: its own name without the extension. */
export const backupNameOf = (databaseFile: string) => path.basename(databaseFile).replace(/\.(sqlite3?|db)$/i, '');

export const backupFileName = (name: string, takenAt: Date, extension: 'sqlite' | 'dump') =>
  `${name}-${takenAt.toISOString().replace(/:/g, '-')}.${extension}`;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The backups of `name` in `folder`, newest first; none when the folder does not exist. */
export function listBackups(folder: string, name: string): BackupFile[] {
  const pattern = new RegExp(`^${escaped(name)}-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2}\\.\\d{3}Z)\\.(sqlite|dump)$`);
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const entry of entries) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const file = path.join(folder, entry);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    found.push({ file, takenAt: `${match[1]}T${match[2]}:${match[3]}:${match[4]}`, bytes: stat.size });
  }
  return found.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

export const newestBackup = (folder: string, name: string): BackupFile | null => listBackups(folder, name)[0] ?? null;

/** Deletes all but the `keep` newest backups of `name`; gives the files it deleted. */
export function pruneBackups(folder: string, name: string, keep: number): string[] {
  const old = listBackups(folder, name).slice(keep);
  for (const backup of old) fs.rmSync(backup.file, { force: true });
  return old.map((b) => b.file);
}

/** The temporary name a backup is written under until it is whole: it carries the writer's process id. */
export const partialName = (file: string) => `${file}.${process.pid}.partial`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what a backup killed halfway left behind (its writer is gone); a running one's file stays. */
export function removeStalePartials(folder: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /\.(\d+)\.partial(-journal|-wal|-shm)?$/.exec(entry);
    if (match && !alive(Number(match[1]))) fs.rmSync(path.join(folder, entry), { force: true });
  }
}
