/**
 * The "Lesion box", "Add to lesion" and "Remove from lesion" tools: a drag → a proposal computed by
 * the segmentation service (here the real algorithm, in-process), strokes re-solve it, Enter or
 * accept commits one `addMask` (undoable), Escape / undo / another tool discard it, stale answers
 * are ignored, and the box can be drawn with the keyboard.
 */
import { describe, expect, it } from 'vitest';
import { segmentationOf } from '../../../../src/roi/editor/tools/lesionBox';
import { roiMask } from '../../../../src/roi/roi';
import {
  prepareSegmentation,
  solveSegmentation,
  type Box,
  type GreyImage,
  type SegmentOutcome,
  type SegmentSession,
  type SegmentStroke,
} from '../../../../src/roi/segment/segment';
import { makeEditor } from './editorHarness';

const W = 120;
const H = 100;

/** A dark disk (centre 60, 50, radius 25) in brighter texture. */
function image(): GreyImage {
  const data = new Float64Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      data[y * W + x] =
        ((x + 0.5 - 60) ** 2 + (y + 0.5 - 50) ** 2 < 25 ** 2 ? 50 : 170) + ((x * 7 + y * 13) % 19);
  return { width: W, height: H, data };
}

/** The segmentation service as the worker provides it (warm start per box), with manual release. */
function service(manual = false) {
  const img = image();
  let session: SegmentSession | null = null;
  const calls: { box: Box; strokes: SegmentStroke[] }[] = [];
  const waiting: (() => void)[] = [];
  const segment = (box: Box, strokes: SegmentStroke[]): Promise<SegmentOutcome | null> => {
    calls.push({ box, strokes });
    if (!session || session.box.some((v, i) => v !== box[i])) session = prepareSegmentation(img, box);
    const s = session;
    const run = (): SegmentOutcome => ({
      ok: true,
      mask: solveSegmentation(s, strokes),
      box,
      iterations: 0,
      ms: 0,
    });
    if (!manual) return Promise.resolve(run());
    return new Promise((resolve) => waiting.push(() => resolve(run())));
  };
  return { segment, calls, release: () => waiting.splice(0).forEach((f) => f()) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('lesion box tools', () => {
  it('drag → proposal; Add to lesion re-solves; Accept commits one addMask; undo restores', async () => {
    const svc = service();
    const t = makeEditor(W, H, { services: { segment: svc.segment } });
    t.editor.setTool('lesionBox');
    t.drag(t.at(28, 18), t.at(60, 40), t.at(92, 82));
    await flush();
    const seg = segmentationOf(t.editor.context);
    expect(seg.status()).toBe('ready');
    expect(svc.calls[0].box).toEqual([28, 18, 92, 82]);
    expect(t.commands).toEqual([]); // nothing committed before accepting
    const kinds = t.editor.draft().map((d) => d.kind);
    expect(kinds).toEqual(['box', 'mask']);

    t.editor.setTool('lesionAdd');
    expect(seg.status()).toBe('ready'); // switching between the segmentation tools keeps the proposal
    t.editor.setBrushSize(6);
    t.drag(t.at(60, 50), t.at(62, 50));
    await flush();
    expect(svc.calls).toHaveLength(2);
    expect(svc.calls[1].strokes).toEqual([{ mode: 'add', points: expect.any(Array), radius: 3 }]);

    expect(t.key('Enter')).toBe(true);
    expect(t.commands.map((c) => c.name)).toEqual(['addMask']);
    expect(seg.status()).toBe('none');
    const area = t.area();
    expect(area).toBeGreaterThan(0.85 * Math.PI * 25 * 25);
    expect(area).toBeLessThan(1.15 * Math.PI * 25 * 25);
    // An ordinary mask op: the eraser edits it, undo restores the previous ROI.
    t.editor.setTool('eraser');
    t.drag(t.at(60, 30), t.at(60, 70));
    expect(t.area()).toBeLessThan(area);
    t.key('z', { ctrl: true });
    expect(t.area()).toBe(area);
    t.key('z', { ctrl: true });
    expect(t.area()).toBe(0);
    t.key('y', { ctrl: true });
    expect(roiMask(t.roi()).reduce((a, b) => a + b, 0)).toBe(area);
  });

  it('Escape discards the proposal; undo during a proposal discards it and keeps the last edit', async () => {
    const svc = service();
    const t = makeEditor(W, H, { services: { segment: svc.segment } });
    t.editor.setTool('lesionBox');
    t.drag(t.at(28, 18), t.at(92, 82));
    await flush();
    expect(t.key('Escape')).toBe(true);
    expect(segmentationOf(t.editor.context).status()).toBe('none');
    expect(t.editor.draft()).toEqual([]);
    t.editor.setTool('brush');
    t.click(t.at(10, 10));
    const before = t.roi();
    t.editor.setTool('lesionBox');
    t.drag(t.at(28, 18), t.at(92, 82));
    await flush();
    t.key('z', { ctrl: true });
    expect(segmentationOf(t.editor.context).status()).toBe('none');
    expect(t.roi()).toBe(before);
    expect(t.commands).toHaveLength(1);
  });

  it('choosing another kind of tool discards; answers after a discard or a newer request are ignored', async () => {
    const svc = service(true);
    const t = makeEditor(W, H, { services: { segment: svc.segment } });
    t.editor.setTool('lesionBox');
    t.drag(t.at(28, 18), t.at(92, 82));
    const seg = segmentationOf(t.editor.context);
    expect(seg.status()).toBe('computing');
    expect(seg.canAccept()).toBe(false);
    t.editor.setTool('polygon');
    svc.release();
    await flush();
    expect(seg.status()).toBe('none');
    t.editor.setTool('lesionBox');
    t.drag(t.at(20, 10), t.at(100, 90));
    t.drag(t.at(28, 18), t.at(92, 82));
    svc.release();
    await flush();
    expect(seg.status()).toBe('ready');
    expect(t.editor.draft()[0]).toEqual({ kind: 'box', x0: 28, y0: 18, x1: 92, y1: 82 });
  });

  it('is keyboard operable: Space at two corners, Space strokes, Enter accepts', async () => {
    const svc = service();
    const t = makeEditor(W, H, { services: { segment: svc.segment } });
    t.editor.setTool('lesionBox');
    const stage = { inStage: true };
    // The keyboard cursor starts at the image centre (60.5, 50.5): move it to the first corner.
    for (let i = 0; i < 3; i++) t.key('ArrowLeft', { ...stage, shift: true });
    for (let i = 0; i < 3; i++) t.key('ArrowUp', { ...stage, shift: true });
    t.key(' ', stage);
    expect(svc.calls).toHaveLength(0); // one corner only
    expect(t.editor.draft()).toEqual([{ kind: 'box', x0: 30.5, y0: 20.5, x1: 30.5, y1: 20.5 }]);
    for (let i = 0; i < 6; i++) t.key('ArrowRight', { ...stage, shift: true });
    for (let i = 0; i < 6; i++) t.key('ArrowDown', { ...stage, shift: true });
    t.key(' ', stage);
    await flush();
    expect(svc.calls[0].box).toEqual([31, 21, 91, 81]);
    t.key('a');
    expect(t.editor.toolId).toBe('lesionAdd');
    t.key(' ', stage);
    await flush();
    expect(svc.calls).toHaveLength(2);
    t.key('Enter');
    expect(t.commands.map((c) => c.name)).toEqual(['addMask']);
  });

  it('reports a box too small to segment, and a missing service, without committing', () => {
    const t = makeEditor(W, H);
    t.editor.setTool('lesionBox');
    t.drag(t.at(10, 10), t.at(13, 30));
    const seg = segmentationOf(t.editor.context);
    expect(seg.message()?.code).toBe('segment.boxTooSmall');
    t.drag(t.at(10, 10), t.at(60, 60));
    expect(seg.message()?.code).toBe('segment.unavailable');
    expect(seg.accept()).toBe(false);
    expect(t.commands).toEqual([]);
  });

  it('choosing "Lesion box" asks the service to get ready (once per choice), before any box', () => {
    let prepared = 0;
    const svc = service();
    const t = makeEditor(W, H, { services: { segment: svc.segment, prepareSegment: () => prepared++ } });
    t.editor.setTool('lesionAdd');
    expect(prepared).toBe(0);
    t.editor.setTool('lesionBox');
    expect(prepared).toBe(1);
    expect(svc.calls).toEqual([]);
    expect(t.commands).toEqual([]);
    t.editor.setTool('polygon');
    t.editor.setTool('lesionBox');
    expect(prepared).toBe(2);
  });
});
