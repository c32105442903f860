export * from './Reports.tsx';
