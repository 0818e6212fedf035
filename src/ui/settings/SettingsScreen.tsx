/** Settings (route #/settings): backup and restore, storage use, and the passphrase lock. */
import { BackupPanel } from './BackupPanel';
import { SecurityPanel } from './SecurityPanel';
import '../case/case.css';
import { useT } from '../../i18n';

export function SettingsScreen() {
  const t = useT();
  return (
    <section className="settings-screen" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      <BackupPanel />
      <SecurityPanel />
    </section>
  );
}

export default SettingsScreen;
