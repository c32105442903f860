export * from './handlers.ts';
export * from './manage.ts';
export * from './sign-in.ts';
export * from './users.ts';
export * from './presence.ts';
