export * from './SignIn.tsx';
export * from './LockScreen.tsx';
