export * from './calendar.ts';
export * from './clock.ts';
export * from './contract.ts';
export * from './messages.ts';
export * from './types.ts';
export * from './csv.ts';
export * from './periods.ts';
export * from './tables.ts';
