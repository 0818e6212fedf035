/**
 * The canvases the ROI view draws (one canvas pixel per image pixel, drawn pixelated): the image
 * with window/level applied, and a mask fill; and the mask outlines as vector segments.
 */
import { useDeferredValue, useMemo } from 'react';
import { maskOutline } from '../../roi/measure';
import { roiExtent, roiMask, type Roi } from '../../roi/roi';

/** Canvas holding the display copy of the image with window/level applied. */
export function useDisplayCanvas(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  ww: number,
  wl: number,
) {
  return useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return canvas;
    const out = new Uint8ClampedArray(rgba.length);
    const lo = wl - ww / 2;
    const k = 255 / Math.max(1, ww);
    const lut = new Uint8ClampedArray(256);
    for (let v = 0; v < 256; v++) lut[v] = (v - lo) * k;
    for (let i = 0; i < rgba.length; i += 4) {
      out[i] = lut[rgba[i]];
      out[i + 1] = lut[rgba[i + 1]];
      out[i + 2] = lut[rgba[i + 2]];
      out[i + 3] = 255;
    }
    ctx.putImageData(new ImageData(out, width, height), 0, 0);
    return canvas;
  }, [rgba, width, height, ww, wl]);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Canvas holding the mask fill (one canvas pixel per image pixel); only the ROI's extent is written
 * (the rest of the canvas stays transparent).
 */
export function maskCanvas(
  mask: Uint8Array,
  width: number,
  height: number,
  rgb: [number, number, number],
  extent: [number, number, number, number] | null,
) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx || !extent) return canvas;
  const [x0, y0, x1, y1] = extent;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const img = new ImageData(w, h);
  // One 32-bit write per ROI pixel, its bytes R, G, B, A in memory order.
  const px = new Uint32Array(img.data.buffer);
  const colour = LITTLE_ENDIAN
    ? ((80 << 24) | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0]) >>> 0
    : ((rgb[0] << 24) | (rgb[1] << 16) | (rgb[2] << 8) | 80) >>> 0;
  for (let y = 0; y < h; y++) {
    const src = (y0 + y) * width + x0;
    const dst = y * w;
    for (let x = 0; x < w; x++) if (mask[src + x]) px[dst + x] = colour;
  }
  ctx.putImageData(img, x0, y0);
  return canvas;
}

export function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * The ROI's fill canvas and its pixel-edge outline. The outline follows one render later (deferred):
 * an edit's own task only repaints the fill.
 */
export function useRoiLayer(roi: Roi, width: number, height: number, colour: string) {
  const rgb = useMemo(() => hexRgb(colour), [colour]);
  const fill = useMemo(
    () => maskCanvas(roiMask(roi), width, height, rgb, roiExtent(roi)),
    [roi, width, height, rgb],
  );
  const outlinedRoi = useDeferredValue(roi);
  const outline = useMemo(
    () => maskOutline(roiMask(outlinedRoi), width, height, roiExtent(outlinedRoi)),
    [outlinedRoi, width, height],
  );
  return { fill, outline };
}

/** The outline of another ROI (the other reader's), or null. */
export function useOutline(roi: Roi | null, width: number, height: number) {
  return useMemo(
    () => (roi ? maskOutline(roiMask(roi), width, height, roiExtent(roi)) : null),
    [roi, width, height],
  );
}
