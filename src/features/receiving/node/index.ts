export * from './handlers.ts';
export * from './receiving.ts';
