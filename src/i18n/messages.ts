/**
 * Translation of the plain-language messages produced outside the UI (qPCR parsing and QC in
 * src/qpcr, prediction warnings in src/store, case-store errors). Those modules return English text
 * (also used by the CLI and stored with cases); the UI passes each message through
 * {@link translateMessage}, which recognises the known message shapes and renders them from the
 * resources in the current language. A message it does not recognise (an engine or statistics error
 * from src/radiomics, src/imaging or src/model) is shown as it is, in English.
 */
import type { TFunction } from 'i18next';

interface Rule {
  re: RegExp;
  /** Resource key and its parameters from the match (translated recursively where noted). */
  render(m: RegExpMatchArray, t: TFunction, again: (s: string) => string): string;
}

/** "Patient miR-34a" / "Calibrator U6": the sample and gene of a QC message. */
const WHERE = '(Patient|Calibrator) ([\\w-]+)';
const where = (t: TFunction, sample: string, gene: string) =>
  t('msg.where', { sample: t(sample === 'Patient' ? 'msg.patient' : 'msg.calibrator'), gene });

const RULES: Rule[] = [
  // src/qpcr/analysis.ts — QC flags.
  {
    re: new RegExp(
      `^${WHERE}: the replicates disagree \\(SD ([\\d.]+) cycles > 0\\.5\\); consider repeating the wells\\.$`,
    ),
    render: (m, t) => t('msg.qcSd', { where: where(t, m[1], m[2]), sd: m[3] }),
  },
  {
    re: new RegExp(
      `^${WHERE}: (\\d+) of (\\d+) wells undetermined \\(no amplification\\); (the mean uses the other wells|no Ct for this gene)\\.$`,
    ),
    render: (m, t) =>
      t(m[5].startsWith('the mean') ? 'msg.qcUndeterminedOthers' : 'msg.qcUndeterminedNone', {
        where: where(t, m[1], m[2]),
        n: m[3],
        total: m[4],
      }),
  },
  {
    re: new RegExp(`^${WHERE}: Ct above 35 \\(([^)]*)\\) — near the detection limit, less reliable\\.$`),
    render: (m, t) => t('msg.qcLate', { where: where(t, m[1], m[2]), values: m[3] }),
  },
  {
    re: new RegExp(`^${WHERE}: Ct (.*) outside the plausible range 5–45; check for a typing error\\.$`),
    render: (m, t) => t('msg.qcRange', { where: where(t, m[1], m[2]), values: m[3] }),
  },
  {
    re: /^No calibrator values: 2\^−ΔΔCt needs the calibrator \(pooled healthy plasma\) of the same plate\.$/,
    render: (_m, t) => t('msg.qcNoCalibrator'),
  },
  {
    re: /^Spike-in cel-miR-39 differs by ([\d.]+) cycles from the calibrator's \(> 2\): RNA extraction or RT efficiency may differ\.$/,
    render: (m, t) => t('msg.qcSpike', { difference: m[1] }),
  },
  {
    re: /^Amplification factors must lie between 1 and 3 \(2 = 100 % efficiency\); 2 is used until corrected\.$/,
    render: (_m, t) => t('msg.qcEfficiency'),
  },
  // A missing Ct ("Patient miR-34a").
  { re: new RegExp(`^${WHERE}$`), render: (m, t) => where(t, m[1], m[2]) },
  // src/qpcr/parse.ts — typing errors.
  {
    re: /^“(.*)” is not a Ct value\. Type a number such as 27\.4 \(or 27,4\), or “Undetermined”\.$/,
    render: (m, t) => t('msg.ctNotNumber', { text: m[1] }),
  },
  { re: /^A Ct cannot be negative \((.*)\)\.$/, render: (m, t) => t('msg.ctNegative', { text: m[1] }) },
  {
    re: /^A Ct of 0 is not a measurement\. Type “Undetermined” for a well without amplification\.$/,
    render: (_m, t) => t('msg.ctZero'),
  },
  {
    re: /^A Ct of (.*) exceeds (\d+) cycles; check the value \(or type “Undetermined”\)\.$/,
    render: (m, t) => t('msg.ctTooLarge', { text: m[1], max: m[2] }),
  },
  {
    re: /^“(.*)” is not a positive number\. Type the relative expression, e\.g\. 0\.62\.$/,
    render: (m, t) => t('msg.rqNotNumber', { text: m[1] }),
  },
  { re: /^The relative expression must be greater than 0\.$/, render: (_m, t) => t('msg.rqNotPositive') },
  // src/store/prediction.ts — why a model has no estimate, what is awaited, warnings.
  { re: /^needs the image ROI$/, render: (_m, t) => t('msg.needsRoi') },
  { re: /^needs miR-34a$/, render: (_m, t) => t('msg.needsMir') },
  { re: /^an ROI on the image$/, render: (_m, t) => t('msg.waitRoi') },
  { re: /^the miR-34a result$/, render: (_m, t) => t('msg.waitMir') },
  {
    re: /^Spacing mismatch: the model was trained on features in (pixel units|mm), this case's features are in (pixel units|mm)\. Change “Feature units” to match\.$/,
    render: (m, t) =>
      t('msg.spacingMismatch', {
        model: t(m[1] === 'mm' ? 'msg.unitMm' : 'msg.unitPixel'),
        here: t(m[2] === 'mm' ? 'msg.unitMm' : 'msg.unitPixel'),
      }),
  },
  {
    re: /^Settings mismatch: (\w+) is (.*) here but (.*) in the model\.$/,
    render: (m, t) => t('msg.settingsMismatch', { key: m[1], here: m[2], model: m[3] }),
  },
  {
    re: /^(.+) = (\S+) is outside the training range \(z = (\S+); (.+) models?\): the estimate is less reliable\.$/,
    render: (m, t) =>
      t('msg.outOfRange', {
        input: m[1],
        value: m[2],
        z: m[3],
        models: m[4]
          .split(' and ')
          .map((k) => t(`msg.kind.${k as 'clinical' | 'radiomics' | 'combined'}`, { defaultValue: k }))
          .join(t('msg.and')),
      }),
  },
  { re: /^qPCR: (.*)$/, render: (m, t, again) => t('msg.qpcrPrefix', { message: again(m[1]) }) },
  {
    re: /^miR-34a was entered directly as a relative expression value\.$/,
    render: (_m, t) => t('msg.directEntry'),
  },
  // src/ui/studio/cohortSources.ts — cohorts from saved cases.
  {
    re: /^(.+): left out — no features \(draw the ROI\)\.$/,
    render: (m, t) => t('msg.leftOutNoFeatures', { id: m[1] }),
  },
  { re: /^(.+): left out — no miR-34a value\.$/, render: (m, t) => t('msg.leftOutNoMir', { id: m[1] }) },
  {
    re: /^(.+): left out — its features were extracted with other settings than the other cases\.$/,
    render: (m, t) => t('msg.leftOutSettings', { id: m[1] }),
  },
  {
    re: /^only (\d+) saved case\(s\) have an outcome, features and a miR-34a value \((\d+) with an outcome\); the pipeline needs at least 10, with 5 pCR and 5 non-pCR in the training set$/,
    render: (m, t) => t('msg.tooFewCases', { n: m[1], withOutcome: m[2] }),
  },
  { re: /^(\d+) saved cases with an outcome$/, render: (m, t) => t('msg.savedCohort', { n: m[1] }) },
  {
    re: /^column "(.*)", case (.*): "(.*)" is neither "training" nor "validation"$/,
    render: (m, t) => t('msg.badSetValue', { column: m[1], id: m[2], value: m[3] }),
  },
  // src/store/caseStore.ts and src/store/models.ts.
  { re: /^This case no longer exists \(it may have been deleted\)\.$/, render: (_m, t) => t('msg.caseGone') },
  {
    re: /^The stored image could not be decoded: (.*)$/s,
    render: (m, t) => t('msg.storedImage', { message: m[1] }),
  },
  {
    re: /^"(.*)" is a clip of (\d+) frames: choose the frame at the lesion's maximum diameter\.$/,
    render: (m, t) => t('msg.clip', { file: m[1], frames: m[2] }),
  },
  {
    re: /^"(.*)" is a volume of (\d+) slices; open a single 2-D ultrasound image \(PNG, JPEG, BMP, TIFF or DICOM\)\.$/,
    render: (m, t) => t('msg.volume', { file: m[1], slices: m[2] }),
  },
  {
    re: /^The demonstration model could not be loaded: (.*)$/s,
    render: (m, t) => t('models.demoLoadFailed', { message: m[1] }),
  },
];

/**
 * The message in the current language when it is one of the known shapes, else unchanged. In
 * English every message is returned as it is.
 */
export function translateMessage(text: string, t: TFunction, language: string): string {
  if (!language.startsWith('zh')) return text;
  const again = (s: string) => translateMessage(s, t, language);
  for (const rule of RULES) {
    const m = text.match(rule.re);
    if (m) return rule.render(m, t, again);
  }
  return text;
}
