export * from './bench.ts';
export * from './demo.ts';
export * from './handlers.ts';
export * from './record.ts';
