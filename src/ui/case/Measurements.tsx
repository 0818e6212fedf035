/**
 * Area, perimeter, maximum diameter and pixel count of the ROI, in mm when the spacing is known.
 * They follow the ROI one render later (a deferred value): an edit's own task only draws the new
 * ROI; the measurements are computed right after.
 */
import { useDeferredValue, useMemo } from 'react';
import { useT } from '../../i18n';
import { measureMask } from '../../roi/measure';
import { roiExtent, roiMask, type Roi } from '../../roi/roi';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { fmt } from './format';

/** The ROI's measurements (null until computed or without spacing). */
export function useMeasures(roi: Roi, width: number, height: number) {
  const measuredRoi = useDeferredValue(roi);
  const sRow = useCaseStore((s) => effectiveSpacing(s.record)?.row);
  const sCol = useCaseStore((s) => effectiveSpacing(s.record)?.col);
  const sUnit = useCaseStore((s) => effectiveSpacing(s.record)?.unit);
  const measures = useMemo(
    () =>
      sRow !== undefined && sCol !== undefined && sUnit !== undefined
        ? measureMask(
            roiMask(measuredRoi),
            width,
            height,
            { row: sRow, col: sCol, unit: sUnit },
            roiExtent(measuredRoi),
          )
        : null,
    [measuredRoi, sRow, sCol, sUnit, width, height],
  );
  return { measures, stale: measuredRoi !== roi, unit: sUnit ?? 'px' };
}

export function Measurements({ measured }: { measured: ReturnType<typeof useMeasures> }) {
  const t = useT();
  const { measures, unit } = measured;
  const shown = measures && measures.pixels > 0 ? measures : null;
  return (
    <div className="measures" aria-label={t('image.measuresLabel')} aria-busy={measured.stale}>
      <div>
        <span className="label">{t('image.area')}</span>
        <span className="value">{shown ? `${fmt(shown.area, unit === 'mm' ? 2 : 0)} ${unit}²` : '–'}</span>
      </div>
      <div>
        <span className="label">{t('image.perimeter')}</span>
        <span className="value">{shown ? `${fmt(shown.perimeter, 1)} ${unit}` : '–'}</span>
      </div>
      <div>
        <span className="label">{t('image.maxDiameter')}</span>
        <span className="value">
          {shown ? `${fmt(shown.maxDiameter, unit === 'mm' ? 2 : 1)} ${unit}` : '–'}
        </span>
      </div>
      <div>
        <span className="label">{t('image.roiPixels')}</span>
        <span className="value">{measures?.pixels ?? 0}</span>
      </div>
    </div>
  );
}
