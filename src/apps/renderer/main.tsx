import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from '../../base/browser/i18n.ts';
import { resources } from './i18n/index.ts';
import './styles.css';
import { App } from './App.tsx';
import '../../features/bench/browser/messages.ts';
import '../../features/estimates/browser/messages.ts';
import '../../features/parts/browser/messages.ts';
import '../../features/warranty/browser/messages.ts';
import '../../features/users/browser/messages.ts';
import '../../features/setup/browser/messages.ts';
import '../../features/settings/browser/messages.ts';
import '../../features/shipping/browser/messages.ts';
import '../../features/documents/browser/messages.ts';
import '../../features/printing/browser/messages.ts';
import '../../features/portal-sync/browser/messages.ts';
import '../../features/photos/browser/messages.ts';

startI18n(resources);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
