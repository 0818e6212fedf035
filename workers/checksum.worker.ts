/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { sha256Hex } from '../src/util/hash';

/** Worker API: SHA-256 of a buffer that the caller transfers (not copies) to this worker. */
const api = {
  async checksum(buffer: ArrayBuffer): Promise<{ sha256: string; byteLength: number }> {
    return { sha256: await sha256Hex(new Uint8Array(buffer)), byteLength: buffer.byteLength };
  },
};

export type ChecksumApi = typeof api;
Comlink.expose(api);
