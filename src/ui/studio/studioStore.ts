/**
 * Model Studio state (Zustand, kept across route changes): the cohort, the training settings, the
 * running training job and its output.
 */
import { create } from 'zustand';
import type { Message, StoredMessage } from '../../util/message';
import type { TrainingOutput, TrainingRun } from './training';
import type { StudioCohort } from './cohortSources';

export interface TrainingSettings {
  seed: number;
  /** 'random': stratified 4:1 with the seed; 'column': the cohort's set column. */
  split: 'random' | 'column';
  /** Validation share in per cent for the random split (the study: 20, i.e. 4:1). */
  validationPercent: number;
  kMode: 'auto' | 'fixed';
  k: number;
  kMax: number;
  weights: 'uniform' | 'distance';
  icc: boolean;
  nBoot: number;
}

export const DEFAULT_SETTINGS: TrainingSettings = {
  seed: 42,
  split: 'random',
  validationPercent: 20,
  kMode: 'fixed',
  k: 7,
  kMax: 31,
  weights: 'uniform',
  icc: true,
  nBoot: 2000,
};

export interface StudioState {
  source: StudioCohort | null;
  cohortError: string | null;
  settings: TrainingSettings;
  /** The running stage: a `model.stage.*` Message from the pipeline, rendered through i18n. */
  progress: { fraction: number; stage: Message } | null;
  run: TrainingRun | null;
  output: TrainingOutput | null;
  /** Label of the cohort the output was trained on. */
  outputLabel: StoredMessage;
  /** How the output's split was made, in words. */
  outputSplit: string;
  trainError: string | null;
  /** Increments whenever the registry changes (the list re-reads it). */
  registryRevision: number;
  bumpRegistry(): void;
  setSource(source: StudioCohort | null, error?: string | null): void;
  setSettings(patch: Partial<TrainingSettings>): void;
}

export const useStudioStore = create<StudioState>()((set) => ({
  source: null,
  cohortError: null,
  settings: DEFAULT_SETTINGS,
  progress: null,
  run: null,
  output: null,
  outputLabel: '',
  outputSplit: '',
  trainError: null,
  registryRevision: 0,
  bumpRegistry: () => set((s) => ({ registryRevision: s.registryRevision + 1 })),
  setSource: (source, error = null) => set({ source, cohortError: error }),
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
}));
