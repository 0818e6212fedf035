/** Out-of-memory handling shared by the extraction worker and the command-line tool. */
import { MessageError } from '../util/message';

/**
 * Run `f`, turning the engine running out of memory (V8's RangeError for a failed ArrayBuffer
 * allocation or an impossible array length) into a message that says what to do.
 */
export function withMemoryMessage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /allocation failed|array length|out of memory/i.test(e.message)) {
      throw new MessageError('radiomics.outOfMemory', { detail: e.message }, { cause: e });
    }
    throw e;
  }
}
