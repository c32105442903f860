export * from './export.ts';
export * from './handlers.ts';
export * from './exports.ts';
