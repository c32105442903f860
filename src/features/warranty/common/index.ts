export * from './coverage.ts';
export * from './warranty.ts';
export * from './regional.ts';
export * from './remedies.ts';
export * from './messages.ts';
export * from './translations.ts';
