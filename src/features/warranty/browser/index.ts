export * from './RegionalRules.tsx';
