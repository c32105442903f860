export * from './contract.ts';
export * from './shipping.ts';
