/**
 * Calibrate: draw a line along the image's scale bar — by dragging, or on the focused image with
 * Space at one end, arrow keys, Space at the other. A line of 2 image pixels or more is handed to
 * the host, which asks for its length in mm.
 */
import type { Point } from '../../rasterize';
import { StateTool } from '../tool';
import type { CalibrationLine, DraftShape, PointerInput } from '../types';

/** Shortest scale-bar line accepted (image pixels). */
export const MIN_CALIBRATION_PX = 2;

export class CalibrateTool extends StateTool<CalibrationLine> {
  readonly id = 'calibrate';

  private start(p: Point): void {
    this.go({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
  }

  private extend(p: Point): void {
    if (this.state) this.go({ ...this.state, x1: p.x, y1: p.y });
  }

  /** Ends the line at `p`; a long enough line goes to the host. */
  private finish(p: Point | null): void {
    const line = this.state;
    if (!line) return;
    const done = p ? { ...line, x1: p.x, y1: p.y } : line;
    this.go(null);
    if (Math.hypot(done.x1 - done.x0, done.y1 - done.y0) >= MIN_CALIBRATION_PX)
      this.ctx.calibrationLine(done);
  }

  onPointerDown(e: PointerInput): void {
    if (e.button === 0) this.start(e.image);
  }

  onPointerMove(e: PointerInput): void {
    this.extend(e.image);
  }

  onPointerUp(): void {
    this.finish(null);
  }

  onCursorMove(at: Point): void {
    this.extend(at);
  }

  onPlace(at: Point): boolean {
    if (this.state) this.finish(at);
    else this.start(at);
    return true;
  }

  override draft(): DraftShape[] {
    return this.state ? [{ kind: 'line', line: this.state }] : [];
  }
}
