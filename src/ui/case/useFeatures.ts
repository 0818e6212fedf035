/**
 * Runs feature extraction in the worker on every ROI change (reader 1's ROI, the spacing in use and
 * the feature unit); a newer change cancels the previous run (engine.ts). The result is stored with
 * the case together with the settings and the spacing used.
 *
 * The runner listens to the case store directly rather than in a React effect: the extraction is
 * posted to the worker the moment the ROI changes, so the worker computes while React renders the
 * new ROI on the main thread. An opened image is sent to the worker at once (before any ROI).
 */
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { STUDY_EXTRACTION_SETTINGS, type ExtractionSettings } from '../../model/modelFile';
import { STUDY_PRESET } from '../../radiomics/settings';
import type { ImageVolume, Vec3 } from '../../radiomics/types';
import { roiMask, type Roi } from '../../roi/roi';
import { effectiveSpacing, useCaseStore, type CaseState } from '../../store/caseStore';
import { t, toMessage, type StoredMessage } from '../../i18n';
import { createExtractor, WorkerCrashError } from '../engine';

type RunState =
  | { status: 'idle' | 'running' | 'done' }
  // An engine error (a MessageError from the worker) as its code, rendered in the language shown.
  | { status: 'error'; message: StoredMessage; crashed: boolean };

export type FeatureRunState = RunState & {
  /** Set when the worker died during this run and was restarted (the run was then repeated). */
  restarted?: string;
  /** Runs the extraction again for the same ROI (offered after an error). */
  retry: () => void;
};

/** The case's extraction settings in the model file's terms. */
export function extractionSettingsFor(unit: 'mm' | 'pixel'): ExtractionSettings {
  return { ...STUDY_EXTRACTION_SETTINGS, spacingUnit: unit };
}

const useRunStore = create<{ run: RunState; restarted?: string; retry: () => void }>(() => ({
  run: { status: 'idle' },
  restarted: undefined,
  retry: () => undefined,
}));

interface Inputs {
  image: CaseState['image'];
  roi: Roi | null;
  unit: 'mm' | 'pixel';
  row: number;
  col: number;
}

function inputsOf(s: CaseState): Inputs {
  const spacing = effectiveSpacing(s.record);
  return {
    image: s.image,
    roi: s.readers?.[1].present ?? null,
    unit: s.record.featureUnit === 'mm' && spacing?.unit === 'mm' ? 'mm' : 'pixel',
    row: spacing?.row ?? 1,
    col: spacing?.col ?? 1,
  };
}

const sameInputs = (a: Inputs, b: Inputs): boolean =>
  a.image === b.image && a.roi === b.roi && a.unit === b.unit && a.row === b.row && a.col === b.col;

/**
 * Starts the runner (one per case screen): it follows the case store until the returned function is
 * called, which also stops the workers.
 */
export function startFeatureRunner(): () => void {
  const extractor = createExtractor({ onRestart: (cause) => useRunStore.setState({ restarted: cause }) });
  let last: Inputs | null = null;
  let live = 0;

  const runFor = (inp: Inputs) => {
    const token = ++live;
    const { image, roi } = inp;
    if (!image || !roi) return;
    const mask = roiMask(roi);
    let pixels = 0;
    for (let i = 0; i < mask.length; i++) pixels += mask[i];
    const setFeatures = useCaseStore.getState().setFeatures;
    if (pixels === 0) {
      if (useCaseStore.getState().record.features !== null) setFeatures(null);
      useRunStore.setState({ run: { status: 'idle' }, restarted: undefined });
      return;
    }
    const vs: Vec3 = inp.unit === 'mm' ? [1, inp.row, inp.col] : [1, 1, 1];
    const volume: ImageVolume = image.decoded.image;
    useRunStore.setState({ run: { status: 'running' }, restarted: undefined });
    extractor
      .run(volume, { data: mask, size: volume.size, spacing: vs, origin: volume.origin }, STUDY_PRESET)
      .then((result) => {
        if (token !== live || !result) return;
        setFeatures({
          values: result.values,
          settings: result.settings,
          extraction: extractionSettingsFor(inp.unit),
          spacing: vs,
          spacingUnit: inp.unit,
          roiPixels: pixels,
          computedAt: new Date().toISOString(),
        });
        useRunStore.setState({ run: { status: 'done' } });
      })
      .catch((e: unknown) => {
        if (token !== live) return;
        if (useCaseStore.getState().record.features !== null) setFeatures(null);
        useRunStore.setState({
          run:
            e instanceof WorkerCrashError
              ? { status: 'error', message: t('features.workerCrashed', { cause: e.detail }), crashed: true }
              : { status: 'error', message: toMessage(e), crashed: false },
        });
      });
  };

  const follow = (s: CaseState, force = false) => {
    const inp = inputsOf(s);
    // A newly opened image without an ROI yet goes to the worker now (which warms up on it); with an
    // ROI (a reopened case) the run below sends it without a warm-up in the way.
    const hasRoi = inp.roi !== null && inp.roi.ops.length > 0;
    if (inp.image && inp.image !== last?.image && !hasRoi) extractor.prepare(inp.image.decoded.image);
    if (!force && last && sameInputs(inp, last)) return;
    last = inp;
    runFor(inp);
  };

  const unsubscribe = useCaseStore.subscribe((s) => follow(s));
  useRunStore.setState({
    run: { status: 'idle' },
    restarted: undefined,
    retry: () => follow(useCaseStore.getState(), true),
  });
  follow(useCaseStore.getState(), true);
  return () => {
    unsubscribe();
    live++;
    extractor.dispose();
    useRunStore.setState({ run: { status: 'idle' }, restarted: undefined, retry: () => undefined });
  };
}

/** The feature run's state for the case screen; starts the runner while the calling component is mounted. */
export function useFeatureExtraction(): FeatureRunState {
  useEffect(() => startFeatureRunner(), []);
  const run = useRunStore((s) => s.run);
  const restarted = useRunStore((s) => s.restarted);
  const retry = useRunStore((s) => s.retry);
  return useMemo(() => ({ ...run, restarted, retry }), [run, restarted, retry]);
}
