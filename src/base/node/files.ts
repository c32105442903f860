import fs from 'node:fs';
import path from 'node:path';

/**
 * Depot's files hold customer data and PIN hashes: each one it writes is readable by its owner
 * only, whatever the umask and whatever folder it lands in. Modes are set with chmod after
 * creating, because the mode given to open/mkdir is cut by the umask.
 */
export const OWNER_FILE = 0o600;
export const OWNER_FOLDER = 0o700;

/** Makes `folder` and any missing parents owner-only; a folder that already existed keeps its mode. */
export function makePrivateFolder(folder: string): void {
  const first = fs.mkdirSync(folder, { recursive: true, mode: OWNER_FOLDER });
  if (!first) return;
  // mkdir returns the first folder it made; tighten that one and each below it down to `folder`.
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    fs.chmodSync(dir, OWNER_FOLDER);
    if (dir === path.resolve(first) || dir === path.dirname(dir)) break;
  }
}

/** Creates `file` empty and owner-only if it is missing; an existing file is made owner-only. */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', OWNER_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  restrictToOwner(file);
}

/** Makes an existing file owner-only; a missing one, or one another user owns, is left alone. */
export function restrictToOwner(file: string): void {
  try {
    fs.chmodSync(file, OWNER_FILE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/** Flushes a file's bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename into it) to the disk; not every system can, and then the rename stands as it is. */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; its renames are durable on their own.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Writes `bytes` to `file` owner-only and whole or not at all: into a temporary name beside it,
 * flushed, then renamed over.
 */
export function writePrivateFileAtomically(file: string, bytes: Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  ensurePrivateFile(partial);
  fs.writeFileSync(partial, bytes);
  fsyncFile(partial);
  fs.renameSync(partial, file);
  fsyncFolder(path.dirname(file));
}
