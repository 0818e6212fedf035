/**
 * Opening an ultrasound clip from the PACS over loopback: a private Orthanc (test/pacs/orthanc.ts)
 * holds the seeded 4-frame 640×480 JPEG baseline YBR_FULL_422 instance; each run retrieves it whole
 * (WADO-RS, transfer-syntax=*) through the same-origin proxy and decodes the frame shown (what
 * "Open from PACS" does before the image appears). Goal: under 1 s. Node, not the browser: the
 * decoder is the same pure-TypeScript code the app's worker runs.
 */
import { decodeImage } from '../src/imaging';
import { createDicomwebClient } from '../src/pacs/dicomweb';
import { orthancMissing, startOrthanc, uploadToOrthanc } from '../test/pacs/orthanc';
import { startPacsProxy } from '../test/pacs/proxy';
import { makeSeedSet } from '../test/pacs/seed';

export interface PacsOpen {
  runs: number;
  bytes: number;
  /** Retrieve + decode (ms) per run. */
  totalMs: number[];
  retrieveMs: number[];
  decodeMs: number[];
  medianMs: number;
  maxMs: number;
}

/** Why the benchmark cannot run (Orthanc or dcmcjpeg missing), or null. */
export function pacsBenchUnavailable(): string | null {
  return orthancMissing();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function benchPacsOpen(runs = 10): Promise<PacsOpen> {
  const seed = await makeSeedSet({ patients: 1 });
  const pacs = await startOrthanc();
  const proxy = await startPacsProxy({ orthanc: pacs.url });
  try {
    await uploadToOrthanc(pacs, [seed.instances[0].bytes]);
    const clip = seed.instances[0];
    const client = createDicomwebClient({ root: proxy.dicomWeb, auth: { kind: 'none' } });
    const totalMs: number[] = [];
    const retrieveMs: number[] = [];
    const decodeMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const file = await client.retrieveInstance(
        clip.studyInstanceUid,
        clip.seriesInstanceUid,
        clip.sopInstanceUid,
      );
      const t1 = performance.now();
      const img = decodeImage(file, 'pacs.dcm', { frame: 0 });
      const t2 = performance.now();
      if (img.info.frames !== 4 || img.info.width !== 640) throw new Error('unexpected instance');
      bytes = file.length;
      // Run 0 warms up the JIT and Orthanc's cache; not counted.
      if (i === 0) continue;
      retrieveMs.push(t1 - t0);
      decodeMs.push(t2 - t1);
      totalMs.push(t2 - t0);
    }
    return {
      runs,
      bytes,
      totalMs,
      retrieveMs,
      decodeMs,
      medianMs: median(totalMs),
      maxMs: Math.max(...totalMs),
    };
  } finally {
    await proxy.close();
    await pacs.stop();
    await seed.cleanup();
  }
}

// `npx tsx bench/pacs.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const why = pacsBenchUnavailable();
  if (why) console.log(`PACS benchmark skipped: ${why}`);
  else {
    const r = await benchPacsOpen();
    const f = (x: number) => x.toFixed(0);
    console.log(
      `open 4-frame 640x480 JPEG US from the PACS (${(r.bytes / 1024).toFixed(0)} KB): median ${f(r.medianMs)} ms, max ${f(r.maxMs)} ms ` +
        `(retrieve median ${f(median(r.retrieveMs))} ms, decode median ${f(median(r.decodeMs))} ms; ${r.runs} runs; goal < 1000 ms)`,
    );
  }
}
