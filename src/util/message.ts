/**
 * A message from a domain module (decoders, engine, qPCR, model files, segmentation, PACS, store) to a
 * person: a stable `code` and its parameters, never a sentence. The sentence lives only in the language
 * resources — `src/i18n/en.ts` and `src/i18n/zh.ts` under `code.<code>` (the code's dots are the nesting),
 * with `{{param}}` placeholders — and in the CLI, which renders the English resources.
 *
 * Must stay true: a code, once shipped, keeps its meaning (stored cases and outboxes keep codes); every
 * code has a text in both languages (test/unit/i18n checks it).
 */
export type MessageParams = Record<string, string | number>;

export interface Message {
  code: string;
  params?: MessageParams;
}

/** An error that carries a {@link Message}. `message` is the code (for logs); show it through i18n. */
export class MessageError extends Error {
  readonly code: string;
  readonly params: MessageParams;
  constructor(code: string, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'MessageError';
    this.code = code;
    this.params = params;
  }
  toMessage(): Message {
    return { code: this.code, params: this.params };
  }
}

export function isMessageError(e: unknown): e is MessageError {
  return e instanceof MessageError;
}

export function message(code: string, params?: MessageParams): Message {
  return params ? { code, params } : { code };
}
