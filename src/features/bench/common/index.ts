export * from './bench.ts';
export * from './contract.ts';
