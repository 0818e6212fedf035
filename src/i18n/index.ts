/**
 * Internationalisation: i18next with both resource bundles compiled in (no network loading),
 * English (`en`, the default) and Simplified Chinese (`zh-CN`). The chosen language is persisted in
 * localStorage (`sonomir.language`) and mirrored on `<html lang>`. Messages from the domain modules
 * are codes ({@link Message}); they are rendered from `code.*` of the resources (./render.ts).
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';
import { setLocaleSource } from './format';
import { renderMessage, type Translate } from './render';
import type { StoredMessage } from '../util/message';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'sonomir.language';
/** Each language's name in itself (the switch's options are never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '中文' };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zh },
} as const;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The persisted language, or English (also when storage is unavailable, e.g. in Node). */
export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  showSupportNotice: false,
  returnNull: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  // A key missing at run time is a bug: report it (browser tests fail on console errors).
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    console.error(`SonoMiR i18n: missing key "${key}" (${lngs.join(', ')})`);
  },
});
applyToDocument(i18n.language);
setLocaleSource(() => i18n.language);
i18n.on('languageChanged', applyToDocument);

/** The current language (one of {@link LANGUAGES}). */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Switches the language, persists the choice and updates `<html lang>`. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // storage unavailable (private mode): the switch still applies to this page
  }
  await i18n.changeLanguage(lng);
}

/** Translation function outside React (re-evaluated at call time, so call it when rendering). */
export const t = i18n.t.bind(i18n);

/** Translation hook: components using it re-render when the language changes. */
export function useT() {
  return useTranslation('translation', { i18n }).t;
}

/** The current language, re-rendering on change. */
export function useLanguage(): Language {
  const { i18n: inst } = useTranslation('translation', { i18n });
  return isLanguage(inst.language) ? inst.language : DEFAULT_LANGUAGE;
}

/**
 * Renders domain messages ({code, params}) in the current language, re-rendering on a language change.
 * A string (English stored with a case by an earlier version) is shown as it is.
 */
export function useMessage(): (m: StoredMessage) => string {
  const t = useT();
  useLanguage();
  return (m) => renderMessage(m, t as unknown as Translate);
}

/** {@link useMessage} outside React, in the current language. */
export function message(m: StoredMessage): string {
  return renderMessage(m, i18n.t.bind(i18n) as unknown as Translate);
}

export { renderMessage } from './render';
export { toMessage, type Message, type StoredMessage } from '../util/message';

export {
  formatDate,
  formatDateTime,
  formatInteger,
  formatNumber,
  formatPercent,
  type FormatOptions,
} from './format';
