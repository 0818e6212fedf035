import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { encode } from 'fast-png';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import { listCases, loadCase, saveCase } from '../../../src/db/cases';
import {
  flushSave,
  RETRY_DELAYS_MS,
  startAutosave,
  startNewCase,
  whenSaved,
} from '../../../src/store/autosave';
import { effectiveSpacing, useCaseStore } from '../../../src/store/caseStore';
import { addOp, emptyRoi, roiMask } from '../../../src/roi/roi';
import { emptyQpcrEntry } from '../../../src/qpcr/analysis';
import { writeDicom } from '../imaging/dicomWriter';

let db: SonoMiRDatabase;
let n = 0;
const png = encode({
  width: 8,
  height: 6,
  data: new Uint8Array(48).map((_, i) => i * 5),
  channels: 1,
  depth: 8,
});
const square = {
  kind: 'polygon' as const,
  id: 'sq',
  points: [
    { x: 1, y: 1 },
    { x: 5, y: 1 },
    { x: 5, y: 4 },
    { x: 1, y: 4 },
  ],
};

beforeEach(() => {
  db = new SonoMiRDatabase(`store-${++n}`);
  setDb(db);
  useCaseStore.getState().newCase();
});
afterEach(async () => {
  await db.delete();
  setDb(null);
});

describe('case store', () => {
  it('opening an image starts an empty ROI; edits are undoable; a bad file keeps the current image', async () => {
    const s = useCaseStore.getState();
    await s.openImage(png, 'a.png');
    let st = useCaseStore.getState();
    expect(st.record.image?.width).toBe(8);
    expect(st.readers?.[1].present.ops).toEqual([]);
    st.applyRoi(addOp(st.readers![1].present, square));
    st = useCaseStore.getState();
    expect(roiMask(st.record.roi!).reduce((a, b) => a + b, 0)).toBe(12);
    st.undoRoi();
    expect(useCaseStore.getState().record.roi?.ops).toEqual([]);
    useCaseStore.getState().redoRoi();
    expect(useCaseStore.getState().record.roi?.ops).toHaveLength(1);
    await useCaseStore.getState().openImage(new Uint8Array([1, 2, 3]), 'broken.png');
    st = useCaseStore.getState();
    expect(renderEnglish(st.imageError!)).toMatch(/"broken.png" is not a PNG, JPEG/);
    expect(st.record.image?.fileName).toBe('a.png');
    expect(st.record.roi?.ops).toHaveLength(1);
  });

  it('reader 2 has its own ROI and history; reader 1 is untouched', async () => {
    const s = useCaseStore.getState();
    await s.openImage(png, 'a.png');
    useCaseStore.getState().setReader(2);
    const st = useCaseStore.getState();
    st.applyRoi(addOp(st.readers![2].present, square));
    expect(useCaseStore.getState().record.roi2?.ops).toHaveLength(1);
    expect(useCaseStore.getState().record.roi?.ops).toEqual([]);
    useCaseStore.getState().undoRoi();
    expect(useCaseStore.getState().record.roi2?.ops).toEqual([]);
  });

  it('undo or redo with nothing to undo changes nothing: not touched, no revision, no save scheduled', async () => {
    const stop = startAutosave();
    try {
      await useCaseStore.getState().openImage(png, 'a.png');
      await flushSave();
      const before = useCaseStore.getState();
      expect(before.saveState).toBe('saved');
      before.undoRoi();
      before.redoRoi();
      before.applyRoi(before.readers![1].present); // the same ROI: no step
      useCaseStore.getState().setReader(2);
      useCaseStore.getState().undoRoi();
      const after = useCaseStore.getState();
      expect(after.revision).toBe(before.revision);
      expect(after.record).toBe(before.record);
      expect(after.readers![1]).toBe(before.readers![1]);
      expect(after.saveState).toBe('saved');
    } finally {
      stop();
    }
  });

  it('the stored ROIs are derived from the readers: reader 2 is stored once it has drawn', async () => {
    await useCaseStore.getState().openImage(png, 'a.png');
    let st = useCaseStore.getState();
    expect(st.record.roi).toBe(st.readers![1].present);
    expect(st.record.roi2).toBeNull();
    st.setReader(2);
    useCaseStore.getState().applyRoi(addOp(st.readers![2].present, square));
    st = useCaseStore.getState();
    expect(st.record.roi2).toBe(st.readers![2].present);
    expect(st.record.roi).toBe(st.readers![1].present);
    await flushSave();
    const id = st.record.id;
    useCaseStore.getState().newCase();
    await useCaseStore.getState().openCase(id);
    st = useCaseStore.getState();
    expect(st.reader).toBe(1);
    expect(roiMask(st.readers![2].present).reduce((a, b) => a + b, 0)).toBe(12);
    expect(st.readers![2].past).toEqual([]);
    st.setReader(2);
    useCaseStore.getState().applyRoi(emptyRoi(8, 6));
    expect(useCaseStore.getState().record.roi2?.ops).toEqual([]);
  });

  it('calibration gives mm spacing; without it the unit is px', async () => {
    await useCaseStore.getState().openImage(png, 'a.png');
    expect(effectiveSpacing(useCaseStore.getState().record)?.unit).toBe('px');
    useCaseStore.getState().setCalibration({ x0: 0, y0: 0, x1: 4, y1: 3, lengthMm: 10 });
    const sp = effectiveSpacing(useCaseStore.getState().record)!;
    expect(sp.unit).toBe('mm');
    expect(sp.row).toBeCloseTo(2, 12);
    expect(sp.col).toBeCloseTo(2, 12);
  });

  it('qPCR entry stores the result and its QC flags with the case', () => {
    const e = emptyQpcrEntry();
    e.cts.patient['miR-34a'] = ['30', '30.2', '31'];
    useCaseStore.getState().setQpcr(e);
    const r = useCaseStore.getState().record.qpcrResult!;
    expect(r.relativeExpression).toBeNull();
    expect(r.flags.map((f) => f.code).sort()).toEqual(['no-calibrator', 'sd']);
  });

  it('flushSave writes the case and its image transactionally; openCase restores it', async () => {
    const s = useCaseStore.getState();
    s.setPatientId('BR-9');
    await s.openImage(png, 'a.png');
    const st = useCaseStore.getState();
    st.applyRoi(addOp(st.readers![1].present, square));
    await flushSave();
    const after = useCaseStore.getState();
    expect(after.saveState).toBe('saved');
    expect(after.imageDirty).toBe(false);
    const id = after.record.id;
    const stored = await loadCase(id);
    expect(stored?.record.patientId).toBe('BR-9');
    expect(stored?.record.status).toBe('missing-roi');
    expect(new Uint8Array(await stored!.image!.blob.arrayBuffer())).toEqual(png);
    useCaseStore.getState().newCase();
    expect(useCaseStore.getState().record.id).not.toBe(id);
    await useCaseStore.getState().openCase(id);
    const re = useCaseStore.getState();
    expect(re.record.patientId).toBe('BR-9');
    expect(re.image?.decoded.info.width).toBe(8);
    expect(roiMask(re.readers![1].present).reduce((a, b) => a + b, 0)).toBe(12);
    await useCaseStore.getState().openCase('missing');
    expect(renderEnglish(useCaseStore.getState().loadError!)).toMatch(/no longer exists/);
  });

  it('a multi-frame DICOM waits for a frame choice; the chosen frame is stored and reopened', async () => {
    const one = new Uint8Array(12).map((_, i) => i);
    const pixels = new Uint8Array(36).map((_, i) => (i % 12) + 50 * Math.floor(i / 12));
    const clip = writeDicom({ rows: 3, columns: 4, pixels, frames: 3 });
    await useCaseStore.getState().openImage(clip, 'clip.dcm');
    let st = useCaseStore.getState();
    expect(st.pendingFrames?.frames).toBe(3);
    expect(renderEnglish(st.imageError!)).toMatch(/clip of 3 frames/);
    expect(st.image).toBeNull();
    await st.openImage(clip, 'clip.dcm', 2);
    st = useCaseStore.getState();
    expect(st.pendingFrames).toBeNull();
    expect(st.record.image?.frame).toBe(2);
    expect(Array.from(st.image!.decoded.image.data)).toEqual(Array.from(one, (v) => v + 100));
    await flushSave();
    const id = st.record.id;
    useCaseStore.getState().newCase();
    await useCaseStore.getState().openCase(id);
    expect(Array.from(useCaseStore.getState().image!.decoded.image.data)).toEqual(
      Array.from(one, (v) => v + 100),
    );
  });
});

describe('autosave', () => {
  it('switching to another case while a change is pending saves the change to the case being left', async () => {
    const stop = startAutosave();
    try {
      useCaseStore.getState().setPatientId('LEFT-1');
      const leftId = useCaseStore.getState().record.id;
      expect(useCaseStore.getState().saveState).toBe('pending');
      useCaseStore.getState().newCase();
      await whenSaved();
      expect((await loadCase(leftId))?.record.patientId).toBe('LEFT-1');
      expect(useCaseStore.getState().record.id).not.toBe(leftId);
      expect(useCaseStore.getState().record.patientId).toBe('');
    } finally {
      stop();
    }
  });

  it('"New case" switches at once: an ID typed right after it, while the left case is being saved, belongs to the new case', async () => {
    const stop = startAutosave();
    try {
      const st = useCaseStore.getState();
      st.setPatientId('BR-A');
      await st.openImage(png, 'a.png');
      const leftId = useCaseStore.getState().record.id;
      // The left case's save is in flight, and a further edit is pending, when "New case" is pressed
      // and the next patient's ID typed.
      let newId = '';
      const unsubscribe = useCaseStore.subscribe((now, before) => {
        if (now.saveState !== 'saving' || before.saveState === 'saving' || newId) return;
        useCaseStore.getState().setPatientId('BR-A (final)');
        startNewCase();
        useCaseStore.getState().setPatientId('BR-B');
        newId = useCaseStore.getState().record.id;
      });
      await flushSave();
      unsubscribe();
      expect(newId).not.toBe('');
      expect(newId).not.toBe(leftId);
      await flushSave();
      await whenSaved();
      const cases = await listCases();
      // The left case holds its last state (saved on top of its own in-flight save, not taken for
      // another tab's edit: no conflicting copy), the new case the ID typed after the click.
      expect(cases.map((c) => c.patientId).sort()).toEqual(['BR-A (final)', 'BR-B']);
      const left = await loadCase(leftId);
      expect(left?.record.patientId).toBe('BR-A (final)');
      expect(left?.record.revision).toBe(2);
      expect(left?.image?.fileName).toBe('a.png');
      expect((await loadCase(newId))?.record.patientId).toBe('BR-B');
    } finally {
      stop();
    }
  });

  it('a case left in conflict with another tab is kept as a copy, its image under the copy; theirs untouched', async () => {
    const stop = startAutosave();
    try {
      const st = useCaseStore.getState();
      st.setPatientId('BR-C');
      await st.openImage(png, 'mine.png');
      await flushSave();
      const id = useCaseStore.getState().record.id;
      const theirs = (await loadCase(id))!;
      await saveCase(
        { ...theirs.record, patientId: 'BR-C (tab B)' },
        { ...theirs.image!, fileName: 'theirs.png' },
      );
      useCaseStore.getState().setPatientId('BR-C (tab A)');
      await flushSave();
      expect(useCaseStore.getState().conflict?.patientId).toBe('BR-C (tab B)');
      startNewCase();
      await whenSaved();
      const cases = await listCases();
      expect(cases.map((c) => c.patientId).sort()).toEqual([
        'BR-C (tab A) (conflicting copy)',
        'BR-C (tab B)',
      ]);
      expect((await loadCase(id))?.image?.fileName).toBe('theirs.png');
      const copy = cases.find((c) => c.id !== id)!;
      expect((await loadCase(copy.id))?.image?.fileName).toBe('mine.png');
    } finally {
      stop();
    }
  });

  it('an image opened while the previous image is being saved is saved too (not left dirty-cleared)', async () => {
    const other = encode({
      width: 5,
      height: 4,
      data: new Uint8Array(20).map((_, i) => 200 - i),
      channels: 1,
      depth: 8,
    });
    const st = useCaseStore.getState();
    st.setPatientId('RACE-1');
    await st.openImage(png, 'first.png');
    const id = useCaseStore.getState().record.id;
    // The save of the first image is in flight when the second image is opened.
    const firstSave = flushSave();
    await useCaseStore.getState().openImage(other, 'second.png');
    await firstSave;
    expect(useCaseStore.getState().imageDirty).toBe(true);
    await flushSave();
    expect(useCaseStore.getState().imageDirty).toBe(false);
    const stored = await loadCase(id);
    expect(stored?.image?.fileName).toBe('second.png');
    expect(new Uint8Array(await stored!.image!.blob.arrayBuffer())).toEqual(other);
  });

  describe('a failed save is told and retried, never dropped', () => {
    const failWrites = () => {
      const fail = () => {
        throw new Error('disk gone');
      };
      db.cases.hook('creating', fail);
      db.cases.hook('updating', fail);
      return () => {
        db.cases.hook('creating').unsubscribe(fail);
        db.cases.hook('updating').unsubscribe(fail);
      };
    };

    it('the current case: save state error with a message naming the retry, then saved without a new edit', async () => {
      const heal = failWrites();
      useCaseStore.getState().setPatientId('RETRY-1');
      const id = useCaseStore.getState().record.id;
      await flushSave();
      const st = useCaseStore.getState();
      expect(st.saveState).toBe('error');
      expect(renderEnglish(st.saveError!)).toMatch(/^Saving failed: .*disk gone.* tries again in 1 s/);
      expect(await loadCase(id)).toBeNull();
      heal();
      await vi.waitFor(() => expect(useCaseStore.getState().saveState).toBe('saved'), {
        timeout: RETRY_DELAYS_MS[0] + 2000,
      });
      await whenSaved();
      expect((await loadCase(id))?.record.patientId).toBe('RETRY-1');
      expect(useCaseStore.getState().saveError).toBeNull();
    });

    it('a case already left: the failure is told on the open case and the left case is saved later', async () => {
      const stop = startAutosave();
      try {
        const heal = failWrites();
        useCaseStore.getState().setPatientId('LEFT-RETRY');
        const leftId = useCaseStore.getState().record.id;
        useCaseStore.getState().newCase();
        await whenSaved();
        const st = useCaseStore.getState();
        expect(st.record.id).not.toBe(leftId);
        expect(st.saveState).toBe('error');
        expect(renderEnglish(st.saveError!)).toMatch(/case you left \(LEFT-RETRY\) could not be saved/);
        heal();
        await vi.waitFor(async () => expect((await loadCase(leftId))?.record.patientId).toBe('LEFT-RETRY'), {
          timeout: RETRY_DELAYS_MS[0] + 2000,
        });
      } finally {
        stop();
      }
    });
  });
});
