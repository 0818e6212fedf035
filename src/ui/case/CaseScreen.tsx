/** The clinician workflow screen of one patient: image → ROI → features, qPCR → miR-34a, prediction, outcome. */
import { lazy, memo, Suspense, useEffect } from 'react';
import { caseStatus } from '../../store/storage';
import { rememberedCase, startAutosave, startNewCase } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { useModelStore } from '../../store/models';
import { FeaturePanel } from './FeaturePanel';
import { ImagePanel } from './ImagePanel';
import { PanelBoundary } from './PanelBoundary';
import { PredictionPanel } from './PredictionPanel';
import { QpcrPanel } from './QpcrPanel';
import { useFeatureExtraction } from './useFeatures';
import { ConflictBanner, StorageFullBanner } from '../settings/SafetyBanners';
import './case.css';
import { formatDate, useMessage, useT } from '../../i18n';

let initialised = false;
// The PACS bar (DICOMweb client, SR reader) loads on demand; it shows nothing while no PACS is configured.
const PacsCaseBar = lazy(() => import('../pacs/PacsCaseBar'));

// The panels subscribe to their own slices of the store; memo keeps a change elsewhere in the case
// (e.g. an ROI edit) from re-rendering every panel through this screen.
const ImagePanelMemo = memo(ImagePanel);
const FeaturePanelMemo = memo(FeaturePanel);
const PredictionPanelMemo = memo(PredictionPanel);
const QpcrPanelMemo = memo(QpcrPanel);

/** Opens the last case once per page load (or starts a new one); also used by the patient report. */
export async function initialise(): Promise<void> {
  if (initialised) return;
  initialised = true;
  const id = rememberedCase();
  if (id) {
    await useCaseStore.getState().openCase(id);
    if (useCaseStore.getState().loadError) useCaseStore.getState().newCase();
  }
}

function OutcomePanel() {
  const t = useT();
  const outcome = useCaseStore((s) => s.record.outcome);
  const setOutcome = useCaseStore((s) => s.setOutcome);
  return (
    <section className="panel outcome-panel" aria-labelledby="outcome-heading">
      <h3 id="outcome-heading">{t('outcome.heading')}</h3>
      <label className="inline">
        {t('outcome.grade')}
        <select
          value={outcome?.millerPayne ?? ''}
          onChange={(e) => {
            const g = Number(e.target.value) as 1 | 2 | 3 | 4 | 5;
            setOutcome(
              e.target.value ? { millerPayne: g, pcr: g >= 4, recordedAt: new Date().toISOString() } : null,
            );
          }}
        >
          <option value="">{t('outcome.notKnown')}</option>
          {[1, 2, 3, 4, 5].map((g) => (
            <option key={g} value={g}>
              {t('outcome.gradeN', { grade: g })}
            </option>
          ))}
        </select>
      </label>
      {outcome && (
        <p className={`message ${outcome.pcr ? 'ok' : 'info'}`}>
          {outcome.pcr ? t('outcome.pcr') : t('outcome.noPcr')}
          {t('outcome.recorded', { date: formatDate(outcome.recordedAt) })}
        </p>
      )}
    </section>
  );
}

const OutcomePanelMemo = memo(OutcomePanel);

export function CaseScreen() {
  const t = useT();
  const m = useMessage();
  const patientId = useCaseStore((s) => s.record.patientId);
  const status = useCaseStore((s) => caseStatus(s.record));
  const saveState = useCaseStore((s) => s.saveState);
  const saveError = useCaseStore((s) => s.saveError);
  const loading = useCaseStore((s) => s.loading);
  const loadError = useCaseStore((s) => s.loadError);
  const setPatientId = useCaseStore((s) => s.setPatientId);
  const run = useFeatureExtraction();

  useEffect(() => {
    void initialise();
    // A failed start-up is not lost: the model store keeps it (status 'error' and its message), shown
    // by the prediction panel.
    useModelStore
      .getState()
      .init()
      .catch(() => undefined);
    return startAutosave();
  }, []);

  return (
    <div className="case-screen">
      <div className="case-bar">
        <h2>{t('case.heading')}</h2>
        <label className="inline patient-id">
          {t('case.patientId')}
          <input
            type="text"
            value={patientId}
            onChange={(e) => setPatientId(e.target.value)}
            placeholder={t('case.patientIdPlaceholder')}
            autoComplete="off"
          />
        </label>
        <span className={`status-chip status-${status}`}>{t(`status.${status}`)}</span>
        <span role="status" aria-label={t('case.saveStatusLabel')} className={`save-state save-${saveState}`}>
          {loading ? t('case.opening') : t(`case.save.${saveState}`)}
        </span>
        <button type="button" onClick={startNewCase} title={t('case.newCaseTip')}>
          {t('case.newCase')}
        </button>
        <button
          type="button"
          onClick={() => {
            window.location.hash = '#/report';
          }}
          title={t('case.printReportTip')}
        >
          {t('case.printReport')}
        </button>
      </div>
      <Suspense fallback={null}>
        <PacsCaseBar />
      </Suspense>
      {(saveError || loadError) && (
        <p role="alert" className="message error">
          {m(saveError ?? loadError ?? '')}
        </p>
      )}
      <ConflictBanner />
      <StorageFullBanner />
      <div className="case-grid">
        <div className="col-main">
          <PanelBoundary title={t('case.panelImage')}>
            <ImagePanelMemo />
          </PanelBoundary>
          <PanelBoundary title={t('case.panelFeatures')}>
            <FeaturePanelMemo run={run} />
          </PanelBoundary>
        </div>
        <div className="col-side">
          <PanelBoundary title={t('case.panelPrediction')}>
            <PredictionPanelMemo />
          </PanelBoundary>
          <PanelBoundary title={t('case.panelQpcr')}>
            <QpcrPanelMemo />
          </PanelBoundary>
          <PanelBoundary title={t('case.panelOutcome')}>
            <OutcomePanelMemo />
          </PanelBoundary>
        </div>
      </div>
    </div>
  );
}
