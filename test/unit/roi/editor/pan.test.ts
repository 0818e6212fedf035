import { describe, expect, it } from 'vitest';
import { makeEditor } from './editorHarness';

describe('pan tool and middle-button pan', () => {
  it('pan: a drag moves the view by the screen distance; the ROI is untouched', () => {
    const t = makeEditor();
    t.editor.setTool('pan');
    expect(t.editor.cursor()).toBe('grab');
    const v0 = t.editor.viewport.view;
    t.down({ x: 10, y: 10 });
    expect(t.editor.cursor()).toBe('grabbing');
    t.move({ x: 40, y: 5 });
    t.up({ x: 40, y: 5 });
    expect(t.editor.viewport.view).toEqual({ scale: v0.scale, x: v0.x + 30, y: v0.y - 5 });
    expect(t.commands).toEqual([]);
    t.editor.perform('zoomFit');
    expect(t.editor.viewport.view).toEqual(v0);
  });

  it('the middle button pans in any tool; undo during a pan puts the view back', () => {
    const t = makeEditor();
    const v0 = t.editor.viewport.view;
    t.down({ x: 10, y: 10 }, 1);
    t.move({ x: 30, y: 30 });
    expect(t.editor.viewport.view.x).toBeCloseTo(v0.x + 20, 10);
    t.up({ x: 30, y: 30 }, 1);
    expect(t.editor.toolId).toBe('polygon');
    expect(t.editor.tool.isActive()).toBe(false);
    t.editor.setTool('pan');
    const v1 = t.editor.viewport.view;
    t.down({ x: 10, y: 10 });
    t.move({ x: 50, y: 50 });
    t.key('z', { ctrl: true });
    expect(t.editor.viewport.view).toEqual(v1);
    t.move({ x: 60, y: 60 });
    expect(t.editor.viewport.view).toEqual(v1);
  });

  it('the wheel zooms about the pointer', () => {
    const t = makeEditor();
    const s = { x: 30, y: 20 };
    const p = t.editor.viewport.toImage(s);
    t.editor.wheel(s, -100);
    expect(t.editor.viewport.scale).toBeCloseTo(0.98 * 1.15, 12);
    expect(t.editor.viewport.toImage(s).x).toBeCloseTo(p.x, 10);
    t.editor.wheel(s, 100);
    expect(t.editor.viewport.scale).toBeCloseTo(0.98, 12);
  });
});
