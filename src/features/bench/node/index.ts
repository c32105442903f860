export * from './bench.ts';
export * from './demo.ts';
export * from './handlers.ts';
export * from './record.ts';
export { issueEstimate, recordDecision, recordPayment } from './estimates.ts';
export { advance, logWork } from './repair.ts';
