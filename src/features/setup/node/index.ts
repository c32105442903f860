export * from './demo.ts';
export * from './handlers.ts';
export * from './setup.ts';
