import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = [
  { code: 'en', label: 'English', tag: 'en' },
  { code: 'ko', label: '한국어', tag: 'ko' },
  { code: 'zh', label: '简体中文', tag: 'zh-CN' },
] as const;
export type Language = (typeof languages)[number]['code'];

const STORAGE_KEY = 'depot.language';

const isLanguage = (code: unknown): code is Language => languages.some((l) => l.code === code);

/** The remembered choice, else the first browser language Depot speaks, else English. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const code = tag.toLowerCase().split('-')[0];
    if (isLanguage(code)) return code;
  }
  return 'en';
}

/** The BCP 47 tag for <html lang> and Intl: Chinese is Simplified, so the right glyphs and formats are used. */
export const localeTag = (code: string): string => languages.find((l) => l.code === code)?.tag ?? 'en';

/** Starts translation with every language's strings; the renderer's entry point calls it once, before the first render. */
export function startI18n(strings: Record<Language, object>): void {
  i18n.on('languageChanged', (code) => {
    document.documentElement.lang = localeTag(code);
  });
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: strings.en }, ko: { translation: strings.ko }, zh: { translation: strings.zh } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = localeTag(i18n.language);
}

export function setLanguage(code: string): void {
  if (!isLanguage(code)) return;
  localStorage.setItem(STORAGE_KEY, code);
  void i18n.changeLanguage(code);
}

export default i18n;
