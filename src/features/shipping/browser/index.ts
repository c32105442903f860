export * from './Shipping.tsx';
