/**
 * The image viewer and ROI editor view (react-konva). It only draws the editor's state — the image
 * (window/level applied to the displayed copy only), the ROI mask itself (pixelated, no smoothing)
 * with its pixel-edge outline at a constant screen width, the other reader's outline, the active
 * tool's drafts and the keyboard cursor — and forwards pointer events to the editor
 * (src/roi/editor), which holds the view, the tools and their gestures.
 */
import { useEffect, useRef } from 'react';
import type Konva from 'konva';
import { Group, Image as KImage, Layer, Stage } from 'react-konva';
import { useT } from '../../i18n';
import type { CalibrationLine, Editor, PointerInput } from '../../roi/editor';
import type { Roi } from '../../roi/roi';
import { useDisplayCanvas, useOutline, useRoiLayer } from './canvasImages';
import { CalibrationShape, DraftShapes, KeyboardCross, OutlineShape } from './DraftShapes';
import { useEditorVersion } from './useRoiEditor';
import { ZoomBar } from './ZoomBar';

export type { CalibrationLine } from '../../roi/editor';

interface Props {
  editor: Editor;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  windowWidth: number;
  windowLevel: number;
  roi: Roi;
  /** The other reader's ROI, drawn dashed for comparison. */
  otherRoi: Roi | null;
  readerColour: string;
  /** Colour of the other reader's outline. */
  otherColour: string;
  /** The scale-bar line in effect (pending or applied), shown while no line is being drawn. */
  calibration: CalibrationLine | null;
}

const VIEW_HEIGHT = 540;

type KonvaMouse = Konva.KonvaEventObject<MouseEvent>;

export function RoiCanvas(props: Props) {
  const t = useT();
  const { editor, width, height, roi } = props;
  useEditorVersion(editor);
  const containerRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const fit = () => editor.setBox(Math.max(200, Math.floor(el.clientWidth)), VIEW_HEIGHT);
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    fit();
    return () => ro.disconnect();
  }, [editor]);

  const { fill, outline } = useRoiLayer(roi, width, height, props.readerColour);
  const otherOutline = useOutline(props.otherRoi, width, height);
  const display = useDisplayCanvas(props.rgba, width, height, props.windowWidth, props.windowLevel);

  const view = editor.viewport.view;
  const drafts = editor.draft();
  const offset = drafts.find((d) => d.kind === 'roiOffset');
  const drawingLine = drafts.some((d) => d.kind === 'line');

  /** The Konva event in the editor's terms (null when the stage has no pointer position). */
  const input = (e: KonvaMouse): PointerInput | null => {
    const pos = e.target.getStage()?.getPointerPosition();
    if (!pos) return null;
    const ev = e.evt;
    const s = { x: pos.x, y: pos.y };
    return {
      screen: s,
      image: editor.viewport.toImage(s),
      button: ev.button,
      shift: ev.shiftKey,
      ctrl: ev.ctrlKey,
      alt: ev.altKey,
      meta: ev.metaKey,
    };
  };
  const forward = (handler: (e: PointerInput) => void) => (e: KonvaMouse) => {
    const p = input(e);
    if (p) handler(p);
  };

  return (
    <div className="roi-canvas">
      <ZoomBar editor={editor} />
      <section
        ref={containerRef}
        className="stage-box"
        aria-label={t('canvas.stageLabel')}
        aria-describedby="roi-keyboard-help"
        tabIndex={0}
        data-roi-stage=""
        onBlur={() => editor.blur()}
        data-scale={view.scale}
        data-x={view.x}
        data-y={view.y}
        style={{ cursor: editor.cursor() }}
      >
        <Stage
          width={editor.viewport.boxWidth}
          height={VIEW_HEIGHT}
          onMouseDown={forward((p) => editor.pointerDown(p))}
          onMouseMove={forward((p) => editor.pointerMove(p))}
          onMouseUp={(e) => editor.pointerUp(input(e))}
          onMouseLeave={() => editor.pointerLeave()}
          onClick={(e) => {
            const p = input(e);
            if (!p) return;
            editor.click(p);
            // A double-click is the browser's (the system's time and distance); Konva's dblclick
            // takes any two clicks 400 ms apart, wherever they are on the stage.
            if (e.evt.detail === 2) editor.doubleClick(p);
          }}
          onWheel={(e) => {
            e.evt.preventDefault();
            const pos = e.target.getStage()?.getPointerPosition();
            if (pos) editor.wheel(pos, e.evt.deltaY);
          }}
        >
          <Layer imageSmoothingEnabled={false}>
            <Group x={view.x} y={view.y} scaleX={view.scale} scaleY={view.scale}>
              <KImage image={display} width={width} height={height} />
              <Group x={offset?.dx ?? 0} y={offset?.dy ?? 0}>
                <KImage image={fill} width={width} height={height} listening={false} />
                <OutlineShape segments={outline} colour={props.readerColour} />
              </Group>
              {otherOutline && (
                <OutlineShape segments={otherOutline} colour={props.otherColour} dash={[4, 3]} />
              )}
              <DraftShapes shapes={drafts} scale={view.scale} colour={props.readerColour} />
              {editor.keyboardCursor && <KeyboardCross at={editor.keyboardCursor} scale={view.scale} />}
              {!drawingLine && props.calibration && <CalibrationShape line={props.calibration} />}
            </Group>
          </Layer>
        </Stage>
      </section>
      <p id="roi-keyboard-help" className="hint">
        {t('canvas.keyboardHelp')}
      </p>
    </div>
  );
}
