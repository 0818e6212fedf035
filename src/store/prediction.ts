/** Prediction of the current case with the active model (pure; used by the panel and the store). */
import {
  MODEL_KINDS,
  predict,
  type ModelDocument,
  type ModelKind,
  type ModelPrediction,
} from '../model/modelFile';
import type { StoredFeatures, StoredPrediction, StoredQpcrResult } from '../db/types';
import { listOf, message, toMessage, type Message, type StoredMessage } from '../util/message';

export type KindOutcome =
  | { kind: ModelKind; ok: true; prediction: ModelPrediction }
  | { kind: ModelKind; ok: false; message: Message };

export interface CasePrediction {
  outcomes: KindOutcome[];
  /** The headline: the combined model when the file has it, else the best available. */
  headline: { kind: ModelKind; prediction: ModelPrediction } | null;
  /** Why there is no headline yet. */
  waitingFor: Message[];
  warnings: StoredMessage[];
}

const KIND_LABEL: Record<ModelKind, string> = {
  clinical: 'Clinical',
  radiomics: 'Radiomics',
  combined: 'Combined',
};
export function kindLabel(k: ModelKind): string {
  return KIND_LABEL[k];
}

const unit = (u: 'mm' | 'pixel'): Message =>
  message(u === 'pixel' ? 'prediction.unit.pixel' : 'prediction.unit.mm');

/** Differences between the case's and the model's extraction settings. */
export function settingsMismatch(model: ModelDocument, features: StoredFeatures | null): Message[] {
  if (!features) return [];
  const m = model.extraction;
  const c = features.extraction;
  const out: Message[] = [];
  if (m.spacingUnit !== c.spacingUnit) {
    out.push(
      message('prediction.spacingMismatch', { model: unit(m.spacingUnit), here: unit(c.spacingUnit) }),
    );
  }
  for (const key of ['binWidth', 'normalize', 'normalizeScale', 'voxelArrayShift', 'shapeClass'] as const) {
    if (m[key] !== c[key])
      out.push(message('prediction.settingsMismatch', { key, here: String(c[key]), model: String(m[key]) }));
  }
  return out;
}

const KIND_MESSAGE: Record<ModelKind, Message> = {
  clinical: message('prediction.kind.clinical'),
  radiomics: message('prediction.kind.radiomics'),
  combined: message('prediction.kind.combined'),
};
const KINDS_MESSAGE: Record<ModelKind, Message> = {
  clinical: message('prediction.kinds.clinical'),
  radiomics: message('prediction.kinds.radiomics'),
  combined: message('prediction.kinds.combined'),
};

/** "radiomics model", "clinical and combined models". */
function modelsMessage(kinds: ModelKind[]): Message {
  if (kinds.length === 1) return KIND_MESSAGE[kinds[0]];
  return message('prediction.models', { kinds: listOf(kinds.map((k) => KINDS_MESSAGE[k])) });
}

export function predictCase(
  model: ModelDocument,
  features: StoredFeatures | null,
  qpcr: StoredQpcrResult | null,
): CasePrediction {
  const mir = qpcr?.relativeExpression ?? null;
  const outcomes: KindOutcome[] = [];
  const warnings: StoredMessage[] = [...settingsMismatch(model, features)];
  for (const kind of MODEL_KINDS) {
    const entry = model.models[kind];
    if (!entry) continue;
    const needsFeatures = entry.inputs.some((i) => i !== 'miR34a');
    const needsMir = entry.inputs.includes('miR34a');
    if (needsFeatures && !features) {
      outcomes.push({ kind, ok: false, message: message('prediction.needsRoi') });
      continue;
    }
    if (needsMir && mir === null) {
      outcomes.push({ kind, ok: false, message: message('prediction.needsMir') });
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
      outcomes.push({ kind, ok: false, message: toMessage(e) });
    }
  }
  const waitingFor: Message[] = [];
  if (!features) waitingFor.push(message('prediction.waitRoi'));
  if (mir === null) waitingFor.push(message('prediction.waitMir'));
  const preferred: ModelKind[] = ['combined', 'radiomics', 'clinical'];
  let headline: CasePrediction['headline'] = null;
  const firstKind = preferred.find((k) => model.models[k] !== null);
  const o = outcomes.find((x) => x.kind === firstKind);
  if (o && o.ok) headline = { kind: o.kind, prediction: o.prediction };
  const outside = new Map<string, { value: number; z: number; kinds: ModelKind[] }>();
  for (const x of outcomes) {
    if (!x.ok) continue;
    for (const r of x.prediction.outOfRange) {
      const seen = outside.get(r.input) ?? { value: r.value, z: r.z, kinds: [] };
      seen.kinds.push(x.kind);
      outside.set(r.input, seen);
    }
  }
  for (const [input, r] of outside) {
    warnings.push(
      message('prediction.outOfRange', {
        input,
        value: Number(r.value.toPrecision(4)),
        z: r.z.toFixed(1),
        models: modelsMessage(r.kinds),
      }),
    );
  }
  for (const f of qpcr?.flags ?? []) warnings.push(message('prediction.qpcr', { message: f.message }));
  if (qpcr?.source === 'direct') warnings.push(message('prediction.directEntry'));
  const seen = new Set<string>();
  const unique = warnings.filter((w) => {
    const key = JSON.stringify(w);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { outcomes, headline, waitingFor, warnings: unique };
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
