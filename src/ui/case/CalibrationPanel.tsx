/**
 * The spacing in effect, and its calibration on the image's scale bar: the Calibrate tool draws the
 * line (src/roi/editor tools/calibrate.ts); here the user types its length in mm and applies it.
 */
import { useState } from 'react';
import { t as tr, useMessage, useT } from '../../i18n';
import type { CalibrationLine, Editor } from '../../roi/editor';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { fmt } from './format';
import { useEditorSelector } from './useRoiEditor';

interface Props {
  editor: Editor;
  /** The line drawn and waiting for its length (null: none). */
  pending: CalibrationLine | null;
  setPending(line: CalibrationLine | null): void;
}

export function CalibrationPanel({ editor, pending, setPending }: Props) {
  const t = useT();
  const m = useMessage();
  const tool = useEditorSelector(editor, (e) => e.toolId);
  const record = useCaseStore((s) => s.record);
  const setCalibration = useCaseStore((s) => s.setCalibration);
  const [text, setText] = useState('10');
  const [error, setError] = useState<string | null>(null);
  const spacing = effectiveSpacing(record);

  const apply = () => {
    if (!pending) return;
    const v = Number(text.trim().replace(',', '.'));
    if (!text.trim() || !Number.isFinite(v) || v <= 0) {
      setError(tr('image.badLength', { text }));
      return;
    }
    setCalibration({ ...pending, lengthMm: v });
    setPending(null);
    setError(null);
    editor.setTool('polygon');
  };

  return (
    <fieldset>
      <legend>{t('image.spacing')}</legend>
      <p className="spacing-line">
        {spacing?.unit === 'mm'
          ? t('image.spacingMm', { col: spacing.col.toPrecision(4), row: spacing.row.toPrecision(4) })
          : t('image.notCalibrated')}
        <span className="hint"> — {spacing ? m(spacing.source) : ''}</span>
      </p>
      {record.image?.fileSpacing.unit !== 'mm' && (
        <div className="row">
          <button
            type="button"
            aria-pressed={tool === 'calibrate'}
            onClick={() => editor.perform('tool.calibrate')}
            title={t('image.calibrateTip')}
          >
            {t('image.calibrate')}
          </button>
          {record.image?.calibration && (
            <button type="button" onClick={() => setCalibration(null)}>
              {t('image.usePixels')}
            </button>
          )}
        </div>
      )}
      {pending && (
        <div className="row">
          <label className="inline">
            {t('image.scaleLength')}
            <input
              type="text"
              inputMode="decimal"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && apply()}
              size={6}
            />
          </label>
          <button type="button" onClick={apply}>
            {t('image.applyCalibration')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('image.cancel')}
          </button>
          <span className="hint">
            {t('image.line', {
              length: fmt(Math.hypot(pending.x1 - pending.x0, pending.y1 - pending.y0), 1),
            })}
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
