export * from './Receiving.tsx';
export * from './Unmatched.tsx';
export * from './WalkIn.tsx';
export * from './CaseShelf.tsx';
export * from './Returns.tsx';
