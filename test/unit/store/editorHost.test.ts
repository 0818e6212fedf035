/**
 * The ROI editor on the case store: gestures, undo during a gesture, and undo with nothing to undo
 * as the autosave sees them (revision, touched, save state).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encode } from 'fast-png';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import { createEditor, type PointerInput } from '../../../src/roi/editor';
import { roiMask } from '../../../src/roi/roi';
import { flushSave, startAutosave } from '../../../src/store/autosave';
import { useCaseStore } from '../../../src/store/caseStore';
import { caseStoreHost } from '../../../src/store/editorHost';

let db: SonoMiRDatabase;
let n = 0;
const png = encode({ width: 40, height: 30, data: new Uint8Array(1200).fill(90), channels: 1, depth: 8 });

beforeEach(() => {
  db = new SonoMiRDatabase(`editor-host-${++n}`);
  setDb(db);
  useCaseStore.getState().newCase();
});
afterEach(async () => {
  await db.delete();
  setDb(null);
});

async function openEditor() {
  await useCaseStore.getState().openImage(png, 'a.png');
  const editor = createEditor({ host: caseStoreHost(() => undefined), box: { width: 40, height: 30 } });
  editor.setImage({ width: 40, height: 30, rgba: null });
  const at = (x: number, y: number): PointerInput => ({
    screen: editor.viewport.toScreen({ x, y }),
    image: { x, y },
    button: 0,
    shift: false,
    ctrl: false,
    alt: false,
    meta: false,
  });
  const click = (x: number, y: number) => {
    editor.pointerDown(at(x, y));
    editor.pointerUp(at(x, y));
    editor.click(at(x, y));
  };
  const key = (k: string, ctrl = false) =>
    editor.keyDown({ key: k, ctrl, shift: false, alt: false, meta: false, typing: false, inStage: false });
  return { editor, at, click, key };
}

const pixels = () => roiMask(useCaseStore.getState().record.roi!).reduce((a, b) => a + b, 0);

describe('the ROI editor on the case store', () => {
  it('a closed polygon is one store step on the active reader; undo during the next draft cancels only it', async () => {
    const { click, key, editor } = await openEditor();
    click(5, 5);
    click(25, 5);
    click(25, 20);
    click(5, 20);
    key('Enter');
    expect(pixels()).toBe(300);
    const revision = useCaseStore.getState().revision;
    click(30, 25);
    click(35, 25);
    key('z', true);
    expect(editor.tool.isActive()).toBe(false);
    expect(pixels()).toBe(300);
    expect(useCaseStore.getState().revision).toBe(revision);
    key('z', true);
    expect(pixels()).toBe(0);
  });

  it('undo during a drag cancels the drag; the store is untouched', async () => {
    const { click, key, editor, at } = await openEditor();
    for (const [x, y] of [
      [5, 5],
      [25, 5],
      [25, 20],
    ])
      click(x, y);
    key('Enter');
    const roi = useCaseStore.getState().record.roi;
    const revision = useCaseStore.getState().revision;
    editor.setTool('move');
    editor.pointerDown(at(10, 10));
    editor.pointerMove(at(20, 15));
    key('z', true);
    editor.pointerUp(at(20, 15));
    expect(useCaseStore.getState().record.roi).toBe(roi);
    expect(useCaseStore.getState().revision).toBe(revision);
  });

  it('undo with nothing to undo does not mark the case changed and schedules no save', async () => {
    const stop = startAutosave();
    try {
      const { key, editor } = await openEditor();
      await flushSave();
      const before = useCaseStore.getState();
      expect(before.saveState).toBe('saved');
      expect(editor.canUndo()).toBe(false);
      key('z', true);
      key('y', true);
      editor.perform('clear');
      const after = useCaseStore.getState();
      expect(after.revision).toBe(before.revision);
      expect(after.record).toBe(before.record);
      expect(after.saveState).toBe('saved');
    } finally {
      stop();
    }
  });
});
