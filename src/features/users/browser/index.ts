export * from './SignIn.tsx';
