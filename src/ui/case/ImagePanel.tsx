/** Image opening (picker, drag-and-drop), ROI tools, measurements, spacing calibration and image facts. */
import { useEffect, useMemo, useState } from 'react';
import { maskOverlap } from '../../model/agreement';
import { encodeMaskPng, readMaskFile } from '../../roi/maskPng';
import { measureMask } from '../../roi/measure';
import { emptyRoi, roiFromMask, roiMask } from '../../roi/roi';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { downloadBlob, safeName } from './download';
import { fmt } from './format';
import { RoiCanvas, type CalibrationLine, type Tool } from './RoiCanvas';

const TOOLS: { tool: Tool; label: string; key: string; tip: string }[] = [
  {
    tool: 'polygon',
    label: 'Polygon',
    key: 'p',
    tip: 'Click points; close on the first point or press Enter',
  },
  { tool: 'freehand', label: 'Freehand', key: 'f', tip: 'Drag around the lesion' },
  { tool: 'brush', label: 'Brush', key: 'b', tip: 'Paint to add to the ROI' },
  { tool: 'eraser', label: 'Eraser', key: 'e', tip: 'Paint to remove from the ROI' },
  {
    tool: 'edit',
    label: 'Edit vertices',
    key: 'v',
    tip: 'Drag a vertex, click an edge to insert one, double-click a vertex (or point at it and press Delete) to delete it',
  },
  { tool: 'move', label: 'Move', key: 'm', tip: 'Drag to move the whole ROI (whole pixels)' },
  { tool: 'pan', label: 'Pan', key: 'h', tip: 'Drag to pan the image (wheel zooms)' },
];

export const READER_COLOUR = { 1: '#00c853', 2: '#f5b700' } as const;

export function ImagePanel() {
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

  const mask = useMemo(() => (roi ? roiMask(roi) : null), [roi]);
  const measures = useMemo(
    () =>
      mask && spacing
        ? measureMask(mask, width, height, { row: spacing.row, col: spacing.col, unit: spacing.unit })
        : null,
    [mask, spacing, width, height],
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
      setCalError(`“${calText}” is not a length. Type the scale bar's length in millimetres, e.g. 10.`);
      return;
    }
    setCalibration({ ...pendingCal, lengthMm: v });
    setPendingCal(null);
    setCalError(null);
    setTool('polygon');
  };

  const exportMask = () => {
    if (!mask) return;
    const png = encodeMaskPng(mask, width, height);
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
        text: `Mask "${file.name}" imported.${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
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
        <h3 id="image-heading">Lesion image</h3>
        <label
          className="button primary file-button"
          title="Open PNG, JPEG, BMP, TIFF or DICOM (or drop the file here)"
        >
          Open image…
          <input
            type="file"
            aria-label="Ultrasound image"
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
          {imageError}
        </p>
      )}
      {(pendingFrames || (image && image.decoded.info.frames > 1)) && (
        <div className="row frame-picker">
          <label className="inline">
            Frame (1–{pendingFrames?.frames ?? image?.decoded.info.frames})
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
            title="Opens the chosen frame; the ROI of the current frame is cleared"
            onClick={() => {
              const src = pendingFrames ?? (image ? { bytes: image.bytes, fileName: image.fileName } : null);
              const total = pendingFrames?.frames ?? image?.decoded.info.frames ?? 1;
              const k = Number(frameText);
              if (!src) return;
              if (!Number.isInteger(k) || k < 1 || k > total) {
                setFrameError(
                  `“${frameText}” is not a frame of this file: type a whole number from 1 to ${total}.`,
                );
                return;
              }
              setFrameError(null);
              void openImage(src.bytes, src.fileName, k - 1);
            }}
          >
            Open frame
          </button>
          {!pendingFrames && record.image?.frame !== null && record.image?.frame !== undefined && (
            <span className="hint">
              showing frame {record.image.frame + 1} of {image?.decoded.info.frames}
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
            <strong>Open the pre-treatment ultrasound image</strong> at the lesion&apos;s maximum-diameter
            plane, or drop the file here.
          </p>
          <p className="hint">
            PNG, JPEG, BMP, TIFF or DICOM (DICOM files without an extension can be dropped here). The image
            stays on this computer.
          </p>
        </div>
      ) : (
        <>
          <div className="toolbar" role="toolbar" aria-label="ROI tools">
            {TOOLS.map((t) => (
              <button
                key={t.tool}
                type="button"
                aria-pressed={tool === t.tool}
                title={`${t.tip} (${t.key.toUpperCase()})`}
                onClick={() => setTool(t.tool)}
              >
                {t.label}
              </button>
            ))}
            <span className="sep" />
            <button
              type="button"
              onClick={undoRoi}
              disabled={!active?.past.length}
              title="Undo the last ROI edit (Ctrl+Z)"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={redoRoi}
              disabled={!active?.future.length}
              title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
            >
              Redo
            </button>
            <button
              type="button"
              onClick={() => applyRoi(emptyRoi(width, height))}
              disabled={!roi.ops.length}
              title="Remove the whole ROI (can be undone)"
            >
              Clear ROI
            </button>
            {(tool === 'brush' || tool === 'eraser') && (
              <label className="inline">
                Brush size (px)
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
          <div className="measures" aria-label="ROI measurements">
            <div>
              <span className="label">Area</span>
              <span className="value">
                {measures && measures.pixels > 0
                  ? `${fmt(measures.area, unit === 'mm' ? 2 : 0)} ${unit}²`
                  : '–'}
              </span>
            </div>
            <div>
              <span className="label">Perimeter</span>
              <span className="value">
                {measures && measures.pixels > 0 ? `${fmt(measures.perimeter, 1)} ${unit}` : '–'}
              </span>
            </div>
            <div>
              <span className="label">Max. diameter</span>
              <span className="value">
                {measures && measures.pixels > 0
                  ? `${fmt(measures.maxDiameter, unit === 'mm' ? 2 : 1)} ${unit}`
                  : '–'}
              </span>
            </div>
            <div>
              <span className="label">ROI pixels</span>
              <span className="value">{measures?.pixels ?? 0}</span>
            </div>
          </div>
          <div className="image-side">
            <fieldset>
              <legend>Readers</legend>
              <div className="segmented" role="group" aria-label="Reader whose ROI is edited">
                <button type="button" aria-pressed={reader === 1} onClick={() => setReader(1)}>
                  Reader 1
                </button>
                <button type="button" aria-pressed={reader === 2} onClick={() => setReader(2)}>
                  Reader 2 (optional)
                </button>
              </div>
              {dice !== null ? (
                <p className={dice < 0.85 ? 'message warn' : 'message ok'} aria-label="Dice coefficient">
                  Dice between readers {dice.toFixed(3)}
                  {dice < 0.85
                    ? ' — below the study’s 0.85 agreement rule: review the ROI together.'
                    : ' (≥ 0.85)'}
                </p>
              ) : (
                <p className="hint">
                  The features use reader 1&apos;s ROI. Draw reader 2 to see the Dice coefficient.
                </p>
              )}
            </fieldset>
            <fieldset>
              <legend>Mask file</legend>
              <button
                type="button"
                onClick={exportMask}
                disabled={!measures?.pixels}
                title="PNG, 0 = background, 255 = ROI"
              >
                Export ROI mask (PNG)
              </button>
              <label className="button file-button" title="PNG 0/1 or 0/255, NIfTI or NRRD single slice">
                Import mask…
                <input
                  type="file"
                  aria-label="Import ROI mask"
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
                  {maskMessage.text}
                </p>
              )}
            </fieldset>
            <fieldset>
              <legend>Pixel spacing</legend>
              <p className="spacing-line">
                {spacing?.unit === 'mm'
                  ? `${spacing.col.toPrecision(4)} × ${spacing.row.toPrecision(4)} mm per pixel`
                  : 'Not calibrated: measurements in pixels (px)'}
                <span className="hint"> — {spacing?.source}</span>
              </p>
              {record.image?.fileSpacing.unit !== 'mm' && (
                <div className="row">
                  <button
                    type="button"
                    aria-pressed={tool === 'calibrate'}
                    onClick={() => setTool('calibrate')}
                    title="Draw a line over the scale bar, then type its length (C)"
                  >
                    Calibrate on scale bar
                  </button>
                  {record.image?.calibration && (
                    <button type="button" onClick={() => setCalibration(null)}>
                      Use pixel units
                    </button>
                  )}
                </div>
              )}
              {pendingCal && (
                <div className="row">
                  <label className="inline">
                    Scale-bar length (mm)
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
                    Apply calibration
                  </button>
                  <button type="button" onClick={() => setPendingCal(null)}>
                    Cancel
                  </button>
                  <span className="hint">
                    line {fmt(Math.hypot(pendingCal.x1 - pendingCal.x0, pendingCal.y1 - pendingCal.y0), 1)} px
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
              <legend>Display (window / level — does not change the analysed pixels)</legend>
              <label className="inline">
                Window width
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
                Window level
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
                Reset window/level
              </button>
            </fieldset>
            {info && (
              <details className="image-info" open>
                <summary>Image information</summary>
                <dl>
                  <dt>File</dt>
                  <dd>{image.fileName}</dd>
                  <dt>Format</dt>
                  <dd>{info.format.toUpperCase()}</dd>
                  <dt>Size</dt>
                  <dd>
                    {info.width} × {info.height} px
                  </dd>
                  <dt>Colour</dt>
                  <dd>
                    {info.photometric}, {info.channels} channel{info.channels > 1 ? 's' : ''}, {info.bitDepth}{' '}
                    bit
                    {info.channels > 1 ? ' (converted to grey for the features)' : ''}
                  </dd>
                  <dt>Frames</dt>
                  <dd>{info.frames}</dd>
                  <dt>File spacing</dt>
                  <dd>
                    {info.spacing.unit === 'mm'
                      ? `${info.spacing.col.toPrecision(4)} × ${info.spacing.row.toPrecision(4)} mm`
                      : 'none (px)'}{' '}
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
