export * from './Bench.tsx';
export * from './BenchPanel.tsx';
export * from './BenchSettings.tsx';
export * from './RepairDelays.tsx';
