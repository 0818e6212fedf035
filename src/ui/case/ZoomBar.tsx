/** The view bar above the image: zoom actions, zoom level, pointer or keyboard cursor position. */
import { useT } from '../../i18n';
import type { Editor } from '../../roi/editor';

export function ZoomBar({ editor }: { editor: Editor }) {
  const t = useT();
  const { hover, keyboardCursor: kb, image } = editor;
  const draft = editor.draft().find((d) => d.kind === 'polygonDraft');
  const n = draft?.points.length ?? 0;
  return (
    <div className="zoom-bar" role="toolbar" aria-label={t('canvas.viewLabel')}>
      <button type="button" onClick={() => editor.perform('zoomFit')} title={t('canvas.fitTip')}>
        {t('canvas.fit')}
      </button>
      <button type="button" onClick={() => editor.perform('zoomIn')} title={t('canvas.zoomInTip')}>
        {t('canvas.zoomIn')}
      </button>
      <button type="button" onClick={() => editor.perform('zoomOut')} title={t('canvas.zoomOutTip')}>
        {t('canvas.zoomOut')}
      </button>
      <span className="zoom-level" aria-live="polite">
        {Math.round(editor.viewport.scale * 100)} %
      </span>
      {hover && hover.x >= 0 && hover.y >= 0 && hover.x < image.width && hover.y < image.height && (
        <span className="cursor-pos">
          {t('canvas.cursor', { x: Math.floor(hover.x), y: Math.floor(hover.y) })}
        </span>
      )}
      {kb && !hover && (
        <span className="cursor-pos" role="status" aria-label={t('canvas.keyboardCursorLabel')}>
          {t('canvas.keyboardCursor', { x: Math.floor(kb.x), y: Math.floor(kb.y) })}
          {n === 1 ? t('canvas.onePoint') : n > 1 ? t('canvas.points', { n }) : ''}
        </span>
      )}
    </div>
  );
}
