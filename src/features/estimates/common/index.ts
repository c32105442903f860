export * from './estimate.ts';
export * from './messages.ts';
