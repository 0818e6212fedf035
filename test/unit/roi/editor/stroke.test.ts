import { describe, expect, it } from 'vitest';
import { makeEditor } from './editorHarness';

describe('freehand, brush and eraser tools', () => {
  it('freehand: a drag commits one polygon of its points (3 or more)', () => {
    const t = makeEditor();
    t.editor.setTool('freehand');
    t.drag(t.at(10, 10), t.at(60, 10), t.at(60, 50), t.at(10, 50));
    expect(t.commands.map((c) => c.name)).toEqual(['addPolygon']);
    expect(t.area()).toBe(50 * 40);
    t.drag(t.at(70, 70), t.at(71, 70)); // 2 points: nothing
    expect(t.commands).toHaveLength(1);
  });

  it('freehand: moves closer than 1.5 screen pixels are not recorded', () => {
    const t = makeEditor();
    t.editor.setTool('freehand');
    t.down(t.at(10, 10));
    t.move({ x: t.at(10, 10).x + 1, y: t.at(10, 10).y });
    t.move({ x: t.at(10, 10).x + 2, y: t.at(10, 10).y });
    const d = t.editor.draft()[0];
    expect(d.kind === 'stroke' && d.points.length).toBe(2);
    expect(d.kind === 'stroke' && d.mode).toBe('outline');
  });

  it('brush adds a stroke of the brush diameter; eraser removes; both are named commands', () => {
    const t = makeEditor();
    t.editor.setBrushSize(10);
    t.editor.setTool('brush');
    t.move(t.at(30, 30));
    expect(t.editor.draft()).toEqual([{ kind: 'brushCursor', at: t.editor.hover, radius: 5, mode: 'add' }]);
    t.drag(t.at(20, 30), t.at(60, 30));
    expect(t.commands[0]).toMatchObject({ name: 'addStroke', mode: 'add', radius: 5 });
    const painted = t.area();
    expect(painted).toBeGreaterThan(40 * 9);
    t.editor.setTool('eraser');
    t.drag(t.at(40, 20), t.at(40, 40));
    expect(t.commands[1]).toMatchObject({ name: 'addStroke', mode: 'erase', radius: 5 });
    expect(t.area()).toBeLessThan(painted - 60);
  });

  it('a single click of the brush paints a dot', () => {
    const t = makeEditor();
    t.editor.setTool('brush');
    t.click(t.at(40, 40));
    expect(t.commands).toHaveLength(1);
    expect(t.area()).toBeGreaterThan(100);
  });

  it('undo during a drag cancels the drag: nothing is committed and the last edit stays', () => {
    const t = makeEditor();
    t.editor.setTool('brush');
    t.drag(t.at(20, 30), t.at(60, 30));
    const before = t.roi();
    t.down(t.at(20, 60));
    t.move(t.at(50, 60));
    t.key('z', { meta: true });
    expect(t.editor.tool.isActive()).toBe(false);
    t.move(t.at(60, 60));
    t.up(t.at(60, 60));
    expect(t.roi()).toBe(before);
    expect(t.commands).toHaveLength(1);
  });
});
