/**
 * The base of the built-in tools: one `state` field, null when idle. Entering a state or going back
 * to idle redraws; `cancel` drops the state; leaving the tool cancels.
 */
import type { DraftShape, Tool, ToolContext } from './types';

export abstract class StateTool<S> implements Tool {
  abstract readonly id: string;
  protected state: S | null = null;

  constructor(protected readonly ctx: ToolContext) {}

  cursor(): string {
    return 'crosshair';
  }

  isActive(): boolean {
    return this.state !== null;
  }

  /** Moves to `next` (null = idle) and redraws. */
  protected go(next: S | null): void {
    this.state = next;
    this.ctx.changed();
  }

  cancel(): boolean {
    if (this.state === null) return false;
    this.go(null);
    return true;
  }

  onExit(_next: string | null): void {
    this.cancel();
  }

  draft(): DraftShape[] {
    return [];
  }
}

/** No modifier that turns a key into a browser or system shortcut. */
export function plainKey(e: { ctrl: boolean; meta: boolean; alt: boolean }): boolean {
  return !e.ctrl && !e.meta && !e.alt;
}
