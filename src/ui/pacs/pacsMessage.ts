/**
 * Text of a PACS problem in the current language: a `MessageError` / `Message` through its
 * `code.*` resource; anything else (a decoder error, a bug) through the plain-message translator,
 * under the translated "Unexpected error" prefix. Never an English `pacs.*` code on screen.
 */
import { useMessage, useT } from '../../i18n';
import { isMessageError, type Message } from '../../util/message';

export function usePacsMessage(): (e: unknown) => string {
  const t = useT();
  const m = useMessage();
  return (e) => {
    const msg: Message | null = isMessageError(e)
      ? e.toMessage()
      : e && typeof e === 'object' && 'code' in e && typeof (e as Message).code === 'string'
        ? (e as Message)
        : null;
    if (msg) return t(`code.${msg.code}` as never, (msg.params ?? {}) as never) as unknown as string;
    return t('pacs.unexpected', { message: m(e instanceof Error ? e.message : String(e)) });
  };
}
