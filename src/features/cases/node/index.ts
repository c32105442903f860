export * from './cases.ts';
export * from './handlers.ts';
export * from './search-terms.ts';
export * from './store.ts';
