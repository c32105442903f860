export * from './handlers.ts';
export * from './receiving.ts';
export * from './shelf.ts';
export * from './returns.ts';
