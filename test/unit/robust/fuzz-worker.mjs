// Worker thread of the decoder fuzz: registers tsx (TypeScript through Node's own loader, as the CLI
// runs it), then runs the campaigns asked for in workerData and posts one report per format. The
// case index and a tick counter go to shared memory so that the test's watchdog can name a case
// that never returns.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runCampaign } = await import('./fuzzCampaign.ts');
const progress = new Int32Array(workerData.progress);
parentPort.postMessage({ type: 'ready' });
for (const [f, format] of workerData.formats.entries()) {
  const report = runCampaign(format, workerData.count, workerData.seed, (index) => {
    Atomics.store(progress, 0, f);
    Atomics.store(progress, 1, index);
    Atomics.add(progress, 2, 1);
  });
  parentPort.postMessage({ type: 'report', report });
}
