/**
 * Draws the editor's drafts (src/roi/editor `DraftShape`) inside the image group (image
 * coordinates; strokes keep a constant screen width). `roiOffset` is not drawn here: it moves the
 * ROI layer (RoiCanvas).
 */
import { useMemo } from 'react';
import { Circle, Group, Image as KImage, Line, Rect, Shape } from 'react-konva';
import type { DraftShape } from '../../roi/editor';
import type { Point } from '../../roi/rasterize';
import { maskCanvas } from './canvasImages';

const ERASE_COLOUR = '#ff5a5a';
const HANDLE_COLOUR = '#ffffff';
const LINE_COLOUR = '#00d0ff';
const PROPOSAL_RGB: [number, number, number] = [0, 208, 255];

const flat = (pts: Point[]) => pts.flatMap((p) => [p.x, p.y]);

/** Pixel-edge outline segments (x0, y0, x1, y1 …) drawn at a constant screen width. */
export function OutlineShape(props: { segments: ArrayLike<number>; colour: string; dash?: number[] }) {
  const { segments } = props;
  return (
    <Shape
      listening={false}
      stroke={props.colour}
      dash={props.dash}
      strokeWidth={1.5}
      strokeScaleEnabled={false}
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        for (let i = 0; i < segments.length; i += 4) {
          ctx.moveTo(segments[i], segments[i + 1]);
          ctx.lineTo(segments[i + 2], segments[i + 3]);
        }
        ctx.strokeShape(shape);
      }}
    />
  );
}

function ProposalMask(props: { shape: Extract<DraftShape, { kind: 'mask' }> }) {
  const { width, height, data, dx, dy } = props.shape;
  const image = useMemo(
    () => maskCanvas(data, width, height, PROPOSAL_RGB, [0, 0, width - 1, height - 1]),
    [data, width, height],
  );
  return <KImage image={image} x={dx} y={dy} width={width} height={height} listening={false} />;
}

interface Props {
  shapes: DraftShape[];
  /** Screen pixels per image pixel (handle sizes are constant on screen). */
  scale: number;
  colour: string;
}

export function DraftShapes({ shapes, scale, colour }: Props) {
  const handle = 5 / scale;
  return (
    <Group listening={false}>
      {shapes.map((d, k) => {
        switch (d.kind) {
          case 'polygonDraft':
            return (
              <Group key={k}>
                <Line
                  points={flat(d.tail ? [...d.points, d.tail] : d.points)}
                  stroke={colour}
                  strokeWidth={1.5}
                  strokeScaleEnabled={false}
                />
                {d.points.map((p, i) => (
                  <Circle
                    key={i}
                    x={p.x}
                    y={p.y}
                    radius={i === 0 ? handle * 1.4 : handle * 0.8}
                    fill={i === 0 ? HANDLE_COLOUR : colour}
                    stroke={colour}
                    strokeWidth={1}
                    strokeScaleEnabled={false}
                  />
                ))}
              </Group>
            );
          case 'stroke':
            return (
              <Line
                key={k}
                points={flat(d.points)}
                stroke={d.mode === 'erase' ? ERASE_COLOUR : colour}
                opacity={d.mode === 'outline' ? 1 : 0.45}
                strokeWidth={d.mode === 'outline' ? 1.5 : d.width}
                strokeScaleEnabled={d.mode !== 'outline'}
                lineCap="round"
                lineJoin="round"
              />
            );
          case 'brushCursor':
            return (
              <Circle
                key={k}
                x={d.at.x}
                y={d.at.y}
                radius={d.radius}
                stroke={d.mode === 'erase' ? ERASE_COLOUR : colour}
                strokeWidth={1}
                strokeScaleEnabled={false}
              />
            );
          case 'handles':
            return d.polygons.map((op) => (
              <Group key={`${k}-${op.id}`}>
                <Line
                  points={flat(op.points)}
                  closed
                  stroke={HANDLE_COLOUR}
                  strokeWidth={1}
                  dash={[3, 3]}
                  strokeScaleEnabled={false}
                />
                {op.points.map((p, i) => (
                  <Circle
                    key={i}
                    x={p.x}
                    y={p.y}
                    radius={handle}
                    fill={HANDLE_COLOUR}
                    stroke={colour}
                    strokeWidth={1.5}
                    strokeScaleEnabled={false}
                  />
                ))}
              </Group>
            ));
          case 'line':
            return <CalibrationShape key={k} line={d.line} />;
          case 'box':
            return (
              <Rect
                key={k}
                x={Math.min(d.x0, d.x1)}
                y={Math.min(d.y0, d.y1)}
                width={Math.abs(d.x1 - d.x0)}
                height={Math.abs(d.y1 - d.y0)}
                stroke={LINE_COLOUR}
                strokeWidth={1.5}
                dash={[6, 4]}
                strokeScaleEnabled={false}
              />
            );
          case 'mask':
            return <ProposalMask key={k} shape={d} />;
          case 'roiOffset':
            return null;
        }
      })}
    </Group>
  );
}

/** A scale-bar line. */
export function CalibrationShape({ line }: { line: { x0: number; y0: number; x1: number; y1: number } }) {
  return (
    <Line
      listening={false}
      points={[line.x0, line.y0, line.x1, line.y1]}
      stroke={LINE_COLOUR}
      strokeWidth={2}
      strokeScaleEnabled={false}
    />
  );
}

/** The keyboard cursor: a cross of constant screen size. */
export function KeyboardCross({ at, scale }: { at: Point; scale: number }) {
  const r = 8 / scale;
  return (
    <Group listening={false} x={at.x} y={at.y}>
      <Line points={[-r, 0, r, 0]} stroke={HANDLE_COLOUR} strokeWidth={1.5} strokeScaleEnabled={false} />
      <Line points={[0, -r, 0, r]} stroke={HANDLE_COLOUR} strokeWidth={1.5} strokeScaleEnabled={false} />
    </Group>
  );
}
