export * from './contract.ts';
export * from './status.ts';
export * from './types.ts';
export * from './messages.ts';
