export * from './handlers.ts';
export * from './sign-in.ts';
export * from './users.ts';
