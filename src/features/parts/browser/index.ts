export * from './Parts.tsx';
