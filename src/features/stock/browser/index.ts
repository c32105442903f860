export * from './Stock.tsx';
