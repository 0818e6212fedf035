import { describe, expect, it } from 'vitest';
import { makeEditor } from './editorHarness';

describe('polygon tool', () => {
  it('clicks add vertices; a click on the first vertex closes and commits addPolygon; the mask follows', () => {
    const t = makeEditor();
    const corners = [t.at(10, 10), t.at(50, 10), t.at(50, 40), t.at(10, 40)];
    for (const c of corners) t.click(c);
    expect(t.editor.tool.isActive()).toBe(true);
    expect(t.editor.draft()[0]).toMatchObject({ kind: 'polygonDraft' });
    expect(t.commands).toEqual([]);
    t.click({ x: corners[0].x + 8, y: corners[0].y }); // within 9 px of the first vertex
    expect(t.commands.map((c) => c.name)).toEqual(['addPolygon']);
    expect(t.editor.tool.isActive()).toBe(false);
    expect(t.area()).toBe(40 * 30);
  });

  it('a click 10 px from the first vertex adds a vertex instead of closing', () => {
    const t = makeEditor();
    const corners = [t.at(10, 10), t.at(50, 10), t.at(50, 40)];
    for (const c of corners) t.click(c);
    t.click({ x: corners[0].x + 10, y: corners[0].y });
    expect(t.commands).toEqual([]);
    const d = t.editor.draft()[0];
    expect(d.kind === 'polygonDraft' && d.points.length).toBe(4);
  });

  it('Enter closes (3 vertices or more); Backspace removes the last vertex; Escape drops the draft', () => {
    const t = makeEditor();
    t.click(t.at(10, 10));
    t.click(t.at(50, 10));
    t.click(t.at(70, 70));
    expect(t.key('Backspace')).toBe(true);
    const d = t.editor.draft()[0];
    expect(d.kind === 'polygonDraft' && d.points.length).toBe(2);
    t.key('Enter'); // 2 vertices: dropped, nothing committed
    expect(t.commands).toEqual([]);
    expect(t.editor.tool.isActive()).toBe(false);
    t.clickAt([10, 10], [50, 10], [50, 40]);
    t.key('Escape');
    expect(t.editor.tool.isActive()).toBe(false);
    t.clickAt([10, 10], [50, 10], [50, 40]);
    t.key('Enter');
    expect(t.commands.map((c) => c.name)).toEqual(['addPolygon']);
    expect(t.area()).toBeGreaterThan(500);
  });

  it('undo during a draft cancels only the draft; the previous polygon stays', () => {
    const t = makeEditor();
    t.clickAt([10, 10], [30, 10], [30, 30]);
    t.key('Enter');
    const before = t.roi();
    t.click(t.at(60, 60));
    t.click(t.at(80, 60));
    expect(t.editor.canUndo()).toBe(true);
    t.key('z', { ctrl: true });
    expect(t.editor.tool.isActive()).toBe(false);
    expect(t.roi()).toBe(before);
    expect(t.history().past).toHaveLength(1);
    t.key('z', { ctrl: true }); // now the polygon itself
    expect(t.roi().ops).toEqual([]);
  });

  it('keyboard drawing: arrows move the cursor (Shift 10 px), Space places a vertex', () => {
    const t = makeEditor(100, 80);
    t.key(' ', { inStage: true });
    t.key('ArrowRight', { inStage: true, shift: true });
    t.key('ArrowRight', { inStage: true, shift: true });
    t.key(' ', { inStage: true });
    t.key('ArrowDown', { inStage: true, shift: true });
    t.key(' ', { inStage: true });
    expect(t.editor.keyboardCursor).toEqual({ x: 70.5, y: 50.5 });
    t.key('Enter');
    expect(t.commands[0]).toEqual({
      name: 'addPolygon',
      points: [
        { x: 50.5, y: 40.5 },
        { x: 70.5, y: 40.5 },
        { x: 70.5, y: 50.5 },
      ],
    });
    t.editor.blur();
    expect(t.editor.keyboardCursor).toBeNull();
  });

  it('selecting another tool drops the draft', () => {
    const t = makeEditor();
    t.click(t.at(10, 10));
    t.key('b');
    expect(t.editor.toolId).toBe('brush');
    t.key('p');
    expect(t.editor.tool.isActive()).toBe(false);
  });
});
