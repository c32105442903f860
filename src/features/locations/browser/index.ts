export * from './CaseLocation.tsx';
export * from './Find.tsx';
export * from './Locations.tsx';
export * from './Move.tsx';
export * from './StationPlace.tsx';
