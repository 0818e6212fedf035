/** ROC curve with the operating point and decision curve of the active model (loaded on demand: recharts). */
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import type { ModelDocument, ModelKind } from '../../model/modelFile';
import { rocIndexAt } from '../../model/roc';
import { useT } from '../../i18n';
import { fmt, pct, probabilityPct } from './format';
import { CURVE, DIAGONAL, GRID_STROKE, unitXAxis } from '../charts/common';

/** The headline model of the case, the patient's probability and the size (`compact`: the printed report). */
interface ChartProps {
  model: ModelDocument;
  kind: ModelKind;
  probability: number;
  compact?: boolean;
}

function RocChart({ model, kind, probability, compact = false }: ChartProps) {
  const t = useT();
  const perf = model.models[kind]!.metrics.validation;
  const data = perf.roc.fpr.map((x, i) => ({ fpr: x, tpr: perf.roc.tpr[i] }));
  const op = perf.atHalf;
  const opPoint =
    op.specificity !== null && op.sensitivity !== null ? { x: 1 - op.specificity, y: op.sensitivity } : null;
  // The patient's own point: calling positive every validation patient whose probability is ≥ this one.
  const at = perf.roc.thresholds ? rocIndexAt(perf.roc.thresholds, probability) : null;
  const patientPoint = at === null ? null : { x: perf.roc.fpr[at], y: perf.roc.tpr[at] };
  return (
    <figure className="chart" aria-label={t('prediction.rocLabel')}>
      <figcaption>
        {t('prediction.rocCaption', { kind: t(`prediction.kind.${kind}`), auc: fmt(perf.auc, 3) })}
      </figcaption>
      <ComposedChart
        width={compact ? 240 : 330}
        height={compact ? 170 : 250}
        data={data}
        margin={{ top: 8, right: 12, bottom: 24, left: 4 }}
      >
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...unitXAxis('fpr', t('prediction.rocX'), 6)} />
        <YAxis
          type="number"
          domain={[0, 1]}
          tickCount={6}
          label={{ value: t('prediction.rocY'), angle: -90, position: 'insideLeft' }}
        />
        <ReferenceLine {...DIAGONAL} />
        <Line {...CURVE} dataKey="tpr" stroke="#1f4e79" strokeWidth={2} />
        {opPoint && (
          <ReferenceDot
            x={opPoint.x}
            y={opPoint.y}
            r={patientPoint ? 7 : 6}
            fill={patientPoint ? 'none' : probability > 0.5 ? '#00a152' : '#d9480f'}
            stroke={patientPoint ? '#1f4e79' : '#fff'}
            strokeWidth={patientPoint ? 2 : 1}
          />
        )}
        {patientPoint && (
          <ReferenceDot
            x={patientPoint.x}
            y={patientPoint.y}
            r={5}
            fill={probability > 0.5 ? '#00a152' : '#d9480f'}
            stroke="#fff"
          />
        )}
      </ComposedChart>
      {patientPoint && (
        <p className="hint">
          {t('prediction.patientPoint', {
            p: probabilityPct(probability),
            sensitivity: pct(patientPoint.y),
            specificity: pct(1 - patientPoint.x),
          })}
          {opPoint &&
            ` ${t('prediction.halfPoint', { sensitivity: pct(op.sensitivity!), specificity: pct(op.specificity!) })}`}
        </p>
      )}
      {!patientPoint && opPoint && (
        <p className="hint">
          {t('prediction.operatingPoint', {
            sensitivity: pct(op.sensitivity!),
            specificity: pct(op.specificity!),
            p: probabilityPct(probability),
            side: probability > 0.5 ? t('prediction.above') : t('prediction.atOrBelow'),
            class: probability > 0.5 ? t('prediction.likely') : t('prediction.unlikely'),
          })}
        </p>
      )}
    </figure>
  );
}

function DcaChart({ model, kind, probability, compact = false }: ChartProps) {
  const t = useT();
  const d = model.models[kind]!.metrics.validation.dca;
  const data = d.thresholds.map((t, i) => ({ t, model: d.netBenefit[i], all: d.treatAll[i], none: 0 }));
  // Net benefit of "treat all" falls steeply at high thresholds; show the informative range only.
  const top = Math.max(0.05, ...d.netBenefit, ...d.treatAll);
  const yDomain: [number, number] = [-0.1, Math.ceil(top * 20) / 20];
  return (
    <figure className="chart" aria-label={t('prediction.dcaLabel')}>
      <figcaption>{t('prediction.dcaCaption', { kind: t(`prediction.kind.${kind}`) })}</figcaption>
      <ComposedChart
        width={compact ? 240 : 330}
        height={compact ? 170 : 250}
        data={data}
        margin={{ top: 8, right: 12, bottom: 24, left: 4 }}
      >
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...unitXAxis('t', t('prediction.dcaX'), 6)} />
        <YAxis
          type="number"
          domain={yDomain}
          allowDataOverflow
          tickFormatter={(v: number) => v.toFixed(2)}
          label={{ value: t('prediction.dcaY'), angle: -90, position: 'insideLeft' }}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Line name={t('prediction.model')} {...CURVE} dataKey="model" stroke="#1f4e79" strokeWidth={2} />
        <Line
          name={t('prediction.treatAll')}
          {...CURVE}
          dataKey="all"
          stroke="#6b7785"
          strokeDasharray="8 3"
        />
        <Line
          name={t('prediction.treatNone')}
          {...CURVE}
          dataKey="none"
          stroke="#8a96a3"
          strokeDasharray="2 3"
        />
        <ReferenceLine
          x={probability}
          stroke="#d9480f"
          strokeDasharray="4 3"
          label={{ value: t('prediction.thisPatient'), position: 'insideTopLeft', fontSize: 11 }}
        />
      </ComposedChart>
    </figure>
  );
}

/** Both charts of the headline model, side by side (`compact`: the smaller size of the printed report). */
export default function PredictionCharts(props: ChartProps) {
  return (
    <div className="charts">
      <RocChart {...props} />
      <DcaChart {...props} />
    </div>
  );
}
