import { lazy, Suspense } from 'react';
import { ROUTES, useRoute } from './router';
import { About } from './About';
import { CaseScreen } from './case/CaseScreen';
import { CasesScreen } from './case/CasesScreen';
import { DemoCaseBar } from './demo/DemoCaseBar';
import { useT } from '../i18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { LockGate } from './settings/LockGate';

// Loaded on demand so that the Case screen's initial JavaScript stays small (see test/browser/budget.test.ts).
const StudioScreen = lazy(() => import('./studio/StudioScreen').then((m) => ({ default: m.StudioScreen })));
const PatientReport = lazy(() => import('./report/PatientReport'));
const SettingsScreen = lazy(() => import('./settings/SettingsScreen'));

export function App() {
  const route = useRoute();
  const t = useT();
  return (
    <div className="app">
      <header className="app-header">
        <LanguageSwitch />
        <a
          className="settings-link"
          href="#/settings"
          aria-current={route === 'settings' ? 'page' : undefined}
        >
          {t('settings.link')}
        </a>
        <h1>{t('app.title')}</h1>
        <p className="purpose">
          {t('app.purposeBefore')}
          <sup>−ΔΔCt</sup>
          {t('app.purposeAfter')}
        </p>
        <nav aria-label={t('nav.label')}>
          <ul>
            {ROUTES.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={route === r.path ? 'page' : undefined}>
                  {t(`nav.${r.path}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <LockGate>
          <Suspense
            fallback={
              <p role="status" className="hint">
                {t('app.loading')}
              </p>
            }
          >
            {route === 'case' && (
              <>
                <DemoCaseBar />
                <CaseScreen />
              </>
            )}
            {route === 'cases' && <CasesScreen />}
            {route === 'studio' && <StudioScreen />}
            {route === 'about' && <About />}
            {route === 'report' && <PatientReport />}
            {route === 'settings' && <SettingsScreen />}
          </Suspense>
        </LockGate>
      </main>
    </div>
  );
}
