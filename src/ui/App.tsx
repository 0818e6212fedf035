import { ROUTES, useRoute } from './router';
import { About } from './About';
import { CaseScreen } from './case/CaseScreen';
import { CasesScreen } from './case/CasesScreen';
import { DemoCaseBar } from './demo/DemoCaseBar';
import { StudioScreen } from './studio/StudioScreen';

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <header className="app-header">
        <h1>SonoMiR</h1>
        <p className="purpose">
          Decision support for breast-cancer teams: before neoadjuvant chemotherapy, estimate a patient&apos;s
          chance of pathological complete response from the pre-treatment ultrasound lesion (107 PyRadiomics
          features) and plasma miRNA-34a (qRT-PCR, 2<sup>−ΔΔCt</sup>), with K-nearest-neighbour models
          validated by ROC and decision-curve analysis. Runs entirely in this browser.
        </p>
        <nav aria-label="Main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={route === r.path ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {route === 'case' && (
          <>
            <DemoCaseBar />
            <CaseScreen />
          </>
        )}
        {route === 'cases' && <CasesScreen />}
        {route === 'studio' && <StudioScreen />}
        {route === 'about' && <About />}
      </main>
    </div>
  );
}
