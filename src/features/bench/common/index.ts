export * from './bench.ts';
export * from './contract.ts';
export * from './messages.ts';
