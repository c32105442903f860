export * from './handlers.ts';
export * from './label.ts';
export * from './store.ts';
