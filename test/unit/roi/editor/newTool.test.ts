/**
 * The editor as the home of a new tool: a tool defined here (one class plus one registry entry)
 * that holds a proposal across gestures, receives it asynchronously, and commits it as a mask op —
 * the shape of issue 13's lesion-box tool, without touching the built-in tools.
 */
import { describe, expect, it } from 'vitest';
import {
  StateTool,
  TOOL_REGISTRY,
  type DraftShape,
  type KeyInput,
  type PointerInput,
  type ToolDefinition,
} from '../../../../src/roi/editor';
import type { Point } from '../../../../src/roi/rasterize';
import { makeEditor } from './editorHarness';

type Box = { x0: number; y0: number; x1: number; y1: number };
type Proposal = { width: number; height: number; data: Uint8Array; dx: number; dy: number };
type State =
  | { kind: 'dragging'; from: Point; to: Point }
  | { kind: 'waiting'; box: Box; token: number }
  | { kind: 'proposed'; box: Box; mask: Proposal };

/** A stand-in segmenter: fills the box (resolves when the test says so). */
function boxSegmenter() {
  const pending: (() => void)[] = [];
  const segment = (box: Box): Promise<Proposal> =>
    new Promise((resolve) =>
      pending.push(() => {
        const width = Math.round(box.x1 - box.x0);
        const height = Math.round(box.y1 - box.y0);
        resolve({ width, height, data: new Uint8Array(width * height).fill(1), dx: box.x0, dy: box.y0 });
      }),
    );
  return { segment, settle: () => pending.splice(0).forEach((f) => f()) };
}

class BoxProposalTool extends StateTool<State> {
  readonly id = 'lesionBox';
  private token = 0;
  constructor(
    ctx: ConstructorParameters<typeof StateTool>[0],
    private readonly segment: (box: Box) => Promise<Proposal>,
  ) {
    super(ctx);
  }
  onPointerDown(e: PointerInput): void {
    if (e.button === 0) this.go({ kind: 'dragging', from: e.image, to: e.image });
  }
  onPointerMove(e: PointerInput): void {
    if (this.state?.kind === 'dragging') this.go({ ...this.state, to: e.image });
  }
  onPointerUp(): void {
    if (this.state?.kind !== 'dragging') return;
    const { from, to } = this.state;
    const r = Math.round;
    const box = {
      x0: r(Math.min(from.x, to.x)),
      y0: r(Math.min(from.y, to.y)),
      x1: r(Math.max(from.x, to.x)),
      y1: r(Math.max(from.y, to.y)),
    };
    const token = ++this.token;
    this.go({ kind: 'waiting', box, token });
    void this.segment(box).then((mask) => {
      if (this.state?.kind === 'waiting' && this.state.token === token)
        this.go({ kind: 'proposed', box, mask });
    });
  }
  /** The tool's own button ("Accept segmentation"). */
  accept(): void {
    if (this.state?.kind !== 'proposed') return;
    const { mask } = this.state;
    this.go(null);
    this.ctx.commit({ name: 'addMask', ...mask });
  }
  onKeyDown(e: KeyInput): boolean {
    if (e.key !== 'Escape' || !this.state) return false;
    this.go(null);
    return true;
  }
  override draft(): DraftShape[] {
    const s = this.state;
    if (!s) return [];
    if (s.kind === 'dragging') return [{ kind: 'box', x0: s.from.x, y0: s.from.y, x1: s.to.x, y1: s.to.y }];
    if (s.kind === 'waiting') return [{ kind: 'box', ...s.box }];
    return [
      { kind: 'box', ...s.box },
      { kind: 'mask', ...s.mask },
    ];
  }
}

function withBoxTool() {
  const seg = boxSegmenter();
  const def: ToolDefinition = {
    id: 'lesionBox',
    key: 'l',
    toolbar: true,
    labelKey: 'image.tool.lesionBox',
    tipKey: 'image.tip.lesionBox',
    create: (ctx) => new BoxProposalTool(ctx, seg.segment),
  };
  // The stand-in replaces the real lesion-box tool of the registry (same id).
  const t = makeEditor(100, 80, { tools: [...TOOL_REGISTRY.filter((d) => d.id !== def.id), def] });
  return { t, seg, tool: () => t.editor.toolById('lesionBox') as BoxProposalTool };
}

describe('a new tool added by one registry entry', () => {
  it('gets its shortcut and action; a dragged box waits for the async proposal, accept commits addMask', async () => {
    const { t, seg, tool } = withBoxTool();
    t.key('l');
    expect(t.editor.toolId).toBe('lesionBox');
    expect(t.editor.actions.some((a) => a.name === 'tool.lesionBox')).toBe(true);
    t.drag(t.at(10, 10), t.at(30, 20), t.at(40, 30));
    expect(t.editor.draft()).toEqual([{ kind: 'box', x0: 10, y0: 10, x1: 40, y1: 30 }]);
    let redraws = 0;
    const stop = t.editor.subscribe(() => redraws++);
    seg.settle();
    await Promise.resolve();
    await Promise.resolve();
    stop();
    expect(redraws).toBeGreaterThan(0);
    expect(t.editor.draft().map((d) => d.kind)).toEqual(['box', 'mask']);
    expect(t.commands).toEqual([]);
    tool().accept();
    expect(t.commands.map((c) => c.name)).toEqual(['addMask']);
    expect(t.area()).toBe(30 * 20);
    t.key('z', { ctrl: true });
    expect(t.area()).toBe(0);
  });

  it('Escape, undo or another tool discards the proposal; a result arriving after that is ignored', async () => {
    const { t, seg } = withBoxTool();
    t.editor.setTool('lesionBox');
    t.drag(t.at(10, 10), t.at(40, 30));
    t.key('z', { ctrl: true }); // cancels the waiting proposal, undoes nothing
    seg.settle();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.editor.draft()).toEqual([]);
    t.drag(t.at(10, 10), t.at(40, 30));
    seg.settle();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.editor.tool.isActive()).toBe(true);
    t.key('Escape');
    expect(t.editor.tool.isActive()).toBe(false);
    expect(t.commands).toEqual([]);
  });
});
