// Worker thread decoding one file with decodeImage through tsx (Node's own loader, as the CLI runs
// it), so that a test can bound a decode that might never return: receives {bytes, name}, replies
// {size} or {error, kind}.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { decodeImage } = await import('../../../src/imaging/index.ts');
const { englishError } = await import('../../../src/i18n/render.ts');
parentPort.on('message', ({ bytes, name }) => {
  try {
    parentPort.postMessage({ size: decodeImage(bytes, name).image.size });
  } catch (e) {
    parentPort.postMessage({ error: englishError(e), kind: e?.constructor?.name });
  }
});
