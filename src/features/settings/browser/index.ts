export * from './Settings.tsx';
export * from './SiteFields.tsx';
