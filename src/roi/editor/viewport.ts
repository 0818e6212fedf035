/**
 * The editor's view of the image: a scale and a translation mapping image coordinates to screen
 * pixels (`screen = image × scale + offset`). Until the user zooms or pans, the view is "fitted": it
 * follows the box size so that the whole image shows (98 % of the box, centred). Values are
 * immutable: every change returns a new Viewport.
 *
 * Hit-tests work in screen pixels, so handles are as easy to grab at every zoom: a vertex within
 * {@link VERTEX_HIT_PX}, an edge within {@link EDGE_HIT_PX}, a polygon draft's first point (which
 * closes it) within {@link CLOSE_HIT_PX}.
 */
import type { Point } from '../rasterize';
import type { PolygonOp } from '../roi';

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** Screen distance (px) within which a vertex handle is hit. */
export const VERTEX_HIT_PX = 7;
/** Screen distance (px) within which a polygon edge is hit. */
export const EDGE_HIT_PX = 6;
/** Screen distance (px) within which a click on a draft's first point closes the polygon. */
export const CLOSE_HIT_PX = 9;
/** Zoom limits (screen pixels per image pixel). */
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 64;
/** Zoom factor of the zoom-in button/key (zoom out: its inverse, 0.8). */
export const ZOOM_STEP = 1.25;
/** Zoom factor of one wheel notch. */
export const WHEEL_STEP = 1.15;

export interface PolygonHit {
  id: string;
  index: number;
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Distance from p to the segment a–b, and the position t ∈ [0, 1] of the nearest point on it. */
export function segDist(p: Point, a: Point, b: Point): { d: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { d: Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y), t };
}

export class Viewport {
  private constructor(
    /** Image size (pixels). */
    readonly imageWidth: number,
    readonly imageHeight: number,
    /** Size of the box the image is shown in (screen pixels). */
    readonly boxWidth: number,
    readonly boxHeight: number,
    /** The user's zoom and pan; null = fitted. */
    readonly user: View | null,
  ) {}

  static fitted(imageWidth: number, imageHeight: number, boxWidth: number, boxHeight: number): Viewport {
    return new Viewport(imageWidth, imageHeight, boxWidth, boxHeight, null);
  }

  /** The fitted view for the current box. */
  get fit(): View {
    const scale = Math.min(this.boxWidth / this.imageWidth, this.boxHeight / this.imageHeight) * 0.98;
    return {
      scale,
      x: (this.boxWidth - this.imageWidth * scale) / 2,
      y: (this.boxHeight - this.imageHeight * scale) / 2,
    };
  }

  /** The view in effect. */
  get view(): View {
    return this.user ?? this.fit;
  }

  get scale(): number {
    return this.view.scale;
  }

  get isFitted(): boolean {
    return this.user === null;
  }

  /** The same view in a box of another size (a fitted view follows it). */
  withBox(boxWidth: number, boxHeight: number): Viewport {
    if (boxWidth === this.boxWidth && boxHeight === this.boxHeight) return this;
    return new Viewport(this.imageWidth, this.imageHeight, boxWidth, boxHeight, this.user);
  }

  /** Another image: the view is fitted again. */
  withImage(imageWidth: number, imageHeight: number): Viewport {
    return new Viewport(imageWidth, imageHeight, this.boxWidth, this.boxHeight, null);
  }

  /** Back to the fitted view. */
  fitted(): Viewport {
    return this.user
      ? new Viewport(this.imageWidth, this.imageHeight, this.boxWidth, this.boxHeight, null)
      : this;
  }

  withView(view: View): Viewport {
    return new Viewport(this.imageWidth, this.imageHeight, this.boxWidth, this.boxHeight, view);
  }

  /** Zooms by `factor` keeping the image point under screen point (sx, sy) in place. */
  zoomAt(factor: number, sx: number, sy: number): Viewport {
    const v = this.view;
    const scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, v.scale * factor));
    const ix = (sx - v.x) / v.scale;
    const iy = (sy - v.y) / v.scale;
    return this.withView({ scale, x: sx - ix * scale, y: sy - iy * scale });
  }

  /** Zooms about the centre of the box. */
  zoomCentre(factor: number): Viewport {
    return this.zoomAt(factor, this.boxWidth / 2, this.boxHeight / 2);
  }

  /** `from` moved by (dx, dy) screen pixels. */
  panFrom(from: View, dx: number, dy: number): Viewport {
    return this.withView({ ...from, x: from.x + dx, y: from.y + dy });
  }

  toImage(s: Point): Point {
    const v = this.view;
    return { x: (s.x - v.x) / v.scale, y: (s.y - v.y) / v.scale };
  }

  toScreen(p: Point): Point {
    const v = this.view;
    return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
  }

  /** Whether image point `p` shows within `radiusPx` screen pixels of screen point `s`. */
  near(p: Point, s: Point, radiusPx: number): boolean {
    return dist(this.toScreen(p), s) <= radiusPx;
  }

  /** The first polygon vertex whose handle is under screen point `s`. */
  hitVertex(polygons: readonly PolygonOp[], s: Point): PolygonHit | null {
    for (const op of polygons) {
      for (let i = 0; i < op.points.length; i++) {
        if (this.near(op.points[i], s, VERTEX_HIT_PX)) return { id: op.id, index: i };
      }
    }
    return null;
  }

  /** The first polygon edge (index → index + 1) within reach of image point `p`. */
  hitEdge(polygons: readonly PolygonOp[], p: Point): PolygonHit | null {
    const scale = this.scale;
    for (const op of polygons) {
      for (let i = 0; i < op.points.length; i++) {
        const { d } = segDist(p, op.points[i], op.points[(i + 1) % op.points.length]);
        if (d * scale <= EDGE_HIT_PX) return { id: op.id, index: i };
      }
    }
    return null;
  }
}
