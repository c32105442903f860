import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from '../../base/browser/i18n.ts';
import { en } from './i18n/en.ts';
import { ko } from './i18n/ko.ts';
import { zh } from './i18n/zh.ts';
import './styles.css';
import { App } from './App.tsx';

startI18n({ en, ko, zh });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
