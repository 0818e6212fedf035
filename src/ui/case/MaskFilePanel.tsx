/** Export of the ROI mask as a PNG, and import of a mask file (PNG, NIfTI, NRRD, TIFF, BMP) as the ROI. */
import { useState } from 'react';
import { t as tr, toMessage, useMessage, useT } from '../../i18n';
import type { Editor } from '../../roi/editor';
import { encodeMaskPng, readMaskFile } from '../../roi/maskPng';
import { roiMask, type Roi } from '../../roi/roi';
import { useCaseStore } from '../../store/caseStore';
import { downloadBlob, safeName } from './download';

interface Props {
  editor: Editor;
  roi: Roi;
  /** The ROI has pixels (export is offered). */
  hasPixels: boolean;
}

export function MaskFilePanel({ editor, roi, hasPixels }: Props) {
  const t = useT();
  const m = useMessage();
  const patientId = useCaseStore((s) => s.record.patientId);
  const reader = useCaseStore((s) => s.reader);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const exportMask = () => {
    const png = encodeMaskPng(roiMask(roi), roi.width, roi.height);
    downloadBlob(
      png as Uint8Array<ArrayBuffer>,
      `${safeName(patientId)}_roi${reader === 2 ? '_reader2' : ''}.png`,
      'image/png',
    );
  };

  const importMask = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { data, warnings } = await readMaskFile(bytes, file.name, roi.width, roi.height);
      editor.commit({ name: 'replaceWithMask', data });
      setMessage({
        kind: 'info',
        text: `${tr('image.maskImported', { file: file.name })}${warnings.length ? ` ${warnings.map(m).join(' ')}` : ''}`,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: m(toMessage(e)) });
    }
  };

  return (
    <fieldset>
      <legend>{t('image.maskFile')}</legend>
      <button type="button" onClick={exportMask} disabled={!hasPixels} title={t('image.exportMaskTip')}>
        {t('image.exportMask')}
      </button>
      <label className="button file-button" title={t('image.importMaskTip')}>
        {t('image.importMask')}
        <input
          type="file"
          aria-label={t('image.importMaskLabel')}
          accept=".png,.nii,.nii.gz,.nrrd,.gz,.tif,.tiff,.bmp"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importMask(f);
            e.target.value = '';
          }}
        />
      </label>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={`message ${message.kind === 'error' ? 'error' : 'info'}`}
        >
          {m(message.text)}
        </p>
      )}
    </fieldset>
  );
}
