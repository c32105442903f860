export * from './Photos.tsx';
