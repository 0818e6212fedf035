/** The plain notice shown beside every probability while the demonstration model is active. */
import { DEMO_MODEL_NOTICE, useModelStore } from '../../store/models';

export function DemoModelNotice() {
  const isDemo = useModelStore((s) => s.active?.isDemo ?? false);
  if (!isDemo) return null;
  return (
    <p className="demo-notice" role="note">
      {DEMO_MODEL_NOTICE}
    </p>
  );
}
