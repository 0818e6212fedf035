/** Reader 1 / reader 2 switch and the two readers' agreement (Dice) once both have drawn. */
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { maskOverlap } from '../../model/agreement';
import { roiMask } from '../../roi/roi';
import { useCaseStore } from '../../store/caseStore';

export const READER_COLOUR = { 1: '#00c853', 2: '#f5b700' } as const;

export function ReadersPanel() {
  const t = useT();
  const readers = useCaseStore((s) => s.readers);
  const reader = useCaseStore((s) => s.reader);
  const setReader = useCaseStore((s) => s.setReader);
  const roi1 = readers?.[1].present;
  const roi2 = readers?.[2].present;
  const dice = useMemo(() => {
    // Reader 2 drew nothing (the usual case): no overlap to compute.
    if (!roi1 || !roi2 || roi2.ops.length === 0) return null;
    const o = maskOverlap(roiMask(roi1), roiMask(roi2));
    return o.areaA > 0 && o.areaB > 0 ? o.dice : null;
  }, [roi1, roi2]);
  return (
    <fieldset>
      <legend>{t('image.readers')}</legend>
      <div className="segmented" role="group" aria-label={t('image.readersLabel')}>
        <button type="button" aria-pressed={reader === 1} onClick={() => setReader(1)}>
          {t('image.reader1')}
        </button>
        <button type="button" aria-pressed={reader === 2} onClick={() => setReader(2)}>
          {t('image.reader2')}
        </button>
      </div>
      {dice !== null ? (
        <p className={dice < 0.85 ? 'message warn' : 'message ok'} aria-label={t('image.diceLabel')}>
          {t('image.dice', { dice: dice.toFixed(3) })}
          {dice < 0.85 ? t('image.diceLow') : t('image.diceOk')}
        </p>
      ) : (
        <p className="hint">{t('image.diceHint')}</p>
      )}
    </fieldset>
  );
}
