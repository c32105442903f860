export * from './RegionalRules.tsx';
export * from './Remedies.tsx';
