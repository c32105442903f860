export * from './export.ts';
export * from './handlers.ts';
