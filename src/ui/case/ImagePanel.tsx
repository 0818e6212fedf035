/** Image opening (picker, drag-and-drop), ROI tools, measurements, spacing calibration and image facts. */
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { maskOverlap } from '../../model/agreement';
import { encodeMaskPng, readMaskFile } from '../../roi/maskPng';
import { measureMask } from '../../roi/measure';
import { emptyRoi, roiExtent, roiFromMask, roiMask } from '../../roi/roi';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { downloadBlob, safeName } from './download';
import { fmt } from './format';
import type { CalibrationLine, Tool } from './RoiCanvas';
import { t as tr, useMessage, useT } from '../../i18n';

// The canvas (konva) loads on demand, when an image is open: it is not needed to start the Case screen.
const RoiCanvas = lazy(() => import('./RoiCanvas').then((m) => ({ default: m.RoiCanvas })));
type ToolButton = Exclude<Tool, 'calibrate'>;

/** The drawing tools and their keyboard shortcuts (labels and tips: `image.tool.*`, `image.tip.*`). */
const TOOLS: { tool: ToolButton; key: string }[] = [
  { tool: 'polygon', key: 'p' },
  { tool: 'freehand', key: 'f' },
  { tool: 'brush', key: 'b' },
  { tool: 'eraser', key: 'e' },
  { tool: 'edit', key: 'v' },
  { tool: 'move', key: 'm' },
  { tool: 'pan', key: 'h' },
];

export const READER_COLOUR = { 1: '#00c853', 2: '#f5b700' } as const;

export function ImagePanel() {
  const t = useT();
  const m = useMessage();
  const record = useCaseStore((s) => s.record);
  const image = useCaseStore((s) => s.image);
  const imageError = useCaseStore((s) => s.imageError);
  const pendingFrames = useCaseStore((s) => s.pendingFrames);
  const history = useCaseStore((s) => s.history);
  const history2 = useCaseStore((s) => s.history2);
  const reader = useCaseStore((s) => s.reader);
  const openImage = useCaseStore((s) => s.openImage);
  const applyRoi = useCaseStore((s) => s.applyRoi);
  const undoRoi = useCaseStore((s) => s.undoRoi);
  const redoRoi = useCaseStore((s) => s.redoRoi);
  const setReader = useCaseStore((s) => s.setReader);
  const setCalibration = useCaseStore((s) => s.setCalibration);
  const [tool, setTool] = useState<Tool>('polygon');
  const [brushSize, setBrushSize] = useState(12);
  const [ww, setWw] = useState(255);
  const [wl, setWl] = useState(127.5);
  const [dragOver, setDragOver] = useState(false);
  const [pendingCal, setPendingCal] = useState<CalibrationLine | null>(null);
  const [calText, setCalText] = useState('10');
  const [calError, setCalError] = useState<string | null>(null);
  const [frameText, setFrameText] = useState('1');
  const [frameError, setFrameError] = useState<string | null>(null);
  const [maskMessage, setMaskMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const active = reader === 2 ? history2 : history;
  const roi = active?.present ?? null;
  const other = reader === 2 ? (history?.present ?? null) : (history2?.present ?? null);
  const spacing = effectiveSpacing(record);
  const width = record.image?.width ?? 0;
  const height = record.image?.height ?? 0;

  // The measurements follow the ROI one render later (a deferred value): an edit's own task only
  // draws the new ROI; area, perimeter and diameter are computed right after.
  const measuredRoi = useDeferredValue(roi);
  const mask = useMemo(() => (measuredRoi ? roiMask(measuredRoi) : null), [measuredRoi]);
  const sRow = useCaseStore((s) => effectiveSpacing(s.record)?.row);
  const sCol = useCaseStore((s) => effectiveSpacing(s.record)?.col);
  const sUnit = useCaseStore((s) => effectiveSpacing(s.record)?.unit);
  const measures = useMemo(
    () =>
      measuredRoi && mask && sRow !== undefined && sCol !== undefined && sUnit !== undefined
        ? measureMask(mask, width, height, { row: sRow, col: sCol, unit: sUnit }, roiExtent(measuredRoi))
        : null,
    [measuredRoi, mask, sRow, sCol, sUnit, width, height],
  );
  const dice = useMemo(() => {
    if (!history?.present || !history2?.present) return null;
    const a = roiMask(history.present);
    const b = roiMask(history2.present);
    const o = maskOverlap(a, b);
    return o.areaA > 0 && o.areaB > 0 ? o.dice : null;
  }, [history, history2]);

  const readFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await openImage(bytes, file.name);
    setFrameText('1');
    setFrameError(null);
    setWw(255);
    setWl(127.5);
    setPendingCal(null);
    setMaskMessage(null);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) redoRoi();
        else undoRoi();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        redoRoi();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const found = TOOLS.find((x) => x.key === e.key.toLowerCase());
      if (found) setTool(found.tool);
      else if (e.key.toLowerCase() === 'c') setTool('calibrate');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoRoi, redoRoi]);

  const applyCalibration = () => {
    if (!pendingCal) return;
    const v = Number(calText.trim().replace(',', '.'));
    if (!calText.trim() || !Number.isFinite(v) || v <= 0) {
      setCalError(tr('image.badLength', { text: calText }));
      return;
    }
    setCalibration({ ...pendingCal, lengthMm: v });
    setPendingCal(null);
    setCalError(null);
    setTool('polygon');
  };

  const exportMask = () => {
    if (!roi) return;
    const png = encodeMaskPng(roiMask(roi), width, height);
    downloadBlob(
      png as Uint8Array<ArrayBuffer>,
      `${safeName(record.patientId)}_roi${reader === 2 ? '_reader2' : ''}.png`,
      'image/png',
    );
  };

  const importMask = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { data, warnings } = await readMaskFile(bytes, file.name, width, height);
      applyRoi(roiFromMask(width, height, data));
      setMaskMessage({
        kind: 'info',
        text: `${tr('image.maskImported', { file: file.name })}${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
      });
    } catch (e) {
      setMaskMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const info = image?.decoded.info;
  const unit = spacing?.unit ?? 'px';

  return (
    <section
      className={`panel image-panel${dragOver ? ' drag-over' : ''}`}
      aria-labelledby="image-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(false);
        const f = e.dataTransfer.files[0];
        if (f) void readFile(f);
      }}
    >
      <div className="panel-head">
        <h3 id="image-heading">{t('image.heading')}</h3>
        <label className="button primary file-button" title={t('image.openTip')}>
          {t('image.open')}
          <input
            type="file"
            aria-label={t('image.inputLabel')}
            accept=".png,.jpg,.jpeg,.bmp,.tif,.tiff,.dcm,.dicom,image/png,image/jpeg,image/bmp,image/tiff,application/dicom"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void readFile(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {imageError && (
        <p role="alert" className="message error">
          {m(imageError)}
        </p>
      )}
      {(pendingFrames || (image && image.decoded.info.frames > 1)) && (
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
          <button
            type="button"
            title={t('image.openFrameTip')}
            onClick={() => {
              const src = pendingFrames ?? (image ? { bytes: image.bytes, fileName: image.fileName } : null);
              const total = pendingFrames?.frames ?? image?.decoded.info.frames ?? 1;
              const k = Number(frameText);
              if (!src) return;
              if (!Number.isInteger(k) || k < 1 || k > total) {
                setFrameError(tr('image.badFrame', { text: frameText, n: total }));
                return;
              }
              setFrameError(null);
              void openImage(src.bytes, src.fileName, k - 1);
            }}
          >
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
      )}
      {!image || !roi ? (
        <div className="drop-zone">
          <p>
            <strong>{t('image.dropStrong')}</strong>
            {t('image.dropRest')}
          </p>
          <p className="hint">{t('image.dropHint')}</p>
        </div>
      ) : (
        <>
          <div className="toolbar" role="toolbar" aria-label={t('image.toolsLabel')}>
            {TOOLS.map((x) => (
              <button
                key={x.tool}
                type="button"
                aria-pressed={tool === x.tool}
                title={t('image.toolTip', { tip: t(`image.tip.${x.tool}`), key: x.key.toUpperCase() })}
                onClick={() => setTool(x.tool)}
              >
                {t(`image.tool.${x.tool}`)}
              </button>
            ))}
            <span className="sep" />
            <button
              type="button"
              onClick={undoRoi}
              disabled={!active?.past.length}
              title={t('image.undoTip')}
            >
              {t('image.undo')}
            </button>
            <button
              type="button"
              onClick={redoRoi}
              disabled={!active?.future.length}
              title={t('image.redoTip')}
            >
              {t('image.redo')}
            </button>
            <button
              type="button"
              onClick={() => applyRoi(emptyRoi(width, height))}
              disabled={!roi.ops.length}
              title={t('image.clearTip')}
            >
              {t('image.clear')}
            </button>
            {(tool === 'brush' || tool === 'eraser') && (
              <label className="inline">
                {t('image.brushSize')}
                <input
                  type="range"
                  min={1}
                  max={80}
                  value={brushSize}
                  onChange={(e) => setBrushSize(Number(e.target.value))}
                />
                <output>{brushSize}</output>
              </label>
            )}
          </div>
          <Suspense fallback={<p className="hint">{t('image.loadingViewer')}</p>}>
            <RoiCanvas
              width={width}
              height={height}
              rgba={image.decoded.rgba!}
              windowWidth={ww}
              windowLevel={wl}
              roi={roi}
              otherRoi={other}
              tool={tool}
              brushSize={brushSize}
              readerColour={READER_COLOUR[reader]}
              otherColour={READER_COLOUR[reader === 1 ? 2 : 1]}
              calibration={pendingCal ?? record.image?.calibration ?? null}
              onApply={applyRoi}
              onCalibrationLine={(line) => {
                setPendingCal(line);
                setCalError(null);
              }}
            />
          </Suspense>
          <div className="measures" aria-label={t('image.measuresLabel')} aria-busy={measuredRoi !== roi}>
            <div>
              <span className="label">{t('image.area')}</span>
              <span className="value">
                {measures && measures.pixels > 0
                  ? `${fmt(measures.area, unit === 'mm' ? 2 : 0)} ${unit}²`
                  : '–'}
              </span>
            </div>
            <div>
              <span className="label">{t('image.perimeter')}</span>
              <span className="value">
                {measures && measures.pixels > 0 ? `${fmt(measures.perimeter, 1)} ${unit}` : '–'}
              </span>
            </div>
            <div>
              <span className="label">{t('image.maxDiameter')}</span>
              <span className="value">
                {measures && measures.pixels > 0
                  ? `${fmt(measures.maxDiameter, unit === 'mm' ? 2 : 1)} ${unit}`
                  : '–'}
              </span>
            </div>
            <div>
              <span className="label">{t('image.roiPixels')}</span>
              <span className="value">{measures?.pixels ?? 0}</span>
            </div>
          </div>
          <div className="image-side">
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
            <fieldset>
              <legend>{t('image.maskFile')}</legend>
              <button
                type="button"
                onClick={exportMask}
                disabled={!measures?.pixels}
                title={t('image.exportMaskTip')}
              >
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
              {maskMessage && (
                <p
                  role={maskMessage.kind === 'error' ? 'alert' : 'status'}
                  className={`message ${maskMessage.kind === 'error' ? 'error' : 'info'}`}
                >
                  {m(maskMessage.text)}
                </p>
              )}
            </fieldset>
            <fieldset>
              <legend>{t('image.spacing')}</legend>
              <p className="spacing-line">
                {spacing?.unit === 'mm'
                  ? t('image.spacingMm', { col: spacing.col.toPrecision(4), row: spacing.row.toPrecision(4) })
                  : t('image.notCalibrated')}
                <span className="hint"> — {spacing?.source}</span>
              </p>
              {record.image?.fileSpacing.unit !== 'mm' && (
                <div className="row">
                  <button
                    type="button"
                    aria-pressed={tool === 'calibrate'}
                    onClick={() => setTool('calibrate')}
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
              {pendingCal && (
                <div className="row">
                  <label className="inline">
                    {t('image.scaleLength')}
                    <input
                      type="text"
                      inputMode="decimal"
                      value={calText}
                      onChange={(e) => setCalText(e.target.value)}
                      onKeyDown={(e) => e.key === 'Enter' && applyCalibration()}
                      size={6}
                    />
                  </label>
                  <button type="button" onClick={applyCalibration}>
                    {t('image.applyCalibration')}
                  </button>
                  <button type="button" onClick={() => setPendingCal(null)}>
                    {t('image.cancel')}
                  </button>
                  <span className="hint">
                    {t('image.line', {
                      length: fmt(
                        Math.hypot(pendingCal.x1 - pendingCal.x0, pendingCal.y1 - pendingCal.y0),
                        1,
                      ),
                    })}
                  </span>
                </div>
              )}
              {calError && (
                <p role="alert" className="message error">
                  {calError}
                </p>
              )}
            </fieldset>
            <fieldset>
              <legend>{t('image.display')}</legend>
              <label className="inline">
                {t('image.windowWidth')}
                <input
                  type="range"
                  min={1}
                  max={512}
                  value={ww}
                  onChange={(e) => setWw(Number(e.target.value))}
                />
                <output>{ww}</output>
              </label>
              <label className="inline">
                {t('image.windowLevel')}
                <input
                  type="range"
                  min={-128}
                  max={384}
                  step={0.5}
                  value={wl}
                  onChange={(e) => setWl(Number(e.target.value))}
                />
                <output>{wl}</output>
              </label>
              <button
                type="button"
                onClick={() => {
                  setWw(255);
                  setWl(127.5);
                }}
              >
                {t('image.resetWindow')}
              </button>
            </fieldset>
            {info && (
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
                    <span className="hint">({info.spacing.source})</span>
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
                    {info.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
              </details>
            )}
          </div>
        </>
      )}
    </section>
  );
}
