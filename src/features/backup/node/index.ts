export * from './handlers.ts';
export { backupFolderOf, backupStatus, defaultFolderOf, runBackup, startBackupSchedule } from './backup.ts';
