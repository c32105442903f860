export * from './contract.ts';
export * from './receiving.ts';
export * from './messages.ts';
export * from './returns.ts';
