import { describe, expect, it } from 'vitest';
import { TOOL_REGISTRY } from '../../../../src/roi/editor';
import { makeEditor } from './editorHarness';

describe('editor actions and the one key handler', () => {
  it('has an action per tool and for undo, redo, clear and zoom, each with a label key', () => {
    const t = makeEditor();
    const names = t.editor.actions.map((a) => a.name);
    expect(names).toEqual([
      ...TOOL_REGISTRY.map((d) => `tool.${d.id}`),
      'undo',
      'redo',
      'clear',
      'zoomIn',
      'zoomOut',
      'zoomFit',
    ]);
    for (const a of t.editor.actions) expect(a.labelKey).toMatch(/^(image|canvas)\./);
  });

  it('maps keys to actions: tool letters, Ctrl/⌘+Z, Ctrl+Shift+Z, Ctrl+Y, +, =, -, 0', () => {
    const t = makeEditor();
    for (const d of TOOL_REGISTRY) {
      t.key(d.key!.toUpperCase());
      expect(t.editor.toolId).toBe(d.id);
    }
    t.key('p');
    t.clickAt([10, 10], [30, 10], [30, 30]);
    t.key('Enter');
    expect(t.roi().ops).toHaveLength(1);
    t.key('z', { ctrl: true });
    expect(t.roi().ops).toHaveLength(0);
    t.key('Z', { ctrl: true, shift: true });
    expect(t.roi().ops).toHaveLength(1);
    t.key('z', { meta: true });
    t.key('y', { ctrl: true });
    expect(t.roi().ops).toHaveLength(1);
    const s0 = t.editor.viewport.scale;
    t.key('+');
    expect(t.editor.viewport.scale).toBeCloseTo(s0 * 1.25, 12);
    t.key('=');
    t.key('-');
    expect(t.editor.viewport.scale).toBeCloseTo(s0 * 1.25, 12);
    t.key('0');
    expect(t.editor.viewport.isFitted).toBe(true);
    // With Ctrl or Alt a letter is the browser's, not a tool shortcut.
    expect(t.key('b', { ctrl: true })).toBe(false);
    expect(t.key('b', { alt: true })).toBe(false);
    expect(t.editor.toolId).toBe('polygon');
  });

  it('no shortcut applies while typing in a field', () => {
    const t = makeEditor();
    expect(t.key('b', { typing: true })).toBe(false);
    expect(t.key('z', { ctrl: true, typing: true })).toBe(false);
    expect(t.key('ArrowLeft', { typing: true, inStage: true })).toBe(false);
    expect(t.editor.toolId).toBe('polygon');
    expect(t.editor.keyboardCursor).toBeNull();
  });

  it('a disabled action is not performed: undo and redo with empty histories, clear on an empty ROI', () => {
    const t = makeEditor();
    const h0 = t.history();
    expect(t.editor.isEnabled('undo')).toBe(false);
    expect(t.editor.isEnabled('redo')).toBe(false);
    expect(t.editor.isEnabled('clear')).toBe(false);
    expect(t.key('z', { ctrl: true })).toBe(true); // claimed (the browser does not undo either)…
    expect(t.editor.perform('redo')).toBe(false);
    expect(t.editor.perform('clear')).toBe(false);
    expect(t.history()).toBe(h0); // …and nothing changed
    expect(t.commands).toEqual([]);
  });

  it('clear commits the named clear command as one undoable step', () => {
    const t = makeEditor();
    t.editor.setTool('brush');
    t.click(t.at(20, 20));
    expect(t.editor.perform('clear')).toBe(true);
    expect(t.commands.map((c) => c.name)).toEqual(['addStroke', 'clear']);
    expect(t.area()).toBe(0);
    t.editor.perform('undo');
    expect(t.area()).toBeGreaterThan(0);
  });

  it('arrow keys and Space act only when the image has the focus', () => {
    const t = makeEditor();
    expect(t.key('ArrowLeft')).toBe(false);
    expect(t.key(' ')).toBe(false);
    expect(t.editor.keyboardCursor).toBeNull();
    expect(t.key('ArrowLeft', { inStage: true })).toBe(true);
    expect(t.editor.keyboardCursor).toEqual({ x: 49.5, y: 40.5 });
    t.editor.setTool('move');
    expect(t.key(' ', { inStage: true })).toBe(false); // Move places nothing
  });
});
