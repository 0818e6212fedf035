/** Facts about the open image file: format, size, colour, frames, spacing, tags and decoder warnings. */
import { useMessage, useT } from '../../i18n';
import type { LoadedImage } from '../../store/caseStore';

export function ImageInfo({ image }: { image: LoadedImage }) {
  const t = useT();
  const m = useMessage();
  const info = image.decoded.info;
  return (
    <details className="image-info" open>
      <summary>{t('image.info')}</summary>
      <dl>
        <dt>{t('image.infoFile')}</dt>
        <dd>{image.fileName}</dd>
        <dt>{t('image.infoFormat')}</dt>
        <dd>{info.format.toUpperCase()}</dd>
        <dt>{t('image.infoSize')}</dt>
        <dd>
          {info.width} × {info.height} px
        </dd>
        <dt>{t('image.infoColour')}</dt>
        <dd>
          {t('image.colour', {
            photometric: info.photometric,
            channels: info.channels,
            bits: info.bitDepth,
          })}
          {info.channels > 1 ? t('image.colourGrey') : ''}
        </dd>
        <dt>{t('image.infoFrames')}</dt>
        <dd>{info.frames}</dd>
        <dt>{t('image.infoSpacing')}</dt>
        <dd>
          {info.spacing.unit === 'mm'
            ? `${info.spacing.col.toPrecision(4)} × ${info.spacing.row.toPrecision(4)} mm`
            : t('image.noSpacing')}{' '}
          <span className="hint">({m(info.spacing.source)})</span>
        </dd>
        {Object.entries(info.tags ?? {}).map(([k, v]) => (
          <div key={k} className="dl-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {info.warnings.length > 0 && (
        <ul className="warnings">
          {info.warnings.map((w, i) => (
            <li key={i}>{m(w)}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
