import fs from 'node:fs';
import { createCore, type Core } from './core.ts';
import { databaseFile } from './paths.ts';
import { openDatabase } from './db/open.ts';

/** Opens (creating and migrating as needed) the database of a data folder and builds the core on it. */
export async function bootCore(dataDir: string, sqliteFile = databaseFile(dataDir)): Promise<Core> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = await openDatabase(sqliteFile);
  return createCore(database, { dataDir });
}
