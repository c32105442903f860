export * from './Sync.tsx';
export * from './SyncIndicator.tsx';
