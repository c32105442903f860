export * from './Setup.tsx';
