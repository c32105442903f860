export * from './contract.ts';
export * from './shipping.ts';
export * from './messages.ts';
