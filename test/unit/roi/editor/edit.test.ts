import { describe, expect, it } from 'vitest';
import type { PolygonOp } from '../../../../src/roi/roi';
import { makeEditor, rect, roiWith } from './editorHarness';

const square = rect('sq', 10, 10, 50, 40);

function editing() {
  const t = makeEditor(100, 80, { initial: roiWith(100, 80, square) });
  t.editor.setTool('edit');
  return t;
}

describe('edit (vertex) tool', () => {
  it('shows a handle on every vertex; dragging one commits moveVertex', () => {
    const t = editing();
    expect(t.editor.draft()).toEqual([{ kind: 'handles', polygons: [{ id: 'sq', points: square.points }] }]);
    t.down(t.at(50, 40));
    t.move(t.at(60, 50));
    const d = t.editor.draft()[0];
    expect(d.kind === 'handles' && d.polygons[0].points[2].x).toBeCloseTo(60, 10);
    t.up(t.at(60, 50));
    expect(t.commands.map((c) => c.name)).toEqual(['moveVertex']);
    const op = t.roi().ops[0] as PolygonOp;
    expect(op.points[2].x).toBeCloseTo(60, 10);
    expect(op.points[2].y).toBeCloseTo(50, 10);
  });

  it('a press on a handle without a move commits nothing; a press off the handles starts no drag', () => {
    const t = editing();
    t.down(t.at(50, 40));
    t.up(t.at(50, 40));
    t.down(t.at(30, 25));
    expect(t.editor.tool.isActive()).toBe(false);
    t.up(t.at(30, 25));
    expect(t.commands).toEqual([]);
  });

  it('a click on an edge inserts a vertex there; a click elsewhere does nothing', () => {
    const t = editing();
    t.click(t.at(30, 10));
    expect(t.commands[0]).toMatchObject({ name: 'insertVertex', id: 'sq', index: 0 });
    expect((t.roi().ops[0] as PolygonOp).points).toHaveLength(5);
    t.click(t.at(30, 25));
    expect(t.commands).toHaveLength(1);
  });

  it('double-click, or Delete with the pointer on a vertex, deletes it; under 3 vertices the polygon goes', () => {
    const t = editing();
    t.doubleClick(t.at(10, 10));
    expect(t.commands[0]).toEqual({ name: 'deleteVertex', id: 'sq', index: 0 });
    t.move(t.at(50, 10));
    expect(t.key('Delete')).toBe(true);
    expect(t.roi().ops).toEqual([]);
    expect(t.key('Delete')).toBe(false); // nothing under the pointer any more
  });

  it('undo during a vertex drag cancels the drag only', () => {
    const t = editing();
    t.click(t.at(30, 10));
    const before = t.roi();
    t.down(t.at(50, 40));
    t.move(t.at(70, 70));
    t.key('z', { ctrl: true });
    t.up(t.at(70, 70));
    expect(t.roi()).toBe(before);
    expect(t.history().past).toHaveLength(1);
  });
});
