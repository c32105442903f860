export * from './CaseSupplier.tsx';
export * from './OverdueSupplierReturns.tsx';
export * from './SupplierReturns.tsx';
