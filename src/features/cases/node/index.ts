export * from './cases.ts';
export { noteCaseChange, subscribeCaseChanges } from './feed.ts';
export * from './handlers.ts';
export * from './search-terms.ts';
export * from './store.ts';
