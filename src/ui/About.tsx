import { useState } from 'react';
import { getChecksumWorker } from './workers';
import * as Comlink from 'comlink';
import { useT } from '../i18n';

/** About: the product, its provenance, and a self-test of the worker plumbing. */
export function About() {
  const t = useT();
  const [result, setResult] = useState<{ sha256: string; bytes: number; transferred: boolean } | null>(null);
  async function selfTest() {
    const bytes = new TextEncoder().encode('SonoMiR worker self-test');
    const buffer = bytes.buffer.slice(0) as ArrayBuffer;
    const r = await getChecksumWorker().checksum(Comlink.transfer(buffer, [buffer]));
    // After a transfer the main thread's buffer is detached (byteLength 0): proof it was not copied.
    setResult({ sha256: r.sha256, bytes: r.byteLength, transferred: buffer.byteLength === 0 });
  }
  return (
    <section aria-labelledby="about-h">
      <h2 id="about-h">{t('about.heading')}</h2>
      <p>
        {t('about.bodyBefore')}
        <sup>−ΔΔCt</sup>
        {t('about.bodyAfter')}
      </p>
      <h3>{t('about.selfTestHeading')}</h3>
      <button type="button" onClick={() => void selfTest()}>
        {t('about.selfTestButton')}
      </button>
      <output role="status" aria-label={t('about.selfTestResultLabel')}>
        {result &&
          t('about.selfTestResult', {
            sha256: result.sha256,
            bytes: result.bytes,
            transferred: t(result.transferred ? 'about.yes' : 'about.no'),
          })}
      </output>
    </section>
  );
}
