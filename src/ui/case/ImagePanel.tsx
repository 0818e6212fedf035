/**
 * The lesion image panel: opening an image (picker, drag-and-drop), the ROI editor (toolbar and
 * canvas, both driven by one editor: src/roi/editor via useRoiEditor), measurements, readers, mask
 * files, spacing calibration, display window and image facts.
 */
import { lazy, Suspense, useState } from 'react';
import { useMessage, useT } from '../../i18n';
import type { CalibrationLine, Editor } from '../../roi/editor';
import type { Roi } from '../../roi/roi';
import { activeHistory, useCaseStore, type LoadedImage } from '../../store/caseStore';
import { CalibrationPanel } from './CalibrationPanel';
import { DEFAULT_WINDOW, DisplayPanel, type WindowLevel } from './DisplayPanel';
import { FramePicker } from './FramePicker';
import { ImageInfo } from './ImageInfo';
import { MaskFilePanel } from './MaskFilePanel';
import { Measurements, useMeasures } from './Measurements';
import { READER_COLOUR, ReadersPanel } from './ReadersPanel';
import { RoiToolbar } from './RoiToolbar';
import { useEditorKeys, useRoiEditor } from './useRoiEditor';

export { READER_COLOUR } from './ReadersPanel';

// The canvas (konva) loads on demand, when an image is open: it is not needed to start the Case screen.
const RoiCanvas = lazy(() => import('./RoiCanvas').then((m) => ({ default: m.RoiCanvas })));

const IMAGE_TYPES =
  '.png,.jpg,.jpeg,.bmp,.tif,.tiff,.dcm,.dicom,image/png,image/jpeg,image/bmp,image/tiff,application/dicom';

export function ImagePanel() {
  const t = useT();
  const m = useMessage();
  const image = useCaseStore((s) => s.image);
  const imageError = useCaseStore((s) => s.imageError);
  const roi = useCaseStore((s) => activeHistory(s)?.present ?? null);
  const openImage = useCaseStore((s) => s.openImage);
  const [dragOver, setDragOver] = useState(false);
  const [pendingCal, setPendingCal] = useState<CalibrationLine | null>(null);
  /** Counts opened files: the per-file controls (frame, mask message, window) start afresh. */
  const [opened, setOpened] = useState(0);
  const [display, setDisplay] = useState(DEFAULT_WINDOW);
  const editor = useRoiEditor(setPendingCal);
  useEditorKeys(editor);

  const readFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await openImage(bytes, file.name);
    setOpened((n) => n + 1);
    setDisplay(DEFAULT_WINDOW);
    setPendingCal(null);
  };

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
            accept={IMAGE_TYPES}
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
      <FramePicker key={opened} />
      {!image || !roi ? (
        <div className="drop-zone">
          <p>
            <strong>{t('image.dropStrong')}</strong>
            {t('image.dropRest')}
          </p>
          <p className="hint">{t('image.dropHint')}</p>
        </div>
      ) : (
        <ImageEditor
          opened={opened}
          editor={editor}
          image={image}
          roi={roi}
          display={display}
          setDisplay={setDisplay}
          pendingCal={pendingCal}
          setPendingCal={setPendingCal}
        />
      )}
    </section>
  );
}

interface EditorProps {
  /** Files opened so far (the mask message belongs to one file). */
  opened: number;
  editor: Editor;
  image: LoadedImage;
  roi: Roi;
  display: WindowLevel;
  setDisplay(w: WindowLevel): void;
  pendingCal: CalibrationLine | null;
  setPendingCal(line: CalibrationLine | null): void;
}

/** The toolbar, canvas, measurements and side panels of an open image. */
function ImageEditor({
  opened,
  editor,
  image,
  roi,
  display,
  setDisplay,
  pendingCal,
  setPendingCal,
}: EditorProps) {
  const t = useT();
  const reader = useCaseStore((s) => s.reader);
  const other = useCaseStore((s) => s.readers?.[reader === 1 ? 2 : 1].present ?? null);
  const calibration = useCaseStore((s) => s.record.image?.calibration ?? null);
  const { width, height } = roi;
  const measured = useMeasures(roi, width, height);
  // The other reader's outline is shown once that reader has drawn something.
  const shownOther = other && other.ops.length > 0 ? other : null;
  return (
    <>
      <RoiToolbar editor={editor} />
      <Suspense fallback={<p className="hint">{t('image.loadingViewer')}</p>}>
        <RoiCanvas
          editor={editor}
          width={width}
          height={height}
          rgba={image.decoded.rgba!}
          windowWidth={display.ww}
          windowLevel={display.wl}
          roi={roi}
          otherRoi={shownOther}
          readerColour={READER_COLOUR[reader]}
          otherColour={READER_COLOUR[reader === 1 ? 2 : 1]}
          calibration={pendingCal ?? calibration}
        />
      </Suspense>
      <Measurements measured={measured} />
      <div className="image-side">
        <ReadersPanel />
        <MaskFilePanel
          key={opened}
          editor={editor}
          roi={roi}
          hasPixels={(measured.measures?.pixels ?? 0) > 0}
        />
        <CalibrationPanel editor={editor} pending={pendingCal} setPending={setPendingCal} />
        <DisplayPanel value={display} onChange={setDisplay} />
        <ImageInfo image={image} />
      </div>
    </>
  );
}
