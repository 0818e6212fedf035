import { useState } from 'react';
import { getChecksumWorker } from './workers';
import * as Comlink from 'comlink';

/** About: the product, its provenance, and a self-test of the worker plumbing. */
export function About() {
  const [result, setResult] = useState<string>('');
  async function selfTest() {
    const bytes = new TextEncoder().encode('SonoMiR worker self-test');
    const buffer = bytes.buffer.slice(0) as ArrayBuffer;
    const r = await getChecksumWorker().checksum(Comlink.transfer(buffer, [buffer]));
    // After a transfer the main thread's buffer is detached (byteLength 0): proof it was not copied.
    setResult(
      `SHA-256 ${r.sha256} of ${r.byteLength} bytes; transferred: ${buffer.byteLength === 0 ? 'yes' : 'no'}`,
    );
  }
  return (
    <section aria-labelledby="about-h">
      <h2 id="about-h">About SonoMiR</h2>
      <p>
        SonoMiR implements the method of a published study of 93 women receiving neoadjuvant chemotherapy:
        PyRadiomics features of the pre-treatment ultrasound lesion and plasma miRNA-34a (2<sup>−ΔΔCt</sup>)
        feed K-nearest-neighbour models of pathological complete response. All computation happens in this
        browser; no data leave the machine.
      </p>
      <h3>Self-test</h3>
      <button type="button" onClick={() => void selfTest()}>
        Run worker self-test
      </button>
      <output role="status" aria-label="Worker self-test result">
        {result}
      </output>
    </section>
  );
}
