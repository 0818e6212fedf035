// Worker thread running the feature engine through tsx (Node's own loader, as the CLI's batch
// workers do): receives {id, image, mask, options}, replies {id, names, values} or {id, error}.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { extractFeatures } = await import('../../../src/radiomics/extract.ts');
parentPort.on('message', ({ id, image, mask, options }) => {
  try {
    const r = extractFeatures(image, mask, options);
    parentPort.postMessage({
      id,
      names: r.features.map((f) => f[0]),
      values: Float64Array.from(r.features.map((f) => f[1])),
    });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ id: -1, ready: true });
