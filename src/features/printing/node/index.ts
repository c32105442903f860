export * from './printing.ts';
export * from './cups.ts';
