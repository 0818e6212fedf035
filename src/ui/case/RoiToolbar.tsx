/**
 * The drawing toolbar: a button per registry tool (with its shortcut), undo, redo, clear, and the
 * brush size for the brush and eraser. Every button performs an editor action.
 */
import { useT } from '../../i18n';
import type { Editor } from '../../roi/editor';
import { segmentationOf } from '../../roi/editor/tools/lesionBox';
import { useEditorSelector } from './useRoiEditor';

export function RoiToolbar({ editor }: { editor: Editor }) {
  const t = useT();
  // What the toolbar shows of the editor: the tool, the brush size, which actions are enabled.
  useEditorSelector(
    editor,
    (e) =>
      `${e.toolId} ${e.brushSize} ${['undo', 'redo', 'clear'].map((a) => e.isEnabled(a)).join()} ` +
      `${segmentationOf(e.context).status()}`,
  );
  const seg = segmentationOf(editor.context);
  const segStatus = seg.status();
  const segMessage = seg.message();
  // Registry keys are plain strings (the editor core knows no i18n types).
  const tk = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const button = (name: string, labelKey: string, tipKey: string) => (
    <button
      type="button"
      onClick={() => editor.perform(name)}
      disabled={!editor.isEnabled(name)}
      title={tk(tipKey)}
    >
      {tk(labelKey)}
    </button>
  );
  const sized = ['brush', 'eraser', 'lesionAdd', 'lesionRemove'].includes(editor.toolId);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('image.toolsLabel')}>
      {editor.tools
        .filter((d) => d.toolbar)
        .map((d) => (
          <button
            key={d.id}
            type="button"
            aria-pressed={editor.toolId === d.id}
            title={d.key ? t('image.toolTip', { tip: tk(d.tipKey), key: d.key.toUpperCase() }) : tk(d.tipKey)}
            onClick={() => editor.perform(`tool.${d.id}`)}
          >
            {tk(d.labelKey)}
          </button>
        ))}
      <span className="sep" />
      {button('undo', 'image.undo', 'image.undoTip')}
      {button('redo', 'image.redo', 'image.redoTip')}
      {button('clear', 'image.clear', 'image.clearTip')}
      {sized && (
        <label className="inline">
          {t('image.brushSize')}
          <input
            type="range"
            min={1}
            max={80}
            value={editor.brushSize}
            onChange={(e) => editor.setBrushSize(Number(e.target.value))}
          />
          <output>{editor.brushSize}</output>
        </label>
      )}
      {segStatus !== 'none' && (
        <div className="segment-proposal" role="group" aria-label={t('image.tool.lesionBox')}>
          <span role="status">
            {segStatus === 'computing'
              ? t('image.segment.computing')
              : segMessage
                ? tk(`code.${segMessage.code}`, segMessage.params)
                : seg.canAccept()
                  ? t('image.segment.ready')
                  : t('image.segment.empty')}
          </span>
          <button
            type="button"
            onClick={() => seg.accept()}
            disabled={!seg.canAccept()}
            title={t('image.segment.acceptTip')}
          >
            {t('image.segment.accept')}
          </button>
          <button type="button" onClick={() => seg.discard()}>
            {t('image.segment.discard')}
          </button>
        </div>
      )}
    </div>
  );
}
