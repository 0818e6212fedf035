/** Prediction of the current case with the active model (pure; used by the panel and the store). */
import {
  MODEL_KINDS,
  predict,
  type ModelDocument,
  type ModelKind,
  type ModelPrediction,
} from '../model/modelFile';
import type { StoredFeatures, StoredPrediction, StoredQpcrResult } from '../db/types';

export type KindOutcome =
  | { kind: ModelKind; ok: true; prediction: ModelPrediction }
  | { kind: ModelKind; ok: false; message: string };

export interface CasePrediction {
  outcomes: KindOutcome[];
  /** The headline: the combined model when the file has it, else the best available. */
  headline: { kind: ModelKind; prediction: ModelPrediction } | null;
  /** Why there is no headline yet. */
  waitingFor: string[];
  warnings: string[];
}

const KIND_LABEL: Record<ModelKind, string> = {
  clinical: 'Clinical',
  radiomics: 'Radiomics',
  combined: 'Combined',
};
export function kindLabel(k: ModelKind): string {
  return KIND_LABEL[k];
}

/** Differences between the case's and the model's extraction settings, in words. */
export function settingsMismatch(model: ModelDocument, features: StoredFeatures | null): string[] {
  if (!features) return [];
  const m = model.extraction;
  const c = features.extraction;
  const out: string[] = [];
  if (m.spacingUnit !== c.spacingUnit) {
    out.push(
      `Spacing mismatch: the model was trained on features in ${m.spacingUnit === 'pixel' ? 'pixel units' : 'mm'}, this case's features are in ${c.spacingUnit === 'pixel' ? 'pixel units' : 'mm'}. Change “Feature units” to match.`,
    );
  }
  for (const key of ['binWidth', 'normalize', 'normalizeScale', 'voxelArrayShift', 'shapeClass'] as const) {
    if (m[key] !== c[key])
      out.push(`Settings mismatch: ${key} is ${String(c[key])} here but ${String(m[key])} in the model.`);
  }
  return out;
}

export function predictCase(
  model: ModelDocument,
  features: StoredFeatures | null,
  qpcr: StoredQpcrResult | null,
): CasePrediction {
  const mir = qpcr?.relativeExpression ?? null;
  const outcomes: KindOutcome[] = [];
  const warnings: string[] = [...settingsMismatch(model, features)];
  for (const kind of MODEL_KINDS) {
    const entry = model.models[kind];
    if (!entry) continue;
    const needsFeatures = entry.inputs.some((i) => i !== 'miR34a');
    const needsMir = entry.inputs.includes('miR34a');
    if (needsFeatures && !features) {
      outcomes.push({ kind, ok: false, message: 'needs the image ROI' });
      continue;
    }
    if (needsMir && mir === null) {
      outcomes.push({ kind, ok: false, message: 'needs miR-34a' });
      continue;
    }
    try {
      const [prediction] = predict(
        model,
        {
          features: features?.values ?? {},
          mir34a: mir,
          extraction: needsFeatures && features ? features.extraction : model.extraction,
        },
        { kinds: [kind] },
      );
      outcomes.push({ kind, ok: true, prediction });
    } catch (e) {
      outcomes.push({ kind, ok: false, message: (e as Error).message });
    }
  }
  const waitingFor: string[] = [];
  if (!features) waitingFor.push('an ROI on the image');
  if (mir === null) waitingFor.push('the miR-34a result');
  const preferred: ModelKind[] = ['combined', 'radiomics', 'clinical'];
  let headline: CasePrediction['headline'] = null;
  const firstKind = preferred.find((k) => model.models[k] !== null);
  const o = outcomes.find((x) => x.kind === firstKind);
  if (o && o.ok) headline = { kind: o.kind, prediction: o.prediction };
  const outside = new Map<string, { value: number; z: number; kinds: string[] }>();
  for (const x of outcomes) {
    if (!x.ok) continue;
    for (const r of x.prediction.outOfRange) {
      const seen = outside.get(r.input) ?? { value: r.value, z: r.z, kinds: [] };
      seen.kinds.push(kindLabel(x.kind).toLowerCase());
      outside.set(r.input, seen);
    }
  }
  for (const [input, r] of outside) {
    warnings.push(
      `${input} = ${Number(r.value.toPrecision(4))} is outside the training range (z = ${r.z.toFixed(1)}; ${r.kinds.join(' and ')} model${r.kinds.length > 1 ? 's' : ''}): the estimate is less reliable.`,
    );
  }
  for (const f of qpcr?.flags ?? []) warnings.push(`qPCR: ${f.message}`);
  if (qpcr?.source === 'direct')
    warnings.push('miR-34a was entered directly as a relative expression value.');
  return { outcomes, headline, waitingFor, warnings: [...new Set(warnings)] };
}

/** The record stored with the case. */
export function storedPrediction(
  model: ModelDocument,
  name: string,
  p: CasePrediction,
): StoredPrediction | null {
  if (!p.headline) return null;
  const probabilities: StoredPrediction['probabilities'] = {};
  for (const o of p.outcomes) if (o.ok) probabilities[o.kind] = o.prediction.probability;
  const h = p.headline.prediction;
  return {
    modelHash: model.hash.value,
    modelName: name,
    createdAt: new Date().toISOString(),
    probabilities,
    headline: {
      kind: p.headline.kind,
      probability: h.probability,
      pcrNeighbours: h.neighbours.filter((n) => n.label === 1).length,
      k: h.k,
    },
    warnings: p.warnings,
  };
}
