/**
 * Edit vertices: drag a vertex handle to move it (`moveVertex`, when it moved); click an edge to
 * insert a vertex there (`insertVertex`); double-click a vertex, or point at it and press Delete or
 * Backspace, to delete it (`deleteVertex`; a polygon left with fewer than 3 vertices is removed).
 */
import type { Point } from '../../rasterize';
import type { PolygonOp } from '../../roi';
import { StateTool } from '../tool';
import type { DraftShape, KeyInput, PointerInput } from '../types';
import { dist, type PolygonHit } from '../viewport';

interface Drag extends PolygonHit {
  from: Point;
  to: Point;
}

export class EditTool extends StateTool<Drag> {
  readonly id = 'edit';
  /** The vertex under the pointer (Delete removes it). */
  private hovered: PolygonHit | null = null;

  override cursor(): string {
    return 'default';
  }

  private polygons(): PolygonOp[] {
    return (this.ctx.roi?.ops ?? []).filter((o): o is PolygonOp => o.kind === 'polygon');
  }

  private hit(s: Point): PolygonHit | null {
    return this.ctx.viewport.hitVertex(this.polygons(), s);
  }

  onPointerDown(e: PointerInput): void {
    if (e.button !== 0) return;
    const v = this.hit(e.screen);
    const from = v && this.polygons().find((o) => o.id === v.id)?.points[v.index];
    if (v && from) this.go({ ...v, from, to: from });
  }

  onPointerMove(e: PointerInput): void {
    this.hovered = this.hit(e.screen);
    if (this.state) this.go({ ...this.state, to: e.image });
  }

  onPointerUp(): void {
    const drag = this.state;
    if (!drag) return;
    this.go(null);
    if (dist(drag.from, drag.to) > 0)
      this.ctx.commit({ name: 'moveVertex', id: drag.id, index: drag.index, to: drag.to });
  }

  onClick(e: PointerInput): void {
    if (e.button !== 0 || this.hit(e.screen)) return;
    const edge = this.ctx.viewport.hitEdge(this.polygons(), e.image);
    if (edge) this.ctx.commit({ name: 'insertVertex', id: edge.id, index: edge.index, at: e.image });
  }

  onDoubleClick(e: PointerInput): void {
    const v = this.hit(e.screen);
    if (v) this.ctx.commit({ name: 'deleteVertex', id: v.id, index: v.index });
  }

  onKeyDown(e: KeyInput): boolean {
    const v = this.hovered;
    if ((e.key !== 'Delete' && e.key !== 'Backspace') || !v) return false;
    this.hovered = null;
    this.ctx.commit({ name: 'deleteVertex', id: v.id, index: v.index });
    return true;
  }

  override onExit(next: string | null): void {
    this.hovered = null;
    super.onExit(next);
  }

  override draft(): DraftShape[] {
    const drag = this.state;
    return [
      {
        kind: 'handles',
        polygons: this.polygons().map((op) => ({
          id: op.id,
          points:
            drag && drag.id === op.id ? op.points.map((p, i) => (i === drag.index ? drag.to : p)) : op.points,
        })),
      },
    ];
  }
}
