export * from './estimates.ts';
export * from './handlers.ts';
export * from './service.ts';
export * from './settings.ts';
