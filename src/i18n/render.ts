/**
 * The one renderer of {@link Message}s: `code.<code>` of the language resources with the message's
 * parameters (a parameter that is itself a Message is rendered first, in the same language). A stored
 * English string from an earlier version is returned as it is. The UI renders through the current
 * language's `t` (see `useMessage` in ./index.ts); the CLI renders English with {@link renderEnglish}.
 *
 * Must stay true: no React and no DOM here (the CLI imports it in Node).
 */
import i18next from 'i18next';
import type { Message, StoredMessage } from '../util/message';
import { isMessageError, toMessage } from '../util/message';
import { en } from './en';

/** A translation function over dynamic keys (i18next's `t`). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The text of `m` through `t`; a plain string (text stored by an earlier version) is returned unchanged. */
export function renderMessage(m: StoredMessage, t: Translate): string {
  if (typeof m === 'string') return m;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) {
    params[k] = typeof v === 'object' ? renderMessage(v, t) : v;
  }
  return t(`code.${m.code}`, params);
}

let englishT: Translate | null = null;

/** English text of a Message (the CLI's output, logs). */
export function renderEnglish(m: StoredMessage): string {
  if (!englishT) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: { en: { translation: en } },
      lng: 'en',
      initAsync: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
    });
    englishT = instance.t.bind(instance) as unknown as Translate;
  }
  return renderMessage(m, englishT);
}

/** English text of anything thrown: a MessageError's text, or another error's own words unchanged. */
export function englishError(e: unknown): string {
  if (e instanceof Error && !isMessageError(e)) return e.message;
  return renderEnglish(toMessage(e));
}

export type { Message };
