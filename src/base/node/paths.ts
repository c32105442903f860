import os from 'node:os';
import path from 'node:path';

/**
 * Where Depot keeps its data when nothing else is said: the folder Electron uses as userData
 * for an app named "Depot", so the desktop app and browser mode open the same database.
 * DEPOT_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(): string {
  if (process.env.DEPOT_DATA_DIR) return path.resolve(process.env.DEPOT_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Depot');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Depot');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Depot');
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'depot.sqlite');
