/**
 * The tool registry: the toolbar, the shortcuts and the editor all read this list. A new tool is a
 * new file in tools/ plus one entry here (see index.ts).
 */
import { CalibrateTool } from './tools/calibrate';
import { EditTool } from './tools/edit';
import { LesionBoxTool, LesionStrokeTool } from './tools/lesionBox';
import { MoveTool } from './tools/move';
import { PanTool } from './tools/pan';
import { PolygonTool } from './tools/polygon';
import { StrokeTool } from './tools/stroke';
import type { ToolDefinition } from './types';

function tool(
  id: string,
  key: string | null,
  create: ToolDefinition['create'],
  extra: Partial<ToolDefinition> = {},
): ToolDefinition {
  return {
    id,
    key,
    create,
    toolbar: true,
    labelKey: `image.tool.${id}`,
    tipKey: `image.tip.${id}`,
    ...extra,
  };
}

/** The tools, in toolbar order. Ids are stable (tests and `image.tool.*` / `image.tip.*` keys use them). */
export const TOOL_REGISTRY: readonly ToolDefinition[] = [
  tool('polygon', 'p', (ctx) => new PolygonTool(ctx)),
  tool('freehand', 'f', (ctx) => new StrokeTool(ctx, 'freehand')),
  tool('brush', 'b', (ctx) => new StrokeTool(ctx, 'brush')),
  tool('eraser', 'e', (ctx) => new StrokeTool(ctx, 'eraser')),
  tool('lesionBox', 'l', (ctx) => new LesionBoxTool(ctx)),
  tool('lesionAdd', 'a', (ctx) => new LesionStrokeTool(ctx, 'lesionAdd')),
  tool('lesionRemove', 'r', (ctx) => new LesionStrokeTool(ctx, 'lesionRemove')),
  tool('edit', 'v', (ctx) => new EditTool(ctx)),
  tool('move', 'm', (ctx) => new MoveTool(ctx)),
  tool('pan', 'h', (ctx) => new PanTool(ctx)),
  tool('calibrate', 'c', (ctx) => new CalibrateTool(ctx), {
    toolbar: false,
    labelKey: 'image.calibrate',
    tipKey: 'image.calibrateTip',
  }),
];

/** The tool selected when the editor starts. */
export const DEFAULT_TOOL = 'polygon';

export function toolDefinition(id: string): ToolDefinition | undefined {
  return TOOL_REGISTRY.find((d) => d.id === id);
}
