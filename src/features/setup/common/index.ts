export * from './contract.ts';
export * from './types.ts';
export * from './messages.ts';
