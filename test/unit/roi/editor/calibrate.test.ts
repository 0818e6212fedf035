import { describe, expect, it } from 'vitest';
import { makeEditor } from './editorHarness';

describe('calibrate tool', () => {
  it('a drag of 2 image pixels or more hands the line to the host; a shorter one does not', () => {
    const t = makeEditor();
    t.key('c');
    expect(t.editor.toolId).toBe('calibrate');
    t.down(t.at(10, 10));
    t.move(t.at(40, 10));
    expect(t.editor.draft()[0]).toMatchObject({ kind: 'line' });
    t.up(t.at(40, 10));
    expect(t.lines).toHaveLength(1);
    expect(t.lines[0].x0).toBeCloseTo(10, 10);
    expect(t.lines[0].x1).toBeCloseTo(40, 10);
    t.drag(t.at(50, 50), t.at(51, 50.5));
    expect(t.lines).toHaveLength(1);
    expect(t.commands).toEqual([]);
  });

  it('keyboard: Space marks one end, arrows extend the line, Space marks the other end', () => {
    const t = makeEditor(100, 80);
    t.editor.setTool('calibrate');
    t.key(' ', { inStage: true });
    t.key('ArrowRight', { inStage: true, shift: true });
    const d = t.editor.draft()[0];
    expect(d.kind === 'line' && d.line).toEqual({ x0: 50.5, y0: 40.5, x1: 60.5, y1: 40.5 });
    t.key('ArrowRight', { inStage: true });
    t.key(' ', { inStage: true });
    expect(t.lines).toEqual([{ x0: 50.5, y0: 40.5, x1: 61.5, y1: 40.5 }]);
    expect(t.editor.tool.isActive()).toBe(false);
  });

  it('undo or Escape-less tool change during a line drops it', () => {
    const t = makeEditor();
    t.editor.setTool('calibrate');
    t.down(t.at(10, 10));
    t.move(t.at(40, 10));
    t.key('z', { ctrl: true });
    t.up(t.at(40, 10));
    expect(t.lines).toEqual([]);
  });
});
