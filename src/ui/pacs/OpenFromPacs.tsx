/**
 * Open from PACS: QIDO-RS study search (Patient ID, accession number, study date range, US only),
 * the study's series and images with thumbnails, and the SonoMiR analyses already stored for the
 * study. An image is retrieved whole in its original transfer syntax and opened by the case store
 * exactly like a file (US regions, clip frame choice, calibration).
 */
import { useEffect, useState } from 'react';
import { usePacsStore, type PriorAnalysis } from '../../store/pacs';
import type { InstanceSummary, SeriesSummary, StudySummary } from '../../pacs/types';
import { formatDateTime, formatInteger, formatPercent, useT } from '../../i18n';
import { ModalDialog } from './ModalDialog';
import { usePacsMessage } from './pacsMessage';

/** 'YYYYMMDD' → 'YYYY-MM-DD' (as typed in the date fields); other text unchanged. */
export function dicomDateText(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d;
}

/** The headline probability of a stored analysis: combined, else radiomics, else clinical. */
export function headlineOf(
  p: PriorAnalysis,
): { kind: 'combined' | 'radiomics' | 'clinical'; p: number } | null {
  for (const kind of ['combined', 'radiomics', 'clinical'] as const) {
    const v = p.analysis.probabilities[kind];
    if (v !== undefined && Number.isFinite(v)) return { kind, p: v };
  }
  return null;
}

function Thumbnail({ instance, n }: { instance: InstanceSummary; n: number }) {
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    usePacsStore
      .getState()
      .thumbnail(instance)
      .then((bytes) => {
        if (!live) return;
        if (!bytes) {
          setFailed(true);
          return;
        }
        made = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
        setUrl(made);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [instance]);
  if (url) return <img className="pacs-thumb" src={url} alt={t('pacs.thumbnailAlt', { n })} />;
  return <span className="pacs-thumb placeholder">{failed ? t('pacs.noPreview') : '…'}</span>;
}

interface StudyView {
  study: StudySummary;
  series: { series: SeriesSummary; instances: InstanceSummary[] }[] | null;
  priors: PriorAnalysis[] | null;
  error: string | null;
  priorsError: string | null;
}

export function OpenFromPacs({ open, onClose }: { open: boolean; onClose: (opened: string | null) => void }) {
  const t = useT();
  const pm = usePacsMessage();
  const [patientId, setPatientId] = useState('');
  const [accession, setAccession] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [usOnly, setUsOnly] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [studies, setStudies] = useState<StudySummary[] | null>(null);
  const [view, setView] = useState<StudyView | null>(null);

  const search = async () => {
    setBusy(t('pacs.searching'));
    setError(null);
    setView(null);
    try {
      const found = await usePacsStore.getState().searchStudies({
        patientId,
        accessionNumber: accession,
        dateFrom: dateFrom.replace(/-/g, ''),
        dateTo: dateTo.replace(/-/g, ''),
        modality: usOnly ? 'US' : '',
      });
      setStudies(found);
    } catch (e) {
      setStudies(null);
      setError(pm(e));
    } finally {
      setBusy(null);
    }
  };

  const showStudy = async (study: StudySummary) => {
    const base: StudyView = { study, series: null, priors: null, error: null, priorsError: null };
    setView(base);
    setError(null);
    const store = usePacsStore.getState();
    const priors = store
      .listPriorAnalyses(study.studyInstanceUid)
      .then((priors) => setView((v) => (v?.study === study ? { ...v, priors } : v)))
      .catch((e: unknown) => setView((v) => (v?.study === study ? { ...v, priorsError: pm(e) } : v)));
    try {
      const series = (await store.listSeries(study.studyInstanceUid)).filter((s) => s.modality !== 'SR');
      const withInstances: NonNullable<StudyView['series']> = [];
      for (const s of series) {
        const instances = await store.listInstances(study.studyInstanceUid, s.seriesInstanceUid);
        instances.sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
        withInstances.push({ series: s, instances });
      }
      withInstances.sort((a, b) => (a.series.seriesNumber ?? 0) - (b.series.seriesNumber ?? 0));
      setView((v) => (v?.study === study ? { ...v, series: withInstances } : v));
    } catch (e) {
      setView((v) => (v?.study === study ? { ...v, error: pm(e) } : v));
    }
    await priors;
  };

  const openInstance = async (i: InstanceSummary) => {
    setBusy(t('pacs.openingImage'));
    setError(null);
    try {
      await usePacsStore.getState().openInstance(i);
      onClose(null);
    } catch (e) {
      setError(pm(e));
    } finally {
      setBusy(null);
    }
  };

  const openPrior = async (p: PriorAnalysis) => {
    setBusy(t('pacs.openingImage'));
    setError(null);
    try {
      await usePacsStore.getState().openPrior(p);
      const h = headlineOf(p);
      onClose(
        t('pacs.priorOpened', {
          date: formatDateTime(p.analysis.analysedAt),
          operator: p.analysis.operator || t('pacs.priorUnknownOperator'),
          kind: h ? t(`prediction.kind.${h.kind}`) : '',
          p: h ? formatPercent(h.p, 1) : '–',
        }),
      );
    } catch (e) {
      setError(pm(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <ModalDialog
      open={open}
      onCancel={() => onClose(null)}
      className="pacs-dialog pacs-open"
      labelledBy="pacs-open-title"
    >
      <div className="panel-head">
        <h3 id="pacs-open-title">{t('pacs.dialogTitle')}</h3>
        <button type="button" onClick={() => onClose(null)}>
          {t('pacs.close')}
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <fieldset>
          <legend>{t('pacs.searchLegend')}</legend>
          <div className="row">
            <label className="inline">
              {t('pacs.patientId')}
              <input
                type="text"
                value={patientId}
                onChange={(e) => setPatientId(e.target.value)}
                autoComplete="off"
              />
            </label>
            <label className="inline">
              {t('pacs.accession')}
              <input
                type="text"
                value={accession}
                onChange={(e) => setAccession(e.target.value)}
                autoComplete="off"
              />
            </label>
            <label className="inline">
              {t('pacs.dateFrom')}
              <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
            </label>
            <label className="inline">
              {t('pacs.dateTo')}
              <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={usOnly} onChange={(e) => setUsOnly(e.target.checked)} />
              {t('pacs.usOnly')}
            </label>
            <button type="submit" className="primary" disabled={busy !== null}>
              {t('pacs.search')}
            </button>
          </div>
          <p className="hint">{t('pacs.searchHelp')}</p>
        </fieldset>
      </form>
      <p role="status" className="hint">
        {busy ?? (studies ? t('pacs.studiesCount', { n: formatInteger(studies.length) }) : '')}
      </p>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
      {studies && studies.length === 0 && <p className="hint">{t('pacs.noStudies')}</p>}
      {studies && studies.length > 0 && (
        <table className="pacs-studies" aria-label={t('pacs.studiesLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('pacs.colPatient')}</th>
              <th scope="col">{t('pacs.colPatientId')}</th>
              <th scope="col">{t('pacs.colDate')}</th>
              <th scope="col">{t('pacs.colAccession')}</th>
              <th scope="col">{t('pacs.colDescription')}</th>
              <th scope="col">{t('pacs.colModalities')}</th>
              <th scope="col">{t('pacs.colImages')}</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((s) => (
              <tr key={s.studyInstanceUid} aria-selected={view?.study === s}>
                <td>{s.patientName}</td>
                <td>{s.patientId}</td>
                <td>{dicomDateText(s.studyDate)}</td>
                <td>{s.accessionNumber}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => void showStudy(s)}
                    aria-label={t('pacs.showStudy', {
                      accession: s.accessionNumber,
                      date: dicomDateText(s.studyDate),
                    })}
                  >
                    {s.studyDescription || s.studyInstanceUid}
                  </button>
                </td>
                <td>{s.modalities.join(', ')}</td>
                <td>{s.numberOfInstances === null ? '' : formatInteger(s.numberOfInstances)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view && (
        <section className="pacs-study" aria-labelledby="pacs-study-heading">
          <h4 id="pacs-study-heading">
            {t('pacs.studyHeading', {
              date: dicomDateText(view.study.studyDate),
              patient: view.study.patientName,
              id: view.study.patientId,
            })}
          </h4>
          {view.error && (
            <p role="alert" className="message error">
              {view.error}
            </p>
          )}
          {!view.series && !view.error && <p className="hint">{t('pacs.loadingStudy')}</p>}
          {view.series && view.series.every((s) => s.instances.length === 0) && (
            <p className="hint">{t('pacs.noImages')}</p>
          )}
          {view.series?.map(({ series, instances }) => (
            <div key={series.seriesInstanceUid} className="pacs-series">
              <h5>
                {t('pacs.seriesHeading', {
                  n: series.seriesNumber ?? '',
                  description: series.seriesDescription || series.modality,
                })}
              </h5>
              <ul className="pacs-instances">
                {instances.map((i, k) => {
                  const n = i.instanceNumber ?? k + 1;
                  return (
                    <li key={i.sopInstanceUid}>
                      <Thumbnail instance={i} n={n} />
                      <button type="button" onClick={() => void openInstance(i)} disabled={busy !== null}>
                        {t('pacs.openImage', { n })}
                      </button>
                      {i.columns !== null && i.rows !== null && (
                        <span className="hint">
                          {t('pacs.imageFacts', {
                            cols: i.columns,
                            rows: i.rows,
                            frames: i.numberOfFrames ?? 1,
                          })}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          <h4 id="pacs-prior-heading">{t('pacs.priorHeading')}</h4>
          {view.priorsError && (
            <p role="alert" className="message error">
              {view.priorsError}
            </p>
          )}
          {!view.priors && !view.priorsError && <p className="hint">{t('pacs.loadingStudy')}</p>}
          {view.priors && view.priors.length === 0 && <p className="hint">{t('pacs.priorNone')}</p>}
          {view.priors && view.priors.length > 0 && (
            <ul className="pacs-priors" aria-labelledby="pacs-prior-heading">
              {view.priors.map((p) => {
                const h = headlineOf(p);
                const date = formatDateTime(p.analysis.analysedAt);
                return (
                  <li key={p.identity.sopInstanceUid}>
                    <span>
                      {t('pacs.priorItem', {
                        date,
                        operator: p.analysis.operator || t('pacs.priorUnknownOperator'),
                        kind: h ? t(`prediction.kind.${h.kind}`) : '',
                        p: h ? formatPercent(h.p, 1) : '–',
                        model: p.analysis.model.name,
                      })}
                    </span>
                    <button type="button" onClick={() => void openPrior(p)} disabled={busy !== null}>
                      {t('pacs.openPrior', { date })}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </ModalDialog>
  );
}
