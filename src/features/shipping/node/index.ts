export * from './documents.ts';
export * from './handlers.ts';
export * from './shipping.ts';
