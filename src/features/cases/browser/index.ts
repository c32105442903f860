export * from './CasePage.tsx';
export * from './Cases.tsx';
export * from './queues.ts';
export * from './statusLabel.ts';
