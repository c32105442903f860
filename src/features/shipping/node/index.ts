export * from './handlers.ts';
export * from './shipping.ts';
