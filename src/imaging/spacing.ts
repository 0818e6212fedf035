/**
 * Pixel spacing of 2-D images: the uncalibrated default and the choice among DICOM ultrasound
 * regions (Sequence of Ultrasound Regions, (0018,6011)). Pure TypeScript.
 */
import { message, type Message } from '../util/message';
import type { PixelSpacing } from './types';

/** Spacing of an image whose file carries no physical calibration: 1 × 1 pixel units. */
export function pixelUnits(source: Message = message('imaging.source.noCalibration')): PixelSpacing {
  return { row: 1, col: 1, unit: 'px', source };
}

/** One item of the DICOM Sequence of Ultrasound Regions, with the fields spacing needs. */
export interface UltrasoundRegion {
  /** RegionLocationMinX0 (0018,6018), left column (inclusive). */
  minX0: number;
  /** RegionLocationMinY0 (0018,601A), top row (inclusive). */
  minY0: number;
  /** RegionLocationMaxX1 (0018,601C), right column (inclusive). */
  maxX1: number;
  /** RegionLocationMaxY1 (0018,601E), bottom row (inclusive). */
  maxY1: number;
  /** PhysicalUnitsXDirection (0018,6024): 3 = cm. */
  unitsX: number;
  /** PhysicalUnitsYDirection (0018,6026): 3 = cm. */
  unitsY: number;
  /** PhysicalDeltaX (0018,602C), units per column. */
  deltaX: number;
  /** PhysicalDeltaY (0018,602E), units per row. */
  deltaY: number;
}

/** DICOM code of centimetres in PhysicalUnitsX/YDirection. */
const UNIT_CM = 3;

/** Names of the PhysicalUnits codes (PS3.3 C.8.5.5.1.15), for messages. */
const UNIT_NAMES: Record<number, string> = {
  0: 'none',
  1: 'percent',
  2: 'dB',
  3: 'cm',
  4: 'seconds',
  5: 'hertz',
  6: 'dB/seconds',
  7: 'cm/sec',
  8: 'cm²',
  9: 'cm²/sec',
  10: 'cm³',
  11: 'cm³/sec',
  12: 'degrees',
};

/** True when the region contains pixel (x, y) (column, row), bounds inclusive. */
function contains(r: UltrasoundRegion, x: number, y: number): boolean {
  return x >= r.minX0 && x <= r.maxX1 && y >= r.minY0 && y <= r.maxY1;
}

/** Area of a region in pixels. */
function area(r: UltrasoundRegion): number {
  return (r.maxX1 - r.minX0 + 1) * (r.maxY1 - r.minY0 + 1);
}

/**
 * Chooses the spacing from ultrasound regions: among the regions calibrated in cm along both axes,
 * the one containing `roiPoint` (column x, row y) if given, else the largest. Centimetres are
 * converted to millimetres (×10).
 * @returns the spacing (null when no region is calibrated in cm) and any warnings
 */
export function regionSpacing(
  regions: UltrasoundRegion[],
  roiPoint?: { x: number; y: number },
): { spacing: PixelSpacing | null; warnings: Message[] } {
  const warnings: Message[] = [];
  const spatial = regions.filter(
    (r) => r.unitsX === UNIT_CM && r.unitsY === UNIT_CM && r.deltaX > 0 && r.deltaY > 0,
  );
  if (spatial.length === 0) {
    if (regions.length > 0) {
      const units = regions
        .map((r) => `${UNIT_NAMES[r.unitsX] ?? r.unitsX}/${UNIT_NAMES[r.unitsY] ?? r.unitsY}`)
        .join(', ');
      warnings.push(message('imaging.warn.noCmRegion', { units }));
    }
    return { spacing: null, warnings };
  }
  let chosen: UltrasoundRegion | undefined;
  let why: Message;
  if (roiPoint !== undefined) {
    chosen = spatial.find((r) => contains(r, roiPoint.x, roiPoint.y));
    why = message('imaging.source.roiRegion');
    if (chosen === undefined) {
      warnings.push(message('imaging.warn.roiOutsideRegions', { x: roiPoint.x, y: roiPoint.y }));
    }
  } else why = message('imaging.source.largestRegion');
  if (chosen === undefined) {
    chosen = spatial.reduce((a, b) => (area(b) > area(a) ? b : a));
    why = message('imaging.source.largestRegion');
  }
  const distinct = new Set(spatial.map((r) => `${r.deltaX}/${r.deltaY}`));
  if (distinct.size > 1) {
    warnings.push(message('imaging.warn.regionCalibrations', { n: distinct.size, why }));
  }
  const index = regions.indexOf(chosen);
  return {
    spacing: {
      row: chosen.deltaY * 10,
      col: chosen.deltaX * 10,
      unit: 'mm',
      source: message('imaging.source.usRegion', { index: index + 1, count: regions.length, why }),
    },
    warnings,
  };
}
