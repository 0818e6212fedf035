/** Move: drag the whole ROI; the release commits `translate` by the drag rounded to whole pixels. */
import type { Point } from '../../rasterize';
import { StateTool } from '../tool';
import type { DraftShape, PointerInput } from '../types';

export class MoveTool extends StateTool<{ start: Point; d: Point }> {
  readonly id = 'move';

  override cursor(): string {
    return 'move';
  }

  onPointerDown(e: PointerInput): void {
    if (e.button === 0) this.go({ start: e.image, d: { x: 0, y: 0 } });
  }

  onPointerMove(e: PointerInput): void {
    const s = this.state;
    if (s) this.go({ ...s, d: { x: e.image.x - s.start.x, y: e.image.y - s.start.y } });
  }

  onPointerUp(): void {
    const s = this.state;
    if (!s) return;
    this.go(null);
    if (Math.round(s.d.x) !== 0 || Math.round(s.d.y) !== 0)
      this.ctx.commit({ name: 'translate', dx: s.d.x, dy: s.d.y });
  }

  override draft(): DraftShape[] {
    const s = this.state;
    return s ? [{ kind: 'roiOffset', dx: Math.round(s.d.x), dy: Math.round(s.d.y) }] : [];
  }
}
