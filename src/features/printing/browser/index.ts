export * from './Printers.tsx';
