export * from './documents.tsx';
export * from './Shipping.tsx';
