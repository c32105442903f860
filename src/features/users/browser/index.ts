export * from './SignIn.tsx';
export * from './LockScreen.tsx';
export * from './WhoElse.tsx';
export * from './presence.ts';
