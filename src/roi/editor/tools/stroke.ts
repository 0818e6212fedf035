/**
 * Freehand, brush and eraser: one drag. Pointer down starts the stroke, moves add points at least
 * 1.5 screen pixels apart, pointer up adds the release point and commits: freehand a polygon
 * (`addPolygon`, 3 points or more), brush and eraser a stroke (`addStroke`) of the brush diameter.
 */
import type { Point } from '../../rasterize';
import { StateTool } from '../tool';
import type { DraftShape, PointerInput, ToolContext } from '../types';
import { dist } from '../viewport';

/** Least screen distance (px) between recorded stroke points. */
export const STROKE_STEP_PX = 1.5;

export type StrokeKind = 'freehand' | 'brush' | 'eraser';

export class StrokeTool extends StateTool<Point[]> {
  constructor(
    ctx: ToolContext,
    readonly id: StrokeKind,
  ) {
    super(ctx);
  }

  onPointerDown(e: PointerInput): void {
    if (e.button === 0) this.go([e.image]);
  }

  onPointerMove(e: PointerInput): void {
    const pts = this.state;
    if (pts && dist(pts[pts.length - 1], e.image) * this.ctx.viewport.scale >= STROKE_STEP_PX)
      this.go([...pts, e.image]);
  }

  onPointerUp(e: PointerInput | null): void {
    const stroke = this.state;
    if (!stroke) return;
    const points = e && dist(stroke[stroke.length - 1], e.image) > 0 ? [...stroke, e.image] : stroke;
    this.go(null);
    if (this.id === 'freehand') {
      if (points.length >= 3) this.ctx.commit({ name: 'addPolygon', points });
    } else {
      this.ctx.commit({
        name: 'addStroke',
        mode: this.id === 'eraser' ? 'erase' : 'add',
        radius: this.ctx.brushSize / 2,
        points,
      });
    }
  }

  override draft(): DraftShape[] {
    const mode = this.id === 'eraser' ? 'erase' : 'add';
    if (this.state) {
      return [
        {
          kind: 'stroke',
          points: this.state,
          mode: this.id === 'freehand' ? 'outline' : mode,
          width: this.ctx.brushSize,
        },
      ];
    }
    const at = this.ctx.hover;
    return this.id !== 'freehand' && at
      ? [{ kind: 'brushCursor', at, radius: this.ctx.brushSize / 2, mode }]
      : [];
  }
}
