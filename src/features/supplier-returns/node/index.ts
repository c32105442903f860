export * from './handlers.ts';
export * from './masterList.ts';
export * from './store.ts';
