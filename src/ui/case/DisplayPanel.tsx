/** Window width and level of the displayed image (the features always use the original pixels). */
import { useT } from '../../i18n';

export interface WindowLevel {
  ww: number;
  wl: number;
}

export const DEFAULT_WINDOW: WindowLevel = { ww: 255, wl: 127.5 };

export function DisplayPanel({ value, onChange }: { value: WindowLevel; onChange(v: WindowLevel): void }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('image.display')}</legend>
      <label className="inline">
        {t('image.windowWidth')}
        <input
          type="range"
          min={1}
          max={512}
          value={value.ww}
          onChange={(e) => onChange({ ...value, ww: Number(e.target.value) })}
        />
        <output>{value.ww}</output>
      </label>
      <label className="inline">
        {t('image.windowLevel')}
        <input
          type="range"
          min={-128}
          max={384}
          step={0.5}
          value={value.wl}
          onChange={(e) => onChange({ ...value, wl: Number(e.target.value) })}
        />
        <output>{value.wl}</output>
      </label>
      <button type="button" onClick={() => onChange(DEFAULT_WINDOW)}>
        {t('image.resetWindow')}
      </button>
    </fieldset>
  );
}
