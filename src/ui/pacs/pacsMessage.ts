/**
 * Text of a PACS problem in the current language: a `MessageError` / `Message` through its `code.*`
 * resource; anything else (a decoder error, a bug) through `error.unexpected`. Never an English
 * `pacs.*` code on screen.
 */
import { useMessage } from '../../i18n';
import { isMessageError, toMessage, type Message } from '../../util/message';

export function usePacsMessage(): (e: unknown) => string {
  const m = useMessage();
  return (e) => {
    if (!isMessageError(e) && e && typeof e === 'object' && typeof (e as Message).code === 'string') {
      return m(e as Message);
    }
    return m(toMessage(e));
  };
}
