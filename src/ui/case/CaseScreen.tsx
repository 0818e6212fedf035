/** The clinician workflow screen of one patient: image → ROI → features, qPCR → miR-34a, prediction, outcome. */
import { useEffect } from 'react';
import { caseStatus } from '../../db/cases';
import { STATUS_LABEL } from '../../db/types';
import { flushSave, rememberCase, rememberedCase, startAutosave } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { useModelStore } from '../../store/models';
import { FeaturePanel } from './FeaturePanel';
import { ImagePanel } from './ImagePanel';
import { PanelBoundary } from './PanelBoundary';
import { PredictionPanel } from './PredictionPanel';
import { QpcrPanel } from './QpcrPanel';
import { useFeatureExtraction } from './useFeatures';
import './case.css';

let initialised = false;

/** Opens the last case once per page load (or starts a new one). */
async function initialise(): Promise<void> {
  if (initialised) return;
  initialised = true;
  const id = rememberedCase();
  if (id) {
    await useCaseStore.getState().openCase(id);
    if (useCaseStore.getState().loadError) useCaseStore.getState().newCase();
  }
}

const SAVE_TEXT = {
  idle: 'Not saved yet — starts when you enter data',
  pending: 'Saving…',
  saving: 'Saving…',
  saved: 'All changes saved',
  error: 'Not saved',
} as const;

function OutcomePanel() {
  const outcome = useCaseStore((s) => s.record.outcome);
  const setOutcome = useCaseStore((s) => s.setOutcome);
  return (
    <section className="panel outcome-panel" aria-labelledby="outcome-heading">
      <h3 id="outcome-heading">Surgical outcome</h3>
      <label className="inline">
        Miller–Payne grade
        <select
          value={outcome?.millerPayne ?? ''}
          onChange={(e) => {
            const g = Number(e.target.value) as 1 | 2 | 3 | 4 | 5;
            setOutcome(
              e.target.value ? { millerPayne: g, pcr: g >= 4, recordedAt: new Date().toISOString() } : null,
            );
          }}
        >
          <option value="">not yet known</option>
          {[1, 2, 3, 4, 5].map((g) => (
            <option key={g} value={g}>
              Grade {g}
            </option>
          ))}
        </select>
      </label>
      {outcome && (
        <p className={`message ${outcome.pcr ? 'ok' : 'info'}`}>
          {outcome.pcr ? 'pCR (grade 4–5)' : 'No pCR (grade 1–3)'} — recorded{' '}
          {outcome.recordedAt.slice(0, 10)}
        </p>
      )}
    </section>
  );
}

export function CaseScreen() {
  const record = useCaseStore((s) => s.record);
  const saveState = useCaseStore((s) => s.saveState);
  const saveError = useCaseStore((s) => s.saveError);
  const loading = useCaseStore((s) => s.loading);
  const loadError = useCaseStore((s) => s.loadError);
  const setPatientId = useCaseStore((s) => s.setPatientId);
  const newCase = useCaseStore((s) => s.newCase);
  const run = useFeatureExtraction();
  const status = caseStatus(record);

  useEffect(() => {
    void initialise();
    useModelStore
      .getState()
      .init()
      .catch(() => undefined);
    return startAutosave();
  }, []);

  return (
    <div className="case-screen">
      <div className="case-bar">
        <h2>Case</h2>
        <label className="inline patient-id">
          Patient ID (pseudonym)
          <input
            type="text"
            value={record.patientId}
            onChange={(e) => setPatientId(e.target.value)}
            placeholder="e.g. BR-0042"
            autoComplete="off"
          />
        </label>
        <span className={`status-chip status-${status}`}>{STATUS_LABEL[status]}</span>
        <span role="status" aria-label="Save status" className={`save-state save-${saveState}`}>
          {loading ? 'Opening…' : SAVE_TEXT[saveState]}
        </span>
        <button
          type="button"
          onClick={async () => {
            await flushSave();
            newCase();
            rememberCase(null);
          }}
          title="Start an empty case (the current one stays in the case list)"
        >
          New case
        </button>
      </div>
      {(saveError || loadError) && (
        <p role="alert" className="message error">
          {saveError ?? loadError}
        </p>
      )}
      <div className="case-grid">
        <div className="col-main">
          <PanelBoundary title="Lesion image">
            <ImagePanel />
          </PanelBoundary>
          <PanelBoundary title="Radiomics features">
            <FeaturePanel run={run} />
          </PanelBoundary>
        </div>
        <div className="col-side">
          <PanelBoundary title="Prediction">
            <PredictionPanel />
          </PanelBoundary>
          <PanelBoundary title="Plasma miR-34a (qRT-PCR)">
            <QpcrPanel />
          </PanelBoundary>
          <PanelBoundary title="Surgical outcome">
            <OutcomePanel />
          </PanelBoundary>
        </div>
      </div>
    </div>
  );
}
