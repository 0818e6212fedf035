/** The header's language switch: English / 中文, persisted across reloads (localStorage). */
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, setLanguage, useLanguage, useT } from './index';
import './language.css';

export function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="language-switch">
      <label htmlFor="sonomir-language">{t('language.label')}</label>
      <select
        id="sonomir-language"
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
