/**
 * Polygon: each click adds a vertex; clicking the first vertex (within CLOSE_HIT_PX screen pixels,
 * once there are 3) or Enter closes it and commits `addPolygon`. Backspace removes the last vertex,
 * Escape drops the draft; Space on the focused image adds the keyboard cursor as a vertex.
 */
import type { Point } from '../../rasterize';
import { StateTool, plainKey } from '../tool';
import type { DraftShape, KeyInput, PointerInput } from '../types';
import { CLOSE_HIT_PX } from '../viewport';

export class PolygonTool extends StateTool<Point[]> {
  readonly id = 'polygon';

  /** Commits the draft when it has 3 vertices or more; the draft is dropped either way. */
  private close(points: Point[]): void {
    this.go(null);
    if (points.length >= 3) this.ctx.commit({ name: 'addPolygon', points });
  }

  private add(p: Point): void {
    this.go([...(this.state ?? []), p]);
  }

  onClick(e: PointerInput): void {
    if (e.button !== 0) return;
    const draft = this.state;
    if (draft && draft.length >= 3 && this.ctx.viewport.near(draft[0], e.screen, CLOSE_HIT_PX)) {
      this.close(draft);
      return;
    }
    this.add(e.image);
  }

  onPlace(at: Point): boolean {
    this.add(at);
    return true;
  }

  onKeyDown(e: KeyInput): boolean {
    const draft = this.state;
    if (!draft || !plainKey(e)) return false;
    if (e.key === 'Enter') this.close(draft);
    else if (e.key === 'Escape') this.go(null);
    else if (e.key === 'Backspace') this.go(draft.length > 1 ? draft.slice(0, -1) : null);
    else return false;
    return true;
  }

  override draft(): DraftShape[] {
    if (!this.state) return [];
    return [{ kind: 'polygonDraft', points: this.state, tail: this.ctx.hover ?? this.ctx.keyboardCursor }];
  }
}
