export * from './printing.ts';
