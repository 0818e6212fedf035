import * as Comlink from 'comlink';
import type { ChecksumApi } from '../../workers/checksum.worker';
import { registerMessageTransfer } from '../util/comlinkMessages';

let checksumWorker: Comlink.Remote<ChecksumApi> | null = null;

/** Lazily started checksum worker (ES module worker in dev and in the build). */
export function getChecksumWorker(): Comlink.Remote<ChecksumApi> {
  if (!checksumWorker) {
    const w = new Worker(new URL('../../workers/checksum.worker.ts', import.meta.url), {
      type: 'module',
      name: 'checksum',
    });
    registerMessageTransfer();
    checksumWorker = Comlink.wrap<ChecksumApi>(w);
  }
  return checksumWorker;
}
