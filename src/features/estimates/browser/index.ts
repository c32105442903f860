export * from './EstimateForm.tsx';
