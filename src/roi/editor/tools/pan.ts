/**
 * Pan: drag the view (any button with this tool; the middle button pans in every tool, see
 * editor.ts). Cancelling a pan puts the view back where the drag started.
 */
import { StateTool } from '../tool';
import type { PointerInput } from '../types';
import type { View } from '../viewport';

export class PanTool extends StateTool<{ sx: number; sy: number; from: View }> {
  readonly id = 'pan';

  override cursor(): string {
    return this.state ? 'grabbing' : 'grab';
  }

  onPointerDown(e: PointerInput): void {
    this.go({ sx: e.screen.x, sy: e.screen.y, from: this.ctx.viewport.view });
  }

  onPointerMove(e: PointerInput): void {
    const s = this.state;
    if (s) this.ctx.setViewport(this.ctx.viewport.panFrom(s.from, e.screen.x - s.sx, e.screen.y - s.sy));
  }

  onPointerUp(): void {
    if (this.state) this.go(null);
  }

  override cancel(): boolean {
    const s = this.state;
    if (!s) return false;
    this.ctx.setViewport(this.ctx.viewport.withView(s.from));
    return super.cancel();
  }
}
