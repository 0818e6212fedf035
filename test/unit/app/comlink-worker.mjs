// Worker thread exposing, through Comlink's Node adapter and the app's own message transfer
// (src/util/comlinkMessages.ts, loaded through tsx as the app's workers load it), methods that throw
// a MessageError, a plain Error and a non-Error value — for test/unit/app/comlink-messages.test.ts.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { register } from 'tsx/esm/api';

register();
const { registerMessageTransfer } = await import('../../../src/util/comlinkMessages.ts');
const { MessageError, message } = await import('../../../src/util/message.ts');
// Comlink in this file and in the imported TypeScript module must be one copy (one handler table).
const viaTsx = await import('comlink');
if (viaTsx.transferHandlers !== Comlink.transferHandlers) throw new Error('two copies of comlink');
if (process.env.SONOMIR_REGISTER !== '0') registerMessageTransfer();

Comlink.expose(
  {
    coded() {
      throw new MessageError('radiomics.labelMissing', { label: 4, labels: '1, 2, 3' });
    },
    nested() {
      throw new MessageError('save.failed', { what: message('save.what.backup'), message: 'disk full' });
    },
    async codedLater() {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new MessageError('radiomics.maskEmpty');
    },
    plain() {
      throw new Error('a plain failure');
    },
    range() {
      throw new RangeError('Invalid array length');
    },
    notAnError() {
      throw 'just a string';
    },
    ok(x) {
      return x * 2;
    },
  },
  nodeEndpoint(parentPort),
);
