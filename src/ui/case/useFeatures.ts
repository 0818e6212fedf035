/**
 * Runs feature extraction in the worker on every ROI change (reader 1's ROI, the spacing in use and
 * the feature unit); a newer change cancels the previous run (engine.ts). The result is stored with
 * the case together with the settings and the spacing used.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { STUDY_EXTRACTION_SETTINGS, type ExtractionSettings } from '../../model/modelFile';
import { STUDY_PRESET } from '../../radiomics/settings';
import type { Vec3 } from '../../radiomics/types';
import { roiMask } from '../../roi/roi';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { t } from '../../i18n';
import { createExtractor, WorkerCrashError, type Extractor } from '../engine';

export type FeatureRunState = (
  { status: 'idle' | 'running' | 'done' } | { status: 'error'; message: string; crashed: boolean }
) & {
  /** Set when the worker died during this run and was restarted (the run was then repeated). */
  restarted?: string;
  /** Runs the extraction again for the same ROI (offered after an error). */
  retry: () => void;
};

type RunState =
  { status: 'idle' | 'running' | 'done' } | { status: 'error'; message: string; crashed: boolean };

/** The case's extraction settings in the model file's terms. */
export function extractionSettingsFor(unit: 'mm' | 'pixel'): ExtractionSettings {
  return { ...STUDY_EXTRACTION_SETTINGS, spacingUnit: unit };
}

export function useFeatureExtraction(): FeatureRunState {
  const image = useCaseStore((s) => s.image);
  const roi = useCaseStore((s) => s.history?.present ?? null);
  const record = useCaseStore((s) => s.record);
  const setFeatures = useCaseStore((s) => s.setFeatures);
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const [restarted, setRestarted] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const extractor = useRef<Extractor | null>(null);
  const spacing = effectiveSpacing(record);
  const unit: 'mm' | 'pixel' = record.featureUnit === 'mm' && spacing?.unit === 'mm' ? 'mm' : 'pixel';
  const row = spacing?.row ?? 1;
  const col = spacing?.col ?? 1;

  useEffect(() => {
    extractor.current = createExtractor({ onRestart: (cause) => setRestarted(cause) });
    return () => {
      extractor.current?.dispose();
      extractor.current = null;
    };
  }, []);

  useEffect(() => {
    if (!image || !roi || !extractor.current) return;
    const mask = roiMask(roi);
    let pixels = 0;
    for (let i = 0; i < mask.length; i++) pixels += mask[i];
    if (pixels === 0) {
      if (useCaseStore.getState().record.features !== null) setFeatures(null);
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setRestarted(undefined);
    const vs: Vec3 = unit === 'mm' ? [1, row, col] : [1, 1, 1];
    const volume = { ...image.decoded.image, spacing: vs };
    setState({ status: 'running' });
    extractor.current
      .run(volume, { data: mask, size: volume.size, spacing: vs, origin: volume.origin }, STUDY_PRESET)
      .then((result) => {
        if (!live || !result) return;
        setFeatures({
          values: result.values,
          settings: result.settings,
          extraction: extractionSettingsFor(unit),
          spacing: vs,
          spacingUnit: unit,
          roiPixels: pixels,
          computedAt: new Date().toISOString(),
        });
        setState({ status: 'done' });
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (useCaseStore.getState().record.features !== null) setFeatures(null);
        if (e instanceof WorkerCrashError)
          setState({
            status: 'error',
            message: t('features.workerCrashed', { cause: e.detail }),
            crashed: true,
          });
        else
          setState({ status: 'error', message: e instanceof Error ? e.message : String(e), crashed: false });
      });
    return () => {
      live = false;
    };
  }, [image, roi, unit, row, col, setFeatures, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, restarted, retry };
}
