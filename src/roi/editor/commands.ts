/**
 * Named ROI commands: every edit a tool commits is one of these, applied through the pure functions
 * of `roi.ts`. A command that changes nothing returns the same ROI object (the store then records
 * no history step and no change).
 */
import type { Point } from '../rasterize';
import {
  addOp,
  deleteVertex,
  emptyRoi,
  insertVertex,
  moveVertex,
  newOpId,
  roiFromMask,
  translateRoi,
  type Roi,
} from '../roi';

export type RoiCommand =
  | { name: 'addPolygon'; points: Point[] }
  | { name: 'addStroke'; mode: 'add' | 'erase'; radius: number; points: Point[] }
  /** A raster mask (0/1, row-major, `width` × `height`) placed at (dx, dy); integer offsets. */
  | { name: 'addMask'; width: number; height: number; data: Uint8Array; dx: number; dy: number }
  | { name: 'moveVertex'; id: string; index: number; to: Point }
  | { name: 'insertVertex'; id: string; index: number; at: Point }
  | { name: 'deleteVertex'; id: string; index: number }
  | { name: 'translate'; dx: number; dy: number }
  | { name: 'clear' }
  /** The whole ROI replaced by a raster mask of the image's size (mask import). */
  | { name: 'replaceWithMask'; data: Uint8Array };

export type RoiCommandName = RoiCommand['name'];

/** The ROI after `command`. */
export function applyCommand(roi: Roi, command: RoiCommand): Roi {
  switch (command.name) {
    case 'addPolygon':
      return addOp(roi, { kind: 'polygon', id: newOpId(), points: command.points });
    case 'addStroke':
      return addOp(roi, {
        kind: 'stroke',
        id: newOpId(),
        mode: command.mode,
        radius: command.radius,
        points: command.points,
      });
    case 'addMask':
      return addOp(roi, {
        kind: 'mask',
        id: newOpId(),
        width: command.width,
        height: command.height,
        data: Uint8Array.from(command.data, (v) => (v ? 1 : 0)),
        dx: Math.round(command.dx),
        dy: Math.round(command.dy),
      });
    case 'moveVertex':
      return moveVertex(roi, command.id, command.index, command.to);
    case 'insertVertex':
      return insertVertex(roi, command.id, command.index, command.at);
    case 'deleteVertex':
      return deleteVertex(roi, command.id, command.index);
    case 'translate':
      return translateRoi(roi, command.dx, command.dy);
    case 'clear':
      return roi.ops.length ? emptyRoi(roi.width, roi.height) : roi;
    case 'replaceWithMask':
      return roiFromMask(roi.width, roi.height, command.data);
  }
}
