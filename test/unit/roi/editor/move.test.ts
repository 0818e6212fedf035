import { describe, expect, it } from 'vitest';
import { roiMask } from '../../../../src/roi/roi';
import { makeEditor, rect, roiWith } from './editorHarness';

const initial = roiWith(100, 80, rect('sq', 10, 10, 30, 30));

describe('move tool', () => {
  it('a drag shows the ROI offset by whole pixels and commits translate on release', () => {
    const t = makeEditor(100, 80, { initial });
    t.editor.setTool('move');
    expect(t.editor.cursor()).toBe('move');
    t.down(t.at(20, 20));
    t.move(t.at(27.4, 23.6));
    expect(t.editor.draft()).toEqual([{ kind: 'roiOffset', dx: 7, dy: 4 }]);
    t.up(t.at(27.4, 23.6));
    expect(t.commands[0].name).toBe('translate');
    const mask = roiMask(t.roi());
    expect(mask[(14 + 4) * 100 + (10 + 7)]).toBe(1);
    expect(mask[12 * 100 + 12]).toBe(0);
    expect(t.area()).toBe(400);
  });

  it('a drag of under half a pixel commits nothing; undo during a drag cancels it', () => {
    const t = makeEditor(100, 80, { initial });
    t.editor.setTool('move');
    t.drag(t.at(20, 20), t.at(20.3, 20.2));
    expect(t.commands).toEqual([]);
    t.down(t.at(20, 20));
    t.move(t.at(40, 40));
    t.key('z', { ctrl: true });
    expect(t.editor.draft()).toEqual([]);
    t.up(t.at(40, 40));
    expect(t.roi()).toBe(initial);
  });
});
