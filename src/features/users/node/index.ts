export * from './handlers.ts';
export * from './users.ts';
