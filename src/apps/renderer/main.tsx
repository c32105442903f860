import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from '../../base/browser/i18n.ts';
import { resources } from './i18n/index.ts';
import './i18n/messages.ts';
import './styles.css';
import { App } from './App.tsx';

startI18n(resources);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
