/**
 * Comlink and {@link MessageError}: Comlink's own "throw" handler sends an error thrown in a worker as
 * its name, message and stack only, so the code and parameters of a MessageError would arrive on the
 * other side as a plain Error whose text is the code. {@link registerMessageTransfer} replaces that
 * handler with one that sends a MessageError's code and params too and throws a MessageError with the
 * same code and params on the receiving side; every other thrown value travels exactly as Comlink's
 * handler sends it (that handler does the work).
 *
 * Must stay true: both ends register (every worker under workers/ before `expose`, the main thread
 * before the first call through `wrap`); Comlink keeps one handler table per loaded copy of the
 * library, so one registration per realm covers every wrapped worker of that realm. Registering twice
 * is harmless.
 */
import { transferHandlers } from 'comlink';
import { MessageError, type MessageParams } from './message';

/** What crosses the channel for a thrown MessageError (structured-cloneable). */
interface SerialisedMessageError {
  isMessageError: true;
  code: string;
  params: MessageParams;
  stack: string | undefined;
}

interface ThrowHandler {
  canHandle(value: unknown): boolean;
  serialize(value: unknown): [unknown, unknown[]];
  deserialize(value: unknown): unknown;
}

/** Comlink's throw handler wraps the thrown value as `{ value, [throwMarker]: 0 }`. */
interface ThrownWrapper {
  value: unknown;
}

function isSerialisedMessageError(v: unknown): v is SerialisedMessageError {
  return typeof v === 'object' && v !== null && (v as { isMessageError?: unknown }).isMessageError === true;
}

let registered = false;

/** Makes MessageErrors thrown across Comlink arrive as MessageErrors (see the module comment). */
export function registerMessageTransfer(): void {
  if (registered) return;
  const original = transferHandlers.get('throw') as unknown as ThrowHandler | undefined;
  if (!original) throw new Error('Comlink has no "throw" transfer handler to extend');
  const handler: ThrowHandler = {
    canHandle: (value) => original.canHandle(value),
    serialize(wrapper) {
      const thrown = (wrapper as ThrownWrapper).value;
      if (thrown instanceof MessageError) {
        const out: SerialisedMessageError = {
          isMessageError: true,
          code: thrown.code,
          params: thrown.params,
          stack: thrown.stack,
        };
        return [out, []];
      }
      return original.serialize(wrapper);
    },
    deserialize(serialised) {
      if (isSerialisedMessageError(serialised)) {
        const e = new MessageError(serialised.code, serialised.params);
        if (serialised.stack !== undefined) e.stack = serialised.stack;
        throw e;
      }
      return original.deserialize(serialised);
    },
  };
  transferHandlers.set('throw', handler as unknown as Parameters<typeof transferHandlers.set>[1]);
  registered = true;
}
