/** Settings (route #/settings): backup and restore, storage use, the passphrase lock and the PACS. */
import { BackupPanel } from './BackupPanel';
import { PacsPanel } from './PacsPanel';
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
      <PacsPanel />
    </section>
  );
}

export default SettingsScreen;
