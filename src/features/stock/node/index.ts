export * from './handlers.ts';
export * from './store.ts';
