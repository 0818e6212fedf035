/**
 * The image viewer and ROI editor (react-konva). The image is shown fitted to the view, can be
 * zoomed (wheel, buttons) and panned; window/level changes only the displayed copy. The overlay is
 * the ROI mask itself (pixelated, no smoothing) with its pixel-edge outline drawn as vectors at a
 * constant screen width, so it is crisp at every zoom and shows exactly what the features see.
 *
 * Pointer handling is done here with explicit hit-testing in screen pixels (vertex handles 7 px,
 * edges 6 px, closing the polygon on the first point 9 px).
 */
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import type Konva from 'konva';
import { Circle, Group, Image as KImage, Layer, Line, Shape, Stage } from 'react-konva';
import { maskOutline } from '../../roi/measure';
import { useT } from '../../i18n';
import {
  addOp,
  deleteVertex,
  insertVertex,
  moveVertex,
  newOpId,
  roiExtent,
  roiMask,
  translateRoi,
  type Point,
  type PolygonOp,
  type Roi,
} from '../../roi/roi';

export type Tool = 'polygon' | 'freehand' | 'brush' | 'eraser' | 'edit' | 'move' | 'pan' | 'calibrate';

export interface CalibrationLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Props {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  windowWidth: number;
  windowLevel: number;
  roi: Roi;
  /** The other reader's ROI, drawn dashed for comparison. */
  otherRoi: Roi | null;
  tool: Tool;
  brushSize: number;
  readerColour: string;
  /** Colour of the other reader's outline. */
  otherColour: string;
  calibration: CalibrationLine | null;
  onApply(next: Roi): void;
  onCalibrationLine(line: CalibrationLine): void;
}

interface View {
  scale: number;
  x: number;
  y: number;
}

const VIEW_HEIGHT = 540;

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function segDist(p: Point, a: Point, b: Point): { d: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { d: Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y), t };
}

/** Canvas holding the display copy of the image with window/level applied. */
function useDisplayCanvas(rgba: Uint8ClampedArray, width: number, height: number, ww: number, wl: number) {
  return useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return canvas;
    const out = new Uint8ClampedArray(rgba.length);
    const lo = wl - ww / 2;
    const k = 255 / Math.max(1, ww);
    const lut = new Uint8ClampedArray(256);
    for (let v = 0; v < 256; v++) lut[v] = (v - lo) * k;
    for (let i = 0; i < rgba.length; i += 4) {
      out[i] = lut[rgba[i]];
      out[i + 1] = lut[rgba[i + 1]];
      out[i + 2] = lut[rgba[i + 2]];
      out[i + 3] = 255;
    }
    ctx.putImageData(new ImageData(out, width, height), 0, 0);
    return canvas;
  }, [rgba, width, height, ww, wl]);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Canvas holding the mask fill (one canvas pixel per image pixel); only the ROI's extent is written
 * (the rest of the canvas stays transparent).
 */
function maskCanvas(
  mask: Uint8Array,
  width: number,
  height: number,
  rgb: [number, number, number],
  extent: [number, number, number, number] | null,
) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx || !extent) return canvas;
  const [x0, y0, x1, y1] = extent;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const img = new ImageData(w, h);
  // One 32-bit write per ROI pixel, its bytes R, G, B, A in memory order.
  const px = new Uint32Array(img.data.buffer);
  const colour = LITTLE_ENDIAN
    ? ((80 << 24) | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0]) >>> 0
    : ((rgb[0] << 24) | (rgb[1] << 16) | (rgb[2] << 8) | 80) >>> 0;
  for (let y = 0; y < h; y++) {
    const src = (y0 + y) * width + x0;
    const dst = y * w;
    for (let x = 0; x < w; x++) if (mask[src + x]) px[dst + x] = colour;
  }
  ctx.putImageData(img, x0, y0);
  return canvas;
}

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function RoiCanvas(props: Props) {
  const t = useT();
  const { width, height, roi, tool, onApply } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState(800);
  /** null = fitted to the view box (follows its size); else the user's zoom and pan. */
  const [userView, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Point[]>([]);
  const [stroke, setStroke] = useState<Point[] | null>(null);
  const [dragVertex, setDragVertex] = useState<{ id: string; index: number; to: Point } | null>(null);
  const [moveDelta, setMoveDelta] = useState<{ start: Point; d: Point } | null>(null);
  const [panStart, setPanStart] = useState<{ sx: number; sy: number; view: View } | null>(null);
  const [calLine, setCalLine] = useState<CalibrationLine | null>(null);
  const [hover, setHover] = useState<Point | null>(null);
  /** The keyboard cursor (image coordinates) while the image has keyboard focus. */
  const [kbCursor, setKbCursor] = useState<Point | null>(null);
  const down = useRef(false);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBoxWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    setBoxWidth(Math.max(200, Math.floor(el.clientWidth)));
    return () => ro.disconnect();
  }, []);

  const fitScale = Math.min(boxWidth / width, VIEW_HEIGHT / height) * 0.98;
  const fitted: View = {
    scale: fitScale,
    x: (boxWidth - width * fitScale) / 2,
    y: (VIEW_HEIGHT - height * fitScale) / 2,
  };
  const view = userView ?? fitted;
  const fit = useCallback(() => setView(null), []);

  // A new image (or tool) resets the view (or the polygon being drawn): state adjusted during render.
  const [shown, setShown] = useState({ rgba: props.rgba, tool });
  if (shown.rgba !== props.rgba || shown.tool !== tool) {
    if (shown.rgba !== props.rgba) setView(null);
    setShown({ rgba: props.rgba, tool });
    setDraft([]);
  }

  const zoomAt = useCallback((factor: number, sx: number, sy: number, base: View) => {
    setView((prev) => {
      const v = prev ?? base;
      const scale = Math.max(0.05, Math.min(64, v.scale * factor));
      const ix = (sx - v.x) / v.scale;
      const iy = (sy - v.y) / v.scale;
      return { scale, x: sx - ix * scale, y: sy - iy * scale };
    });
  }, []);

  const toImage = (sx: number, sy: number): Point => ({
    x: (sx - view.x) / view.scale,
    y: (sy - view.y) / view.scale,
  });
  const pointer = (e: Konva.KonvaEventObject<MouseEvent | WheelEvent>): { s: Point; p: Point } | null => {
    const pos = e.target.getStage()?.getPointerPosition();
    if (!pos) return null;
    return { s: pos, p: toImage(pos.x, pos.y) };
  };

  const mask = useMemo(() => roiMask(roi), [roi]);
  const rgb = useMemo(() => hexRgb(props.readerColour), [props.readerColour]);
  const fill = useMemo(
    () => maskCanvas(mask, width, height, rgb, roiExtent(roi)),
    [roi, mask, width, height, rgb],
  );
  // The vector outline follows one render later (deferred): an edit's own task only repaints the fill.
  const outlinedRoi = useDeferredValue(roi);
  const outline = useMemo(
    () => maskOutline(roiMask(outlinedRoi), width, height, roiExtent(outlinedRoi)),
    [outlinedRoi, width, height],
  );
  const otherOutline = useMemo(
    () =>
      props.otherRoi ? maskOutline(roiMask(props.otherRoi), width, height, roiExtent(props.otherRoi)) : null,
    [props.otherRoi, width, height],
  );
  const display = useDisplayCanvas(props.rgba, width, height, props.windowWidth, props.windowLevel);

  const polygons = roi.ops.filter((o): o is PolygonOp => o.kind === 'polygon');
  const polygonPoints = (op: PolygonOp): Point[] =>
    dragVertex && dragVertex.id === op.id
      ? op.points.map((p, i) => (i === dragVertex.index ? dragVertex.to : p))
      : op.points;

  const closeDraft = useCallback(
    (pts: Point[]) => {
      if (pts.length >= 3) onApply(addOp(roi, { kind: 'polygon', id: newOpId(), points: pts }));
      setDraft([]);
    },
    [onApply, roi],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '0') fit();
      else if (e.key === '+' || e.key === '=') zoomAt(1.25, boxWidth / 2, VIEW_HEIGHT / 2, view);
      else if (e.key === '-') zoomAt(0.8, boxWidth / 2, VIEW_HEIGHT / 2, view);
      if (tool === 'polygon' && draft.length) {
        if (e.key === 'Enter') {
          e.preventDefault();
          closeDraft(draft);
        } else if (e.key === 'Escape') setDraft([]);
        else if (e.key === 'Backspace') setDraft((d) => d.slice(0, -1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool, draft, closeDraft, fit, zoomAt, boxWidth, view]);

  // Edit tool: the vertex under the pointer can be deleted with Delete/Backspace.
  const hoverVertex = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    if (tool !== 'edit') return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      const v = hoverVertex.current;
      if ((e.key === 'Delete' || e.key === 'Backspace') && v) {
        e.preventDefault();
        hoverVertex.current = null;
        onApply(deleteVertex(roi, v.id, v.index));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool, roi, onApply]);

  const hitVertex = (s: Point): { id: string; index: number } | null => {
    for (const op of polygons) {
      for (let i = 0; i < op.points.length; i++) {
        const q = op.points[i];
        if (dist(s, { x: q.x * view.scale + view.x, y: q.y * view.scale + view.y }) <= 7)
          return { id: op.id, index: i };
      }
    }
    return null;
  };
  const hitEdge = (p: Point): { id: string; index: number } | null => {
    for (const op of polygons) {
      for (let i = 0; i < op.points.length; i++) {
        const { d } = segDist(p, op.points[i], op.points[(i + 1) % op.points.length]);
        if (d * view.scale <= 6) return { id: op.id, index: i };
      }
    }
    return null;
  };

  const onMouseDown = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const ptr = pointer(e);
    if (!ptr) return;
    down.current = true;
    if (tool === 'pan' || e.evt.button === 1) {
      setPanStart({ sx: ptr.s.x, sy: ptr.s.y, view });
      return;
    }
    if (e.evt.button !== 0) return;
    if (tool === 'freehand' || tool === 'brush' || tool === 'eraser') setStroke([ptr.p]);
    else if (tool === 'edit') {
      const v = hitVertex(ptr.s);
      if (v) setDragVertex({ ...v, to: polygons.find((o) => o.id === v.id)!.points[v.index] });
    } else if (tool === 'move') setMoveDelta({ start: ptr.p, d: { x: 0, y: 0 } });
    else if (tool === 'calibrate') setCalLine({ x0: ptr.p.x, y0: ptr.p.y, x1: ptr.p.x, y1: ptr.p.y });
  };

  const onMouseMove = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const ptr = pointer(e);
    if (!ptr) return;
    setHover(ptr.p);
    if (tool === 'edit') hoverVertex.current = hitVertex(ptr.s);
    if (!down.current) return;
    if (panStart) {
      setView({
        ...panStart.view,
        x: panStart.view.x + ptr.s.x - panStart.sx,
        y: panStart.view.y + ptr.s.y - panStart.sy,
      });
    } else if (stroke) {
      const last = stroke[stroke.length - 1];
      if (dist(last, ptr.p) * view.scale >= 1.5) setStroke([...stroke, ptr.p]);
    } else if (dragVertex) setDragVertex({ ...dragVertex, to: ptr.p });
    else if (moveDelta)
      setMoveDelta({ ...moveDelta, d: { x: ptr.p.x - moveDelta.start.x, y: ptr.p.y - moveDelta.start.y } });
    else if (calLine) setCalLine({ ...calLine, x1: ptr.p.x, y1: ptr.p.y });
  };

  const onMouseUp = (e: Konva.KonvaEventObject<MouseEvent>) => {
    down.current = false;
    const ptr = pointer(e);
    if (panStart) {
      setPanStart(null);
      return;
    }
    if (stroke) {
      const pts = ptr && dist(stroke[stroke.length - 1], ptr.p) > 0 ? [...stroke, ptr.p] : stroke;
      setStroke(null);
      if (tool === 'freehand') {
        if (pts.length >= 3) onApply(addOp(roi, { kind: 'polygon', id: newOpId(), points: pts }));
      } else {
        onApply(
          addOp(roi, {
            kind: 'stroke',
            id: newOpId(),
            mode: tool === 'eraser' ? 'erase' : 'add',
            radius: props.brushSize / 2,
            points: pts,
          }),
        );
      }
      return;
    }
    if (dragVertex) {
      const moved = dragVertex;
      setDragVertex(null);
      const orig = polygons.find((o) => o.id === moved.id)?.points[moved.index];
      if (orig && dist(orig, moved.to) > 0) onApply(moveVertex(roi, moved.id, moved.index, moved.to));
      return;
    }
    if (moveDelta) {
      const { d } = moveDelta;
      setMoveDelta(null);
      if (Math.round(d.x) !== 0 || Math.round(d.y) !== 0) onApply(translateRoi(roi, d.x, d.y));
      return;
    }
    if (calLine) {
      const line = calLine;
      setCalLine(null);
      if (Math.hypot(line.x1 - line.x0, line.y1 - line.y0) >= 2) props.onCalibrationLine(line);
    }
  };

  const onClick = (e: Konva.KonvaEventObject<MouseEvent>) => {
    if (e.evt.button !== 0) return;
    const ptr = pointer(e);
    if (!ptr) return;
    if (tool === 'polygon') {
      if (draft.length >= 3) {
        const first = draft[0];
        const fs = { x: first.x * view.scale + view.x, y: first.y * view.scale + view.y };
        if (dist(fs, ptr.s) <= 9) {
          closeDraft(draft);
          return;
        }
      }
      setDraft([...draft, ptr.p]);
    } else if (tool === 'edit' && !hitVertex(ptr.s)) {
      const edge = hitEdge(ptr.p);
      if (edge) onApply(insertVertex(roi, edge.id, edge.index, ptr.p));
    }
  };

  const onDblClick = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const ptr = pointer(e);
    if (!ptr || tool !== 'edit') return;
    const v = hitVertex(ptr.s);
    if (v) onApply(deleteVertex(roi, v.id, v.index));
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const ptr = pointer(e);
    if (!ptr) return;
    zoomAt(e.evt.deltaY < 0 ? 1.15 : 1 / 1.15, ptr.s.x, ptr.s.y, view);
  };

  const cursor =
    tool === 'pan'
      ? panStart
        ? 'grabbing'
        : 'grab'
      : tool === 'move'
        ? 'move'
        : tool === 'edit'
          ? 'default'
          : 'crosshair';
  const shownCal = calLine ?? props.calibration;
  const handle = 5 / view.scale;

  /** Keyboard drawing: arrow keys move a cursor over the image (Shift: 10 px), Space adds a polygon vertex. */
  const onStageKey = (e: ReactKeyboardEvent<HTMLElement>) => {
    const start = kbCursor ?? { x: Math.floor(width / 2) + 0.5, y: Math.floor(height / 2) + 0.5 };
    const step = e.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const next = {
        x: Math.min(width - 0.5, Math.max(0.5, start.x + m[0])),
        y: Math.min(height - 0.5, Math.max(0.5, start.y + m[1])),
      };
      setKbCursor(next);
      if (tool === 'calibrate' && calLine) setCalLine({ ...calLine, x1: next.x, y1: next.y });
    } else if (e.key === ' ' && tool === 'polygon') {
      e.preventDefault();
      setKbCursor(start);
      setDraft((d) => [...d, start]);
    } else if (e.key === ' ' && tool === 'calibrate') {
      // The first Space marks one end of the scale bar, the second the other end.
      e.preventDefault();
      setKbCursor(start);
      if (!calLine) setCalLine({ x0: start.x, y0: start.y, x1: start.x, y1: start.y });
      else {
        const line = { ...calLine, x1: start.x, y1: start.y };
        setCalLine(null);
        if (Math.hypot(line.x1 - line.x0, line.y1 - line.y0) >= 2) props.onCalibrationLine(line);
      }
    }
  };

  return (
    <div className="roi-canvas">
      <div className="zoom-bar" role="toolbar" aria-label={t('canvas.viewLabel')}>
        <button type="button" onClick={fit} title={t('canvas.fitTip')}>
          {t('canvas.fit')}
        </button>
        <button
          type="button"
          onClick={() => zoomAt(1.25, boxWidth / 2, VIEW_HEIGHT / 2, view)}
          title={t('canvas.zoomInTip')}
        >
          {t('canvas.zoomIn')}
        </button>
        <button
          type="button"
          onClick={() => zoomAt(0.8, boxWidth / 2, VIEW_HEIGHT / 2, view)}
          title={t('canvas.zoomOutTip')}
        >
          {t('canvas.zoomOut')}
        </button>
        <span className="zoom-level" aria-live="polite">
          {Math.round(view.scale * 100)} %
        </span>
        {hover && hover.x >= 0 && hover.y >= 0 && hover.x < width && hover.y < height && (
          <span className="cursor-pos">
            {t('canvas.cursor', { x: Math.floor(hover.x), y: Math.floor(hover.y) })}
          </span>
        )}
        {kbCursor && !hover && (
          <span className="cursor-pos" role="status" aria-label={t('canvas.keyboardCursorLabel')}>
            {t('canvas.keyboardCursor', { x: Math.floor(kbCursor.x), y: Math.floor(kbCursor.y) })}
            {draft.length === 1
              ? t('canvas.onePoint')
              : draft.length > 1
                ? t('canvas.points', { n: draft.length })
                : ''}
          </span>
        )}
      </div>
      <section
        ref={containerRef}
        className="stage-box"
        aria-label={t('canvas.stageLabel')}
        aria-describedby="roi-keyboard-help"
        tabIndex={0}
        onKeyDown={onStageKey}
        onBlur={() => setKbCursor(null)}
        data-scale={view.scale}
        data-x={view.x}
        data-y={view.y}
        style={{ cursor }}
      >
        <Stage
          width={boxWidth}
          height={VIEW_HEIGHT}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onMouseLeave={() => setHover(null)}
          onClick={onClick}
          onDblClick={onDblClick}
          onWheel={onWheel}
        >
          <Layer imageSmoothingEnabled={false}>
            <Group x={view.x} y={view.y} scaleX={view.scale} scaleY={view.scale}>
              <KImage image={display} width={width} height={height} />
              <Group
                x={moveDelta ? Math.round(moveDelta.d.x) : 0}
                y={moveDelta ? Math.round(moveDelta.d.y) : 0}
              >
                <KImage image={fill} width={width} height={height} listening={false} />
                <Shape
                  listening={false}
                  stroke={props.readerColour}
                  strokeWidth={1.5}
                  strokeScaleEnabled={false}
                  sceneFunc={(ctx, shape) => {
                    ctx.beginPath();
                    for (let i = 0; i < outline.length; i += 4) {
                      ctx.moveTo(outline[i], outline[i + 1]);
                      ctx.lineTo(outline[i + 2], outline[i + 3]);
                    }
                    ctx.strokeShape(shape);
                  }}
                />
              </Group>
              {otherOutline && (
                <Shape
                  listening={false}
                  stroke={props.otherColour}
                  dash={[4, 3]}
                  strokeWidth={1.5}
                  strokeScaleEnabled={false}
                  sceneFunc={(ctx, shape) => {
                    ctx.beginPath();
                    for (let i = 0; i < otherOutline.length; i += 4) {
                      ctx.moveTo(otherOutline[i], otherOutline[i + 1]);
                      ctx.lineTo(otherOutline[i + 2], otherOutline[i + 3]);
                    }
                    ctx.strokeShape(shape);
                  }}
                />
              )}
              {tool === 'edit' &&
                polygons.map((op) => {
                  const pts = polygonPoints(op);
                  return (
                    <Group key={op.id} listening={false}>
                      <Line
                        points={pts.flatMap((p) => [p.x, p.y])}
                        closed
                        stroke="#ffffff"
                        strokeWidth={1}
                        dash={[3, 3]}
                        strokeScaleEnabled={false}
                      />
                      {pts.map((p, i) => (
                        <Circle
                          key={i}
                          x={p.x}
                          y={p.y}
                          radius={handle}
                          fill="#ffffff"
                          stroke={props.readerColour}
                          strokeWidth={1.5}
                          strokeScaleEnabled={false}
                        />
                      ))}
                    </Group>
                  );
                })}
              {draft.length > 0 && (
                <Group listening={false}>
                  <Line
                    points={[...draft, ...(hover ? [hover] : kbCursor ? [kbCursor] : [])].flatMap((p) => [
                      p.x,
                      p.y,
                    ])}
                    stroke={props.readerColour}
                    strokeWidth={1.5}
                    strokeScaleEnabled={false}
                  />
                  {draft.map((p, i) => (
                    <Circle
                      key={i}
                      x={p.x}
                      y={p.y}
                      radius={i === 0 ? handle * 1.4 : handle * 0.8}
                      fill={i === 0 ? '#ffffff' : props.readerColour}
                      stroke={props.readerColour}
                      strokeWidth={1}
                      strokeScaleEnabled={false}
                    />
                  ))}
                </Group>
              )}
              {stroke && (
                <Line
                  listening={false}
                  points={stroke.flatMap((p) => [p.x, p.y])}
                  stroke={tool === 'eraser' ? '#ff5a5a' : props.readerColour}
                  opacity={tool === 'freehand' ? 1 : 0.45}
                  strokeWidth={tool === 'freehand' ? 1.5 : props.brushSize}
                  strokeScaleEnabled={tool !== 'freehand'}
                  lineCap="round"
                  lineJoin="round"
                />
              )}
              {(tool === 'brush' || tool === 'eraser') && hover && !stroke && (
                <Circle
                  listening={false}
                  x={hover.x}
                  y={hover.y}
                  radius={props.brushSize / 2}
                  stroke={tool === 'eraser' ? '#ff5a5a' : props.readerColour}
                  strokeWidth={1}
                  strokeScaleEnabled={false}
                />
              )}
              {kbCursor && (
                <Group listening={false} x={kbCursor.x} y={kbCursor.y}>
                  <Line
                    points={[-8 / view.scale, 0, 8 / view.scale, 0]}
                    stroke="#ffffff"
                    strokeWidth={1.5}
                    strokeScaleEnabled={false}
                  />
                  <Line
                    points={[0, -8 / view.scale, 0, 8 / view.scale]}
                    stroke="#ffffff"
                    strokeWidth={1.5}
                    strokeScaleEnabled={false}
                  />
                </Group>
              )}
              {shownCal && (
                <Line
                  listening={false}
                  points={[shownCal.x0, shownCal.y0, shownCal.x1, shownCal.y1]}
                  stroke="#00d0ff"
                  strokeWidth={2}
                  strokeScaleEnabled={false}
                />
              )}
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
