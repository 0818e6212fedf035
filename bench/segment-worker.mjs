// Node worker thread running the app's feature-extraction worker module (workers/radiomics.worker.ts,
// through tsx) behind Comlink's Node adapter: the benchmark calls its `setImage` and `segment` exactly
// as the app does from the main thread.
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { register } from 'tsx/esm/api';

register();
const ep = nodeEndpoint(parentPort);
// Comlink.expose(api) listens on globalThis, as in a Web Worker.
globalThis.addEventListener = ep.addEventListener.bind(ep);
globalThis.removeEventListener = ep.removeEventListener.bind(ep);
globalThis.postMessage = ep.postMessage.bind(ep);
await import('../workers/radiomics.worker.ts');
