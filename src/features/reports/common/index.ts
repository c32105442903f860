export * from './calendar.ts';
export * from './clock.ts';
export * from './contract.ts';
export * from './messages.ts';
export * from './types.ts';
