export * from './Products.tsx';
