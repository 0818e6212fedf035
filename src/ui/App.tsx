import { ROUTES, useRoute } from './router';
import { About } from './About';

function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section>
      <h2>{title}</h2>
      <p>{text}</p>
    </section>
  );
}

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
          <Placeholder
            title="Case"
            text="Load an ultrasound image, draw the lesion ROI, enter qRT-PCR Ct values."
          />
        )}
        {route === 'cases' && <Placeholder title="Cases" text="Saved cases." />}
        {route === 'studio' && (
          <Placeholder title="Model Studio" text="Train and validate models on your cases." />
        )}
        {route === 'about' && <About />}
      </main>
    </div>
  );
}
