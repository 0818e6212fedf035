/**
 * The report's picture: the decoder's display pixels (RGBA) drawn on an offscreen canvas, the ROI
 * outline (the mask's pixel boundary) and a scale bar, encoded as a PNG data URL. Pixels only go
 * into the canvas, never out of it: the features come from the decoder's grey values, not from here.
 */
import { maskOutline } from '../../roi/measure';
import { MessageError } from '../../util/message';

export interface ScaleBar {
  /** Length in the image's unit (mm when calibrated, else pixels). */
  length: number;
  unit: 'mm' | 'px';
}

/** A round bar length (1, 2, 5 × 10^k) near a fifth of the image width. */
export function chooseScaleBar(widthPx: number, mmPerPx: number | null): ScaleBar {
  const unitPerPx = mmPerPx ?? 1;
  const target = (widthPx * unitPerPx) / 5;
  const pow = 10 ** Math.floor(Math.log10(target));
  const length = [5, 2, 1].map((m) => m * pow).find((l) => l <= target) ?? pow;
  return { length, unit: mmPerPx === null ? 'px' : 'mm' };
}

/** Longest side of the rendered picture, in canvas pixels (sharp enough for print at ~9 cm). */
const TARGET_SIDE = 900;

/**
 * Draws the image with the ROI outline and scale bar.
 * @param rgba display pixels of the decoded image (width × height × 4)
 * @param mask 0/1 ROI mask of the same size, or null
 * @param mmPerPx horizontal spacing in mm, or null for pixel units
 * @returns a PNG data URL and the scale bar drawn
 */
export function renderReportImage(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  mask: Uint8Array | null,
  mmPerPx: number | null,
): { url: string; bar: ScaleBar } {
  const source = document.createElement('canvas');
  source.width = width;
  source.height = height;
  const sctx = source.getContext('2d');
  if (!sctx) throw new MessageError('browser.noCanvas');
  sctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);

  const s = TARGET_SIDE / Math.max(width, height);
  const out = document.createElement('canvas');
  out.width = Math.round(width * s);
  out.height = Math.round(height * s);
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingEnabled = s < 1;
  ctx.drawImage(source, 0, 0, out.width, out.height);

  const lw = Math.max(2, Math.round(out.width / 300));
  if (mask) {
    const segs = maskOutline(mask, width, height);
    ctx.strokeStyle = '#00e060';
    ctx.lineWidth = lw;
    ctx.lineCap = 'square';
    ctx.beginPath();
    for (let i = 0; i < segs.length; i += 4) {
      ctx.moveTo(segs[i] * s, segs[i + 1] * s);
      ctx.lineTo(segs[i + 2] * s, segs[i + 3] * s);
    }
    ctx.stroke();
  }

  const bar = chooseScaleBar(width, mmPerPx);
  const barPx = (bar.length / (mmPerPx ?? 1)) * s;
  const margin = Math.round(out.width / 40);
  const y = out.height - margin;
  const fontPx = Math.max(12, Math.round(out.width / 40));
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(margin - lw, y - fontPx - 3 * lw, barPx + 2 * lw + fontPx * 5, fontPx + 5 * lw);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(margin, y - lw, barPx, lw);
  ctx.fillRect(margin, y - 3 * lw, lw, 3 * lw);
  ctx.fillRect(margin + barPx - lw, y - 3 * lw, lw, 3 * lw);
  ctx.font = `${fontPx}px sans-serif`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(`${bar.length} ${bar.unit}`, margin + barPx + lw * 3, y + lw);
  return { url: out.toDataURL('image/png'), bar };
}
