import { useTranslation } from 'react-i18next';
import { languages, setLanguage } from './i18n.ts';
import { Field } from './Field.tsx';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <Field label={t('common.language')} className="inline">
      {(p) => (
        <select {...p} value={i18n.language} onChange={(e) => setLanguage(e.target.value)}>
          {languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.tag}>
              {l.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
