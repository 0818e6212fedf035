/**
 * Every user-visible string of the printable patient report, in one place: read from the i18n
 * resources (`patientReport.*` in src/i18n) in the current language each time a property is read.
 */
import { t } from '../../i18n';

export const REPORT_TEXT = {
  get title() {
    return t('patientReport.title');
  },
  get back() {
    return t('patientReport.back');
  },
  get print() {
    return t('patientReport.print');
  },
  get printHint() {
    return t('patientReport.printHint');
  },
  get examDate() {
    return t('patientReport.examDate');
  },
  get examDateHint() {
    return t('patientReport.examDateHint');
  },
  get notRecorded() {
    return t('patientReport.notRecorded');
  },
  get patientId() {
    return t('patientReport.patientId');
  },
  get noPatientId() {
    return t('patientReport.noPatientId');
  },
  get caseCreated() {
    return t('patientReport.caseCreated');
  },
  get printed() {
    return t('patientReport.printed');
  },
  get imageHeading() {
    return t('patientReport.imageHeading');
  },
  get noImage() {
    return t('patientReport.noImage');
  },
  imageAlt: (scale: string) => t('patientReport.imageAlt', { scale }),
  imageCaption: (file: string, w: number, h: number, scale: string, spacing: string) =>
    t('patientReport.imageCaption', { file, w, h, scale, spacing }),
  get uncalibrated() {
    return t('patientReport.uncalibrated');
  },
  get measuresHeading() {
    return t('patientReport.measuresHeading');
  },
  get area() {
    return t('patientReport.area');
  },
  get perimeter() {
    return t('patientReport.perimeter');
  },
  get maxDiameter() {
    return t('patientReport.maxDiameter');
  },
  get roiPixels() {
    return t('patientReport.roiPixels');
  },
  get noRoi() {
    return t('patientReport.noRoi');
  },
  get featuresHeading() {
    return t('patientReport.featuresHeading');
  },
  get feature() {
    return t('patientReport.feature');
  },
  get value() {
    return t('patientReport.value');
  },
  get noFeatures() {
    return t('patientReport.noFeatures');
  },
  featureUnits: (unit: string) =>
    unit === 'mm' ? t('patientReport.featureUnitsMm') : t('patientReport.featureUnitsPixel'),
  get qpcrHeading() {
    return t('patientReport.qpcrHeading');
  },
  get gene() {
    return t('patientReport.gene');
  },
  get patientCts() {
    return t('patientReport.patientCts');
  },
  get patientMean() {
    return t('patientReport.patientMean');
  },
  get calibratorMean() {
    return t('patientReport.calibratorMean');
  },
  get deltaDeltaCt() {
    return t('patientReport.deltaDeltaCt');
  },
  get relativeExpression() {
    return t('patientReport.relativeExpression');
  },
  get relativeExpressionExponent() {
    return t('patientReport.relativeExpressionExponent');
  },
  get directValue() {
    return t('patientReport.directValue');
  },
  get pfafflValue() {
    return t('patientReport.pfafflValue');
  },
  get qcHeading() {
    return t('patientReport.qcHeading');
  },
  get qcFlag() {
    return t('patientReport.qcFlag');
  },
  get noQcFlags() {
    return t('patientReport.noQcFlags');
  },
  get predictionHeading() {
    return t('patientReport.predictionHeading');
  },
  get probability() {
    return t('patientReport.probability');
  },
  probabilityText: (p: string) => t('patientReport.probabilityText', { p }),
  neighbours: (n: number, k: number) => t('patientReport.neighbours', { n, k }),
  headlineModel: (kind: string) => t('patientReport.headlineModel', { kind }),
  get noModel() {
    return t('patientReport.noModel');
  },
  waiting: (what: string) => t('patientReport.waiting', { what }),
  get noPrediction() {
    return t('patientReport.noPrediction');
  },
  get model() {
    return t('patientReport.model');
  },
  modelVersion: (schema: number, created: string) => t('patientReport.modelVersion', { schema, created }),
  get modelHash() {
    return t('patientReport.modelHash');
  },
  get trainingSize() {
    return t('patientReport.trainingSize');
  },
  trainingText: (n: number, nTrain: number, nVal: number) =>
    t('patientReport.trainingText', { n, nTrain, nVal }),
  get validationAuc() {
    return t('patientReport.validationAuc');
  },
  aucText: (auc: string, lo: string, hi: string, n: number) => t('patientReport.aucText', { auc, lo, hi, n }),
  get chartsHeading() {
    return t('patientReport.chartsHeading');
  },
  get loadingCharts() {
    return t('patientReport.loadingCharts');
  },
  appVersion: (v: string) => t('patientReport.appVersion', { v }),
  caveat: (n: number) => t('patientReport.caveat', { n }),
  get caveatNoModel() {
    return t('patientReport.caveatNoModel');
  },
  get loading() {
    return t('patientReport.loading');
  },
};
