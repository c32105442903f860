export * from './warranty.ts';
