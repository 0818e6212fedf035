/**
 * A message from a domain module (decoders, engine, qPCR, model files, segmentation, PACS, store) to a
 * person: a stable `code` and its parameters, never a sentence. The sentence lives only in the language
 * resources — `src/i18n/en.ts` and `src/i18n/zh.ts` under `code.<code>` (the code's dots are the nesting),
 * with `{{param}}` placeholders — and in the CLI, which renders the English resources.
 *
 * Must stay true: a code, once shipped, keeps its meaning (stored cases and outboxes keep codes); every
 * code has a text in both languages (test/unit/i18n checks it).
 */
export type MessageParams = Record<string, string | number | Message>;

export interface Message {
  code: string;
  /** Values of the text's `{{placeholders}}`; a parameter that is itself a Message is rendered first. */
  params?: MessageParams;
}

/**
 * What a stored record may hold where a message is shown: a Message, or — in cases saved before
 * messages became codes — the English sentence itself, which is shown as it is (never parsed).
 */
export type StoredMessage = Message | string;

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

/**
 * The Message of anything thrown: a {@link MessageError}'s own; any other error (a bug, a browser or
 * library failure, an engine error not yet coded) under the generic `error.unexpected` code with its
 * text as a parameter — its words are shown as they are (in every language), never interpreted.
 */
export function toMessage(e: unknown): Message {
  if (e instanceof MessageError) return e.toMessage();
  const text = e instanceof Error ? e.message : String(e);
  return { code: 'error.unexpected', params: { message: text } };
}

/** "a", "a and b", "a, b and c" (`list.*`) of up to three messages. */
export function listOf(items: Message[]): Message {
  const [a, b, c] = items;
  if (items.length > 3) throw new RangeError('listOf: at most three items');
  if (c) return message('list.three', { a, b, c });
  if (b) return message('list.two', { a, b });
  return a ?? message('list.empty');
}
