/** The plain notice shown beside every probability while the demonstration model is active. */
import { useT } from '../../i18n';
import { useModelStore } from '../../store/models';

export function DemoModelNotice() {
  const t = useT();
  const isDemo = useModelStore((s) => s.active?.isDemo ?? false);
  if (!isDemo) return null;
  return (
    <p className="demo-notice" role="note">
      {t('models.demoNotice')}
    </p>
  );
}
