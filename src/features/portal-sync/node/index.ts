export * from './estimates.ts';
export * from './handlers.ts';
export * from './service.ts';
export * from './settings.ts';
export { applyEvents } from './pull.ts';
export { markQueuedDelivered } from './worker.ts';
export type { PortalEvent } from './client.ts';
