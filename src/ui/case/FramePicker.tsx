/** Frame choice for a multi-frame file (a clip): which frame to open, and the frame shown. */
import { useState } from 'react';
import { t as tr, useT } from '../../i18n';
import { useCaseStore } from '../../store/caseStore';

export function FramePicker() {
  const t = useT();
  const record = useCaseStore((s) => s.record);
  const image = useCaseStore((s) => s.image);
  const pendingFrames = useCaseStore((s) => s.pendingFrames);
  const openImage = useCaseStore((s) => s.openImage);
  const [frameText, setFrameText] = useState('1');
  const [frameError, setFrameError] = useState<string | null>(null);
  if (!pendingFrames && !(image && image.decoded.info.frames > 1)) return null;
  const total = pendingFrames?.frames ?? image?.decoded.info.frames ?? 1;

  const open = () => {
    const src = pendingFrames ?? (image ? { bytes: image.bytes, fileName: image.fileName } : null);
    const k = Number(frameText);
    if (!src) return;
    if (!Number.isInteger(k) || k < 1 || k > total) {
      setFrameError(tr('image.badFrame', { text: frameText, n: total }));
      return;
    }
    setFrameError(null);
    void openImage(src.bytes, src.fileName, k - 1);
  };

  return (
    <div className="row frame-picker">
      <label className="inline">
        {t('image.frame', { n: pendingFrames?.frames ?? image?.decoded.info.frames })}
        <input
          type="number"
          min={1}
          max={pendingFrames?.frames ?? image?.decoded.info.frames}
          value={frameText}
          onChange={(e) => setFrameText(e.target.value)}
          size={4}
        />
      </label>
      <button type="button" title={t('image.openFrameTip')} onClick={open}>
        {t('image.openFrame')}
      </button>
      {!pendingFrames && record.image?.frame !== null && record.image?.frame !== undefined && (
        <span className="hint">
          {t('image.showingFrame', { k: record.image.frame + 1, n: image?.decoded.info.frames })}
        </span>
      )}
      {frameError && (
        <span role="alert" className="message error small">
          {frameError}
        </span>
      )}
    </div>
  );
}
