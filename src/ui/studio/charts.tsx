/** Report charts (Recharts): ROC curves, decision curves and calibration, with labelled axes. */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { MODEL_KINDS, type ModelDocument, type ModelKind } from '../../model/modelFile';
import type { CalibrationSummary } from '../../model/pipeline';
import { fmt } from './report';
import { useT } from '../../i18n';
import { CURVE, DIAGONAL, GRID_STROKE, unitXAxis, yTitle } from '../charts/common';

export const KIND_COLOUR: Record<ModelKind, string> = {
  clinical: '#c2410c',
  radiomics: '#2f855a',
  combined: '#1f4e79',
};
/** Line dash of each model, so that the curves differ by more than colour (also shown in the legend). */
export const KIND_DASH: Record<ModelKind, string | undefined> = {
  clinical: '10 4',
  radiomics: '3 3',
  combined: undefined,
};

const W = 620;
const H = 340;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 12 };
const LEGEND = {
  layout: 'vertical',
  align: 'right',
  verticalAlign: 'middle',
  width: 200,
  wrapperStyle: { paddingLeft: 12 },
} as const;

type Set = 'cv' | 'validation';

/** ROC curves of the three models on one set; AUCs in the legend. */
export function RocChart({ model, set }: { model: ModelDocument; set: Set }) {
  const t = useT();
  const kinds = MODEL_KINDS.filter((k) => model.models[k]);
  const setLabel = t(`report.set.${set}`);
  return (
    <figure className="chart" aria-label={t('charts.rocLabel', { set: setLabel })}>
      <figcaption>{t('charts.rocCaption', { set: setLabel })}</figcaption>
      <LineChart width={W} height={H} margin={MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...unitXAxis('x', t('charts.rocX'))} />
        <YAxis type="number" domain={[0, 1]} tickCount={6} label={yTitle(t('charts.rocY'))} />
        <ReferenceLine {...DIAGONAL} />
        <Legend {...LEGEND} />
        {kinds.map((k) => {
          const perf = model.models[k]!.metrics[set];
          const data = perf.roc.fpr.map((x, i) => ({ x, y: perf.roc.tpr[i] }));
          return (
            <Line
              key={k}
              name={`${t(`report.kind.${k}`)} (AUC ${fmt(perf.auc)})`}
              data={data}
              dataKey="y"
              {...CURVE}
              stroke={KIND_COLOUR[k]}
              strokeDasharray={KIND_DASH[k]}
              strokeWidth={2}
            />
          );
        })}
      </LineChart>
    </figure>
  );
}

/** Decision curves: net benefit of each model, treat-all and treat-none, over threshold probability. */
export function DcaChart({ model, set }: { model: ModelDocument; set: Set }) {
  const t = useT();
  const setLabel = t(`report.set.${set}`);
  const kinds = MODEL_KINDS.filter((k) => model.models[k]);
  const first = model.models[kinds[0]]!.metrics[set].dca;
  const treatAll = first.thresholds.map((t, i) => ({ x: t, y: first.treatAll[i] }));
  const none = [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
  ];
  const prevalence = first.treatAll[0] ?? 0;
  const top = Math.max(0.1, Math.ceil(prevalence * 10) / 10);
  return (
    <figure className="chart" aria-label={t('charts.dcaLabel', { set: setLabel })}>
      <figcaption>{t('charts.dcaCaption', { set: setLabel })}</figcaption>
      <LineChart width={W} height={H} margin={MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...unitXAxis('x', t('charts.dcaX'))} />
        <YAxis
          type="number"
          domain={[-0.1, top]}
          ticks={Array.from({ length: Math.round(top * 10) + 2 }, (_, i) => (i - 1) / 10)}
          allowDataOverflow
          tickFormatter={(v: number) => v.toFixed(2)}
          label={yTitle(t('charts.dcaY'))}
        />
        <Legend {...LEGEND} />
        {kinds.map((k) => {
          const d = model.models[k]!.metrics[set].dca;
          return (
            <Line
              key={k}
              name={t(`report.kind.${k}`)}
              data={d.thresholds.map((x, i) => ({ x, y: d.netBenefit[i] }))}
              dataKey="y"
              {...CURVE}
              stroke={KIND_COLOUR[k]}
              strokeDasharray={KIND_DASH[k]}
              strokeWidth={2}
            />
          );
        })}
        <Line
          name={t('charts.treatAll')}
          data={treatAll}
          dataKey="y"
          {...CURVE}
          stroke="#6b7785"
          strokeDasharray="10 3 2 3"
        />
        <Line
          name={t('charts.treatNone')}
          data={none}
          dataKey="y"
          {...CURVE}
          stroke="#1b1f24"
          strokeWidth={1}
        />
      </LineChart>
    </figure>
  );
}

/** Calibration: observed pCR fraction against mean predicted probability per bin, with the diagonal. */
export function CalibrationChart({ calibration, set }: { calibration: CalibrationSummary[]; set: Set }) {
  const t = useT();
  const setLabel = t(`report.set.${set}`);
  const rows = calibration.filter((c) => c.set === set);
  return (
    <figure className="chart" aria-label={t('charts.calibrationLabel', { set: setLabel })}>
      <figcaption>{t('charts.calibrationCaption', { set: setLabel })}</figcaption>
      <LineChart width={W} height={H} margin={MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis {...unitXAxis('x', t('charts.calibrationX'))} />
        <YAxis type="number" domain={[0, 1]} tickCount={6} label={yTitle(t('charts.calibrationY'))} />
        <ReferenceLine {...DIAGONAL} />
        <Legend {...LEGEND} />
        {rows.map((c) => (
          <Line
            key={c.kind}
            name={`${t(`report.kind.${c.kind}`)} (Brier ${fmt(c.brier)})`}
            data={c.curve.meanPredicted.map((x, i) => ({ x, y: c.curve.observed[i] }))}
            dataKey="y"
            {...CURVE}
            stroke={KIND_COLOUR[c.kind]}
            strokeDasharray={KIND_DASH[c.kind]}
            strokeWidth={2}
            dot={{ r: 4 }}
          />
        ))}
      </LineChart>
    </figure>
  );
}
