export * from './BackupSection.tsx';
