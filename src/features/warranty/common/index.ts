export * from './warranty.ts';
export * from './messages.ts';
