/** Settings (route #/settings): backup and restore, storage use, and the passphrase lock. */
import { BackupPanel } from './BackupPanel';
import { SecurityPanel } from './SecurityPanel';
import '../case/case.css';

export function SettingsScreen() {
  return (
    <section className="settings-screen" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Backup and security</h2>
      <BackupPanel />
      <SecurityPanel />
    </section>
  );
}

export default SettingsScreen;
