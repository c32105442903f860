export * from './contract.ts';
export * from './receiving.ts';
