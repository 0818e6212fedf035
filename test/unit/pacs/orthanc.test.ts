/**
 * The PACS core against a real Orthanc 1.10 with the DICOMweb plugin (Debian packages, installed by
 * .ci/run): QIDO search, byte-exact WADO retrieve, STOW of the SR, authentication, the same-origin
 * gateway with a Bearer token, PACS down and refusals with the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src/imaging';
import { createDicomwebClient, type DicomwebClient } from '../../../src/pacs/dicomweb';
import {
  enqueue,
  flushOutbox,
  retryItem,
  type OutboxItem,
  type OutboxStorage,
} from '../../../src/pacs/outbox';
import {
  readSonomirSr,
  readStudyContext,
  SONOMIR_SERIES_DESCRIPTION,
  writeSonomirSr,
} from '../../../src/pacs/sr';
import type { SonomirAnalysis } from '../../../src/pacs/types';
import { roiMask } from '../../../src/roi/roi';
import { startOrthanc, uploadToOrthanc, type OrthancInstance } from '../../pacs/orthanc';
import { startPacsProxy, type PacsProxy } from '../../pacs/proxy';
import { makeSeedSet, type SeedSet } from '../../pacs/seed';
import { dciodvfy } from '../../pacs/dciodvfy';
import { lesionRoi, rawValue, studyFeatures } from './srFixture';

let seed: SeedSet;
let pacs: OrthancInstance;
let guarded: OrthancInstance;
let proxy: PacsProxy;
let client: DicomwebClient;

/** Filter of the guarded server: refuses every SR (what a hospital rule might do). */
const REFUSE_SR = `function ReceivedInstanceFilter(dicom, origin, info)
  return dicom.Modality ~= 'SR'
end
`;

beforeAll(async () => {
  [seed, pacs, guarded] = await Promise.all([
    makeSeedSet(),
    startOrthanc(),
    startOrthanc({ users: { radiologist: '密码-secret' }, lua: REFUSE_SR }),
  ]);
  await uploadToOrthanc(
    pacs,
    seed.instances.map((i) => i.bytes),
  );
  proxy = await startPacsProxy({ orthanc: pacs.url, bearerToken: 'token-1' });
  client = createDicomwebClient({ root: pacs.dicomWeb, auth: { kind: 'none' } });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([pacs?.stop(), guarded?.stop(), seed?.cleanup()]);
});

/** The analysis of the seeded clip (frame 2): a polygon ROI over the lesion. */
function clipAnalysis(bytes: Uint8Array): SonomirAnalysis {
  const roi = lesionRoi();
  return {
    context: readStudyContext(bytes),
    frame: 2,
    roi,
    features: studyFeatures(7),
    featureUnit: 'mm',
    mir34a: 1.8375,
    probabilities: { clinical: 0.41, radiomics: 0.72, combined: 0.6543210987654321 },
    model: { name: 'Breast pCR', version: '2', sha256: 'f'.repeat(64) },
    operator: '张^医生',
    analysedAt: '2025-03-14T11:00:00.000Z',
  };
}

/** An in-memory outbox storage. */
function memoryStorage(): OutboxStorage & { items: Map<string, OutboxItem> } {
  const items = new Map<string, OutboxItem>();
  return {
    items,
    put: async (i) => void items.set(i.id, structuredClone(i)),
    get: async (id) => structuredClone(items.get(id)),
    list: async () => [...items.values()].map((i) => structuredClone(i)),
    delete: async (id) => void items.delete(id),
  };
}

describe('QIDO-RS search', () => {
  it('finds studies by Patient ID, accession number, date range and modality US', async () => {
    const [clip, single] = seed.instances;
    const byId = await client.searchStudies({ patientId: 'SMR-0001' });
    expect(byId.map((s) => s.studyInstanceUid)).toEqual([clip.studyInstanceUid]);
    expect(byId[0]).toMatchObject({
      patientName: '王^小红',
      accessionNumber: 'ACC1001',
      studyDate: '20250314',
      modalities: ['US'],
    });
    expect((await client.searchStudies({ accessionNumber: 'ACC1002' })).map((s) => s.patientId)).toEqual([
      'SMR-0002',
    ]);
    const march = await client.searchStudies({ dateFrom: '20250301', dateTo: '20250331' });
    expect(march.map((s) => s.patientId)).toEqual(['SMR-0001']);
    expect((await client.searchStudies({ dateFrom: '20250401' })).map((s) => s.patientId)).toEqual([
      'SMR-0002',
    ]);
    expect(await client.searchStudies({ patientId: 'SMR-0001', modality: 'CT' })).toEqual([]);
    expect(await client.searchStudies({ patientId: 'SMR-9999' })).toEqual([]);
    const series = await client.searchSeries(clip.studyInstanceUid);
    expect(series).toMatchObject([{ seriesInstanceUid: clip.seriesInstanceUid, modality: 'US' }]);
    const instances = await client.searchInstances(clip.studyInstanceUid, clip.seriesInstanceUid);
    expect(instances).toMatchObject([
      { sopInstanceUid: clip.sopInstanceUid, numberOfFrames: 4, rows: 480, columns: 640 },
    ]);
    void single;
  });

  it('refuses a non-ASCII name search before any request (Orthanc 1.10 does not percent-decode)', async () => {
    let requests = 0;
    const counting = createDicomwebClient({
      root: pacs.dicomWeb,
      auth: { kind: 'none' },
      fetch: (...a) => {
        requests++;
        return fetch(...a);
      },
    });
    await expect(counting.searchStudies({ patientId: '王小红' })).rejects.toMatchObject({
      code: 'pacs.nonAsciiQuery',
    });
    expect(requests).toBe(0);
  });
});

describe('WADO-RS retrieve', () => {
  it('returns the original JPEG YBR_FULL_422 bytes (transfer-syntax=*) that decode to the same pixels', async () => {
    const clip = seed.instances[0];
    const bytes = await client.retrieveInstance(
      clip.studyInstanceUid,
      clip.seriesInstanceUid,
      clip.sopInstanceUid,
    );
    expect(bytes.length).toBe(clip.bytes.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(clip.bytes))).toBe(0);
    for (const frame of [0, 3]) {
      const fromPacs = decodeImage(bytes, 'pacs.dcm', { frame });
      const fromFile = decodeImage(clip.bytes, 'file.dcm', { frame });
      expect(fromPacs.info.photometric).toBe('YBR_FULL_422');
      expect(fromPacs.info.frames).toBe(4);
      expect(fromPacs.info.spacing).toMatchObject({ unit: 'mm', row: 0.075, col: 0.075 });
      const a = fromPacs.image.data;
      const b = fromFile.image.data;
      expect(
        Buffer.compare(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
          Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        ),
      ).toBe(0);
    }
    // The server's default Accept transcodes (what `transfer-syntax=*` avoids): far larger.
    const res = await fetch(
      `${pacs.dicomWeb}/studies/${clip.studyInstanceUid}/series/${clip.seriesInstanceUid}/instances/${clip.sopInstanceUid}`,
    );
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(4 * clip.bytes.length);
  });

  it('renders a JPEG thumbnail, and says notFound for an absent instance', async () => {
    const clip = seed.instances[0];
    const jpeg = await client.rendered(clip.studyInstanceUid, clip.seriesInstanceUid, clip.sopInstanceUid);
    expect(jpeg && [...jpeg.slice(0, 2)]).toEqual([0xff, 0xd8]);
    await expect(
      client.retrieveInstance(clip.studyInstanceUid, clip.seriesInstanceUid, '2.25.1'),
    ).rejects.toMatchObject({
      code: 'pacs.notFound',
    });
  });
});

describe('STOW-RS of the SonoMiR SR', () => {
  it('stores the SR (outbox → confirmed), which passes dciodvfy, keeps the Chinese name byte-exact and reads back', async () => {
    const clip = seed.instances[0];
    const a = clipAnalysis(clip.bytes);
    const { bytes, identity } = writeSonomirSr(a);
    const storage = memoryStorage();
    await enqueue(storage, { ...identity, patientId: 'SMR-0001', caseId: 'case-1', bytes });
    const [item] = await flushOutbox(storage, client);
    expect(item).toMatchObject({ state: 'stored', bytes: null, lastError: null });

    const series = await client.searchSeries(clip.studyInstanceUid, 'SR');
    expect(series.map((s) => s.seriesDescription)).toContain(SONOMIR_SERIES_DESCRIPTION);
    const back = await client.retrieveInstance(
      identity.studyInstanceUid,
      identity.seriesInstanceUid,
      identity.sopInstanceUid,
    );
    expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
    expect(rawValue(back, 'x00100010')).toEqual(rawValue(clip.bytes, 'x00100010'));
    const check = await dciodvfy(back);
    expect(check.errors).toEqual([]);
    console.info(
      `dciodvfy on the stored SR: ${check.errors.length} errors, ${check.warnings.length} warnings (${[...new Set(check.warnings)].join('; ')})`,
    );

    const read = readSonomirSr(back).analysis;
    expect(read.features).toEqual(a.features);
    expect(read.probabilities).toEqual(a.probabilities);
    expect(read.mir34a).toBe(a.mir34a);
    expect(read.operator).toBe('张^医生');
    expect(read.context.sopInstanceUid).toBe(clip.sopInstanceUid);
    expect(roiMask(read.roi)).toEqual(roiMask(a.roi));
  });

  it('keeps a refused SR (FailedSOPSequence, 409) in the outbox with the reason until the user retries', async () => {
    const clip = seed.instances[0];
    const { bytes, identity } = writeSonomirSr(clipAnalysis(clip.bytes));
    const storage = memoryStorage();
    // Filed under another study: the server refuses the instance (FailedSOPSequence, reason 0110).
    await enqueue(storage, {
      ...identity,
      studyInstanceUid: seed.instances[1].studyInstanceUid,
      patientId: 'SMR-0001',
      caseId: null,
      bytes,
    });
    const [item] = await flushOutbox(storage, client);
    expect(item.state).toBe('rejected');
    expect(item.lastError).toEqual({ code: 'pacs.rejected', params: { reason: '0110', count: 1 } });
    expect(item.bytes).toEqual(bytes);
    // Not retried automatically; the user's retry sends it again.
    expect((await flushOutbox(storage, client, { force: true }))[0].attempts).toBe(1);
    expect((await retryItem(storage, item.id)).state).toBe('pending');
  });

  it('keeps an SR that a server rule filtered out although STOW answered "stored" (pacs.notKept)', async () => {
    const auth = { kind: 'basic' as const, user: 'radiologist', password: '密码-secret' };
    const g = createDicomwebClient({ root: guarded.dicomWeb, auth });
    const { bytes, identity } = writeSonomirSr(clipAnalysis(seed.instances[0].bytes));
    const storage = memoryStorage();
    await enqueue(storage, { ...identity, patientId: 'SMR-0001', caseId: null, bytes });
    const [item] = await flushOutbox(storage, g);
    expect(item).toMatchObject({ state: 'rejected', lastError: { code: 'pacs.notKept' } });
    expect(item.bytes).toEqual(bytes);
  });
});

describe('authentication and the gateway', () => {
  it('Basic: good credentials pass, wrong ones give pacs.unauthorized', async () => {
    const good = createDicomwebClient({
      root: guarded.dicomWeb,
      auth: { kind: 'basic', user: 'radiologist', password: '密码-secret' },
    });
    await expect(good.testConnection()).resolves.toBeUndefined();
    const bad = createDicomwebClient({
      root: guarded.dicomWeb,
      auth: { kind: 'basic', user: 'radiologist', password: 'nope' },
    });
    await expect(bad.testConnection()).rejects.toMatchObject({ code: 'pacs.unauthorized' });
    const none = createDicomwebClient({ root: guarded.dicomWeb, auth: { kind: 'none' } });
    await expect(none.searchStudies({})).rejects.toMatchObject({ code: 'pacs.unauthorized' });
  });

  it('Bearer through the same-origin proxy: the token is read for every request', async () => {
    let token = 'stale';
    let reads = 0;
    const c = createDicomwebClient({
      root: proxy.dicomWeb,
      auth: { kind: 'bearer', getToken: () => (reads++, token) },
    });
    await expect(c.testConnection()).rejects.toMatchObject({ code: 'pacs.unauthorized' });
    token = 'token-1';
    expect((await c.searchStudies({ patientId: 'SMR-0002' })).map((s) => s.accessionNumber)).toEqual([
      'ACC1002',
    ]);
    expect(reads).toBe(2);
  });

  it('PACS down: the outbox keeps the SR (pacs.unreachable) and sends it after recovery', async () => {
    const c = createDicomwebClient({
      root: proxy.dicomWeb,
      auth: { kind: 'bearer', getToken: () => 'token-1' },
    });
    const { bytes, identity } = writeSonomirSr(clipAnalysis(seed.instances[0].bytes));
    const storage = memoryStorage();
    await enqueue(storage, { ...identity, patientId: 'SMR-0001', caseId: 'case-2', bytes });
    for (const mode of ['502', 'reset'] as const) {
      proxy.setDown(mode);
      const [item] = await flushOutbox(storage, c, { force: true });
      expect(item).toMatchObject({ state: 'pending', lastError: { code: 'pacs.unreachable' } });
      expect(item.bytes).toEqual(bytes);
      expect(item.nextAttemptAt! > item.lastAttemptAt!).toBe(true);
    }
    proxy.setDown(false);
    // Not due yet (backoff) without force; due → sent.
    expect((await flushOutbox(storage, c))[0].state).toBe('pending');
    const [sent] = await flushOutbox(storage, c, { now: new Date(Date.now() + 60_000) });
    expect(sent).toMatchObject({ state: 'stored', bytes: null, attempts: 3 });
    expect(
      await client.instanceExists(
        identity.studyInstanceUid,
        identity.seriesInstanceUid,
        identity.sopInstanceUid,
      ),
    ).toBe(true);
  });
});
