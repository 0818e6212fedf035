/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { sha256Hex } from '../src/util/hash';
import { registerMessageTransfer } from '../src/util/comlinkMessages';

/** Worker API: SHA-256 of a buffer that the caller transfers (not copies) to this worker. */
const api = {
  async checksum(buffer: ArrayBuffer): Promise<{ sha256: string; byteLength: number }> {
    return { sha256: await sha256Hex(new Uint8Array(buffer)), byteLength: buffer.byteLength };
  },
};

export type ChecksumApi = typeof api;
// A MessageError thrown here reaches the page with its code and params.
registerMessageTransfer();
Comlink.expose(api);
