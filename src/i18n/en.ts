/**
 * English UI strings (the default language). Every key must also exist in zh.ts (a type error
 * otherwise, and test/unit/i18n checks keys, empty values and {{placeholders}}). Domain symbols
 * (ΔΔCt, AUC, miR-34a, PyRadiomics feature names) stay as they are in both languages.
 */
export const en = {
  common: {
    none: 'none',
    dash: '–',
    errorPrefix: 'Error',
  },
  app: {
    title: 'SonoMiR',
    purposeBefore:
      "Decision support for breast-cancer teams: before neoadjuvant chemotherapy, estimate a patient's chance of pathological complete response from the pre-treatment ultrasound lesion (107 PyRadiomics features) and plasma miRNA-34a (qRT-PCR, 2",
    purposeAfter:
      '), with K-nearest-neighbour models validated by ROC and decision-curve analysis. Runs entirely in this browser.',
    loading: 'Loading…',
  },
  nav: {
    label: 'Main',
    case: 'Case',
    cases: 'Cases',
    studio: 'Model Studio',
    about: 'About',
  },
  language: {
    label: 'Language',
  },
  about: {
    heading: 'About SonoMiR',
    bodyBefore:
      'SonoMiR implements the method of a published study of 93 women receiving neoadjuvant chemotherapy: PyRadiomics features of the pre-treatment ultrasound lesion and plasma miRNA-34a (2',
    bodyAfter:
      ') feed K-nearest-neighbour models of pathological complete response. All computation happens in this browser; no data leave the machine.',
    selfTestHeading: 'Self-test',
    selfTestButton: 'Run worker self-test',
    selfTestResultLabel: 'Worker self-test result',
    selfTestResult: 'SHA-256 {{sha256}} of {{bytes}} bytes; transferred: {{transferred}}',
    yes: 'yes',
    no: 'no',
  },
  demo: {
    patientLabel: 'Demo patient',
    firstUnseen: 'first unseen (validation) patient',
    setTraining: 'training',
    setValidation: 'validation',
    load: 'Load demo case',
    loading: 'Loading demo case…',
    unavailable: 'Demo cases are not available: {{message}}',
    failed: 'The demo case could not be opened: {{message}}',
    opened:
      'Opened synthetic demo patient {{id}} ({{set}}; recorded outcome: {{outcome}}, Miller–Payne {{grade}}). Features and miR-34a are computed from its image, ROI and Ct values.',
    openedUnseen: 'not seen by the demonstration model',
    openedTraining: 'part of the demonstration model’s training set',
    outcomePcr: 'pCR',
    outcomeNoPcr: 'no pCR',
    workedExampleOption: '{{id}} ({{set}}) — the paper’s worked example (Figure 2)',
    openWorkedExample: 'Open the paper’s worked example (Figure 2)',
    workedExampleOpened:
      'This is the patient chosen to play the paper’s worked example (Figure 2, combined-model probability 6/7 = 85.7 %).',
  },
  models: {
    demoNotice: 'Demonstration model trained on synthetic data — not for clinical use',
    demoName: 'Demonstration model (synthetic cohort)',
  },
  studio: {
    sentenceEnd: '.',
    heading: 'Model Studio',
    intro:
      "Build and validate your own site's model with the study's pipeline: 4:1 stratified split, ICC filter, t-test, correlation filter, LASSO, and clinical / radiomics / combined KNN models evaluated by 5-fold cross-validation and on the validation set.",
    cohort: {
      heading: '1. Cohort',
      loadDemo: 'Load demo cohort',
      demoLabel: 'demo cohort (93 synthetic patients)',
      demoFailed: 'The demo cohort could not be loaded',
      importCsv: 'Import cohort CSV…',
      csvLabel: 'Cohort CSV',
      fileFailed: '“{{name}}” was not loaded',
      failed: '{{what}}: {{message}}',
      useSaved: 'Use saved cases with an outcome',
      savedFailed: 'No cohort from the saved cases',
      hintBefore:
        'Cohort CSV: one row per case with PyRadiomics feature columns (e.g. original_glcm_Correlation), miR34a (2',
      hintAfter:
        ') and pCR (0/1); optional id, second-reader columns reader2_<feature> for the ICC filter, a set column (training/validation) for your own split, and clinical columns for the baseline table.',
      summaryLabel: 'Cohort summary',
      summary: '{{label}}: {{n}} cases ({{nPcr}} pCR, {{nNon}} non-pCR), {{nFeatures}} features',
      summaryReader2: ', second reader for {{n}}',
      summaryClinical: ', clinical: {{names}}',
      notes: '{{count}} note(s) on left-out cases',
    },
    field: {
      wholeNumber: 'a whole number from {{min}} to {{max}}',
    },
    train: {
      weights: 'Neighbour weights',
      weightsUniform: 'Uniform (the study: share of pCR among the k)',
      weightsDistance: 'Distance (1 / distance)',
      heading: '2. Training settings',
      seed: 'Seed',
      split: 'Split',
      splitRandom: 'Stratified random (seeded)',
      splitColumn: "The cohort's set column",
      splitColumnNone: ' (none in this cohort)',
      validationShare: 'Validation share (%)',
      k: 'k (neighbours)',
      kFixed: 'Fixed',
      kAuto: 'Automatic (best 5-fold CV AUC, odd k)',
      fixedK: 'Fixed k',
      kMax: 'Largest k tried',
      icc: 'Apply the inter-reader ICC filter (> 0.75)',
      iccNeedsReader2: ' — needs second-reader columns',
      nBoot: 'Bootstrap resamples',
      train: 'Train models',
      cancel: 'Cancel training',
      chooseCohort: 'Choose a cohort first.',
      progressLabel: 'Training progress',
      stageLabel: 'Training stage',
      stage: '{{percent}} % — {{stage}}',
      splitDefault: 'stratified 4:1 (validation 20 %), seed {{seed}}',
      splitFromColumn: 'split from the cohort’s set column',
      splitCustom: 'stratified, validation {{percent}} %, seed {{seed}}',
      splitFailed: 'The split could not be read: {{message}}',
      cancelled: 'Training was cancelled; nothing was changed.',
      failed: 'Training failed: {{message}}',
    },
    save: {
      heading: '3. Save the model',
      trainedOn: 'Trained on {{label}}.',
      name: 'Model name',
      defaultName: 'Site model',
      save: 'Save to registry',
      saveActivate: 'Save and activate',
      saved: 'Saved as {{name}} v{{version}}.',
      savedActivated: 'Saved as {{name}} v{{version}} and made the active model.',
      failed: 'The model was not saved: {{message}}',
    },
  },
  registry: {
    heading: 'Model registry',
    import: 'Import model file…',
    importLabel: 'Import model file',
    importedName: 'Imported model',
    activeLabel: 'Active model',
    active: 'Active model: ',
    readFailed: 'The model registry could not be read: {{message}}',
    imported: 'Imported “{{file}}” as {{name}} v{{version}} (schema and SHA-256 verified).',
    refused: 'The model file “{{file}}” was refused: {{message}}',
    tableLabel: 'Stored models',
    colName: 'Name',
    colVersion: 'Version',
    colSaved: 'Saved',
    colCohort: 'Cohort size',
    colAuc: 'Validation AUC (clinical / radiomics / combined)',
    colHash: 'SHA-256',
    colActions: 'Actions',
    builtIn: 'built in',
    synthetic: '{{n}} (synthetic)',
    activateDemo: 'Activate demonstration model',
    demoActive: 'The demonstration model is active again.',
    activeMark: ' (active)',
    activate: 'Activate',
    activateLabel: 'Activate {{label}}',
    activated: '{{label}} is now the active model.',
    export: 'Export',
    exportLabel: 'Export {{label}}',
    delete: 'Delete',
    deleteLabel: 'Delete {{label}}',
    deleteBlocked: 'Activate another model before deleting this one',
    deleted: '{{label}} was deleted.',
  },
  report: {
    heading: 'Report',
    print: 'Print report',
    downloadHtml: 'Download printable report (HTML)',
    downloadTable3: 'Download Table 3 (CSV)',
    downloadBaseline: 'Download baseline table (CSV)',
    downloadFeatures: 'Download features (CSV)',
    downloadDelong: 'Download DeLong tests (CSV)',
    summaryLabel: 'Training summary',
    summary:
      'Cohort: {{label}}. {{n}} cases — training {{nTrain}}, validation {{nValidation}} ({{split}}). Trained in {{seconds}} s in a Web Worker. Model hash {{hash}}…',
    printableTitle: 'SonoMiR model report — {{label}}',
    printableHeading: 'SonoMiR model report',
    printableGenerated: 'Generated {{date}}',
    baselineHeading: 'Table 1/2 — baseline characteristics by outcome',
    baselineLabel: 'Baseline table',
    colSet: 'Set',
    colVariable: 'Variable',
    colPcr: 'pCR',
    colNonPcr: 'Non-pCR',
    colTest: 'Test',
    colStatistic: 'Statistic',
    colP: 'P',
    setTraining: 'Training',
    setValidation: 'Validation',
    publishedMir34a:
      'Published values (study, Table 2, miR-34a): training pCR {{tp}} ± {{tpSd}} vs non-pCR {{tn}} ± {{tnSd}}; validation {{vp}} ± {{vpSd}} vs {{vn}} ± {{vnSd}}.',
    featuresHeading: 'Feature selection',
    featureSummary:
      '{{candidates}} candidate features{{icc}}; {{passed}} passed the t-test (P < 0.05); {{kept}} remained after the correlation filter (|r| > 0.9); LASSO (α = {{alpha}}) selected {{selected}}.',
    afterIcc: ' after the ICC filter (> {{threshold}})',
    noIcc: ' (no ICC filter)',
    selectedLabel: 'Selected features',
    colFeature: 'Selected feature',
    colCoefficient: 'LASSO coefficient',
    colTtestP: 't-test P (training)',
    zScored: ' (features z-scored with the training mean and SD)',
    publishedStudy: 'Published values (study): ',
    table3Heading: 'Table 3 — performance of the three KNN models (threshold 0.5)',
    table3Label: 'Table 3',
    colModel: 'Model',
    colValues: 'Values',
    colAuc: 'AUC (95 % CI)',
    colSensitivity: 'Sensitivity',
    colSpecificity: 'Specificity',
    colAccuracy: 'Accuracy',
    colPrecision: 'Precision',
    colF1: 'F1',
    modelK: '{{model}} (k = {{k}})',
    thisCohort: 'this cohort (n = {{n}})',
    publishedValue: 'published value',
    table3Hint:
      "AUC 95 % CI by DeLong. Published values are the study's (n = 93), shown for orientation only; the paper's Table 3 row labels appear swapped and are placed here under the set they fit.",
    rocHeading: 'ROC curves',
    delongHeading: 'Paired DeLong tests',
    delongLabel: 'DeLong tests',
    colComparison: 'Comparison',
    colDifference: 'AUC difference (95 % CI)',
    colPublishedP: 'Published P',
    versus: '{{a}} vs {{b}}',
    ciTo: '{{value}} ({{low}} to {{high}})',
    correlationHeading: 'Ultrasound texture and miR-34a',
    correlationLabel: 'Correlation with miR-34a',
    colCorrelatedFeature: 'Feature',
    colN: 'n',
    colR: 'Pearson r',
    colPublishedR: 'Published r',
    correlationHint:
      'Pearson correlation over every case of the cohort (both sets), two-sided P; the published values are the study’s (n = 93).',
    correlationNone: 'Not computed: the cohort has no {{feature}} column, or it or miR-34a is constant.',
    dcaHeading: 'Decision curves',
    calibrationHeading: 'Calibration',
    calibrationLabel: 'Calibration summary',
    colBrier: 'Brier score',
    colCitl: 'Calibration-in-the-large',
    modelsHint: 'Models: {{models}}; uniform-weight KNN on z-scored inputs.',
    kind: {
      clinical: 'Clinical (miR-34a)',
      radiomics: 'Ultrasound radiomics',
      combined: 'Combined',
    },
    set: {
      cv: 'Training (5-fold CV)',
      validation: 'Validation',
    },
  },
  status: {
    'missing-image': 'Missing image',
    'missing-roi': 'Missing ROI',
    'missing-qpcr': 'Missing qPCR',
    ready: 'Ready to predict',
    predicted: 'Predicted',
    outcome: 'Outcome recorded',
  },
  cases: {
    heading: 'Cases',
    newCase: 'New case',
    search: 'Search patient ID',
    searchPlaceholder: 'e.g. BR-00',
    createdOn: 'Created on',
    status: 'Status',
    anyStatus: 'any',
    readFailed: 'The case list could not be read: {{message}}',
    unnamed: 'unnamed',
    deleted: 'Case “{{id}}” deleted.',
    undoDelete: 'Undo delete',
    confirmDelete: 'Delete the case “{{id}}” with its image, ROI, qPCR values and prediction?',
    deleteCase: 'Delete case',
    keepCase: 'Keep case',
    tableLabel: 'Cases',
    colPatient: 'Patient ID',
    colCreated: 'Created',
    colUpdated: 'Updated',
    colStatus: 'Status',
    colProbability: 'pCR probability',
    colOutcome: 'Outcome',
    colActions: 'Actions',
    demoTag: '(demonstration model — not for clinical use)',
    outcome: 'MP {{grade}} ({{outcome}})',
    open: 'Open',
    openLabel: 'Open case {{id}}',
    duplicate: 'Duplicate',
    duplicateLabel: 'Duplicate case {{id}}',
    delete: 'Delete',
    deleteLabel: 'Delete case {{id}}',
    noMatch: 'No case matches. Cases are saved automatically on the Case screen.',
  },
  case: {
    heading: 'Case',
    patientId: 'Patient ID (pseudonym)',
    patientIdPlaceholder: 'e.g. BR-0042',
    saveStatusLabel: 'Save status',
    opening: 'Opening…',
    save: {
      idle: 'Not saved yet — starts when you enter data',
      pending: 'Saving…',
      saving: 'Saving…',
      saved: 'All changes saved',
      error: 'Not saved',
    },
    newCase: 'New case',
    newCaseTip: 'Start an empty case (the current one stays in the case list)',
    printReport: 'Print report',
    printReportTip: 'Open the one-page printable report of this case (print it or save it as PDF)',
    panelImage: 'Lesion image',
    panelFeatures: 'Radiomics features',
    panelPrediction: 'Prediction',
    panelQpcr: 'Plasma miR-34a (qRT-PCR)',
    panelOutcome: 'Surgical outcome',
    panelStopped:
      'This part of the screen stopped because of an unexpected error: {{message}}. Your entries are saved; the other panels keep working.',
    tryAgain: 'Try again',
  },
  outcome: {
    heading: 'Surgical outcome',
    grade: 'Miller–Payne grade',
    notKnown: 'not yet known',
    gradeN: 'Grade {{grade}}',
    pcr: 'pCR (grade 4–5)',
    noPcr: 'No pCR (grade 1–3)',
    recorded: ' — recorded {{date}}',
  },
  features: {
    heading: 'Radiomics features',
    runLabel: 'Feature extraction',
    computing: 'Computing…',
    count: '{{n}} features',
    failed: 'Features could not be computed for this ROI: {{message}}',
    retry: 'Compute features again',
    workerCrashed:
      'The feature-extraction worker stopped twice while computing this ROI ({{cause}}). It has been restarted; your ROI and entries are kept. Press “Compute features again”; if it keeps stopping, close other tabs or use a smaller image or ROI.',
    workerRestarted:
      'The feature-extraction worker stopped unexpectedly ({{cause}}) and was restarted; the features shown were computed again by the new worker.',
    drawRoi: 'Draw the lesion ROI: the 107 PyRadiomics features are computed automatically.',
    modelLabel: 'Model features',
    settings:
      'Settings: bin width {{binWidth}}, normalise {{normalize}} (scale {{scale}}), voxel array shift {{shift}}, shape class 3-D “shape”; spacing {{spacing}}.',
    spacingPixel: '1 × 1 pixel',
    units: 'Feature units',
    unitPixel: 'pixels (as the study)',
    unitMm: 'mm (calibrated spacing)',
    copyCsv: 'Copy CSV',
    exportCsv: 'Export CSV',
    copied: 'Copied the 107 features as CSV.',
    copyRefused: 'The browser refused clipboard access; use “Export CSV” instead.',
    all: 'All {{n}} features',
    search: 'Search features',
    searchPlaceholder: 'e.g. glcm',
    allLabel: 'All features',
    colFeature: 'Feature (PyRadiomics name)',
    colValue: 'Value',
    noMatch: 'No feature name contains “{{query}}”.',
    classShape: 'Shape',
    classFirstorder: 'First order',
  },
  image: {
    heading: 'Lesion image',
    loadingViewer: 'Loading the image viewer…',
    openTip: 'Open PNG, JPEG, BMP, TIFF or DICOM (or drop the file here)',
    open: 'Open image…',
    inputLabel: 'Ultrasound image',
    frame: 'Frame (1–{{n}})',
    openFrameTip: 'Opens the chosen frame; the ROI of the current frame is cleared',
    openFrame: 'Open frame',
    badFrame: '“{{text}}” is not a frame of this file: type a whole number from 1 to {{n}}.',
    showingFrame: 'showing frame {{k}} of {{n}}',
    dropStrong: 'Open the pre-treatment ultrasound image',
    dropRest: " at the lesion's maximum-diameter plane, or drop the file here.",
    dropHint:
      'PNG, JPEG, BMP, TIFF or DICOM (DICOM files without an extension can be dropped here). The image stays on this computer.',
    toolsLabel: 'ROI tools',
    toolTip: '{{tip}} ({{key}})',
    tool: {
      polygon: 'Polygon',
      freehand: 'Freehand',
      brush: 'Brush',
      eraser: 'Eraser',
      lesionBox: 'Lesion box',
      lesionAdd: 'Add to lesion',
      lesionRemove: 'Remove from lesion',
      edit: 'Edit vertices',
      move: 'Move',
      pan: 'Pan',
    },
    tip: {
      polygon:
        'Click points, or focus the image and use the arrow keys and Space; close on the first point or press Enter',
      freehand: 'Drag around the lesion',
      brush: 'Paint to add to the ROI',
      eraser: 'Paint to remove from the ROI',
      lesionBox: 'Drag a box around the lesion (or Space at two corners): a proposed outline appears',
      lesionAdd: 'Paint over lesion the proposal missed; the outline is recomputed',
      lesionRemove: 'Paint over tissue the proposal wrongly included; the outline is recomputed',
      edit: 'Drag a vertex, click an edge to insert one, double-click a vertex (or point at it and press Delete) to delete it',
      move: 'Drag to move the whole ROI (whole pixels)',
      pan: 'Drag to pan the image (wheel zooms)',
    },
    segment: {
      accept: 'Accept segmentation',
      acceptTip: 'Add the proposed outline to the ROI (Enter); Escape discards it',
      discard: 'Discard',
      computing: 'Computing the proposed outline…',
      ready: 'Proposed outline: refine it with “Add to lesion” or “Remove from lesion”, then accept.',
      empty: 'No lesion was found in the box: draw it again or mark the lesion with “Add to lesion”.',
    },
    undo: 'Undo',
    undoTip: 'Undo the last ROI edit (Ctrl+Z)',
    redo: 'Redo',
    redoTip: 'Redo (Ctrl+Shift+Z or Ctrl+Y)',
    clear: 'Clear ROI',
    clearTip: 'Remove the whole ROI (can be undone)',
    brushSize: 'Brush size (px)',
    measuresLabel: 'ROI measurements',
    area: 'Area',
    perimeter: 'Perimeter',
    maxDiameter: 'Max. diameter',
    roiPixels: 'ROI pixels',
    readers: 'Readers',
    readersLabel: 'Reader whose ROI is edited',
    reader1: 'Reader 1',
    reader2: 'Reader 2 (optional)',
    diceLabel: 'Dice coefficient',
    dice: 'Dice between readers {{dice}}',
    diceLow: ' — below the study’s 0.85 agreement rule: review the ROI together.',
    diceOk: ' (≥ 0.85)',
    diceHint: "The features use reader 1's ROI. Draw reader 2 to see the Dice coefficient.",
    maskFile: 'Mask file',
    exportMaskTip: 'PNG, 0 = background, 255 = ROI',
    exportMask: 'Export ROI mask (PNG)',
    importMaskTip: 'PNG 0/1 or 0/255, NIfTI or NRRD single slice',
    importMask: 'Import mask…',
    importMaskLabel: 'Import ROI mask',
    maskImported: 'Mask "{{file}}" imported.',
    spacing: 'Pixel spacing',
    spacingMm: '{{col}} × {{row}} mm per pixel',
    notCalibrated: 'Not calibrated: measurements in pixels (px)',
    calibrateTip: 'Draw a line over the scale bar, then type its length (C)',
    calibrate: 'Calibrate on scale bar',
    usePixels: 'Use pixel units',
    scaleLength: 'Scale-bar length (mm)',
    applyCalibration: 'Apply calibration',
    cancel: 'Cancel',
    line: 'line {{length}} px',
    badLength: "“{{text}}” is not a length. Type the scale bar's length in millimetres, e.g. 10.",
    display: 'Display (window / level — does not change the analysed pixels)',
    windowWidth: 'Window width',
    windowLevel: 'Window level',
    resetWindow: 'Reset window/level',
    info: 'Image information',
    infoFile: 'File',
    infoFormat: 'Format',
    infoSize: 'Size',
    infoColour: 'Colour',
    colour: '{{photometric}}, {{channels}} channel(s), {{bits}} bit',
    colourGrey: ' (converted to grey for the features)',
    infoFrames: 'Frames',
    infoSpacing: 'File spacing',
    noSpacing: 'none (px)',
  },
  canvas: {
    keyboardHelp:
      'Keyboard: focus the image (Tab), move the cursor with the arrow keys (Shift: 10 pixels), press Space to add a polygon point, Enter to close the polygon, Backspace to remove the last point, Escape to cancel. With the scale-bar calibration tool, Space marks each end of the scale bar.',
    keyboardCursorLabel: 'Keyboard cursor',
    keyboardCursor: 'cursor x {{x}}, y {{y}}',
    onePoint: ' · 1 point',
    points: ' · {{n}} points',
    viewLabel: 'View',
    fitTip: 'Zoom to fit (0)',
    fit: 'Zoom to fit',
    zoomInTip: 'Zoom in (+)',
    zoomIn: 'Zoom in',
    zoomOutTip: 'Zoom out (−)',
    zoomOut: 'Zoom out',
    cursor: 'x {{x}}, y {{y}}',
    stageLabel: 'Image and ROI',
  },
  qpcr: {
    heading: 'Plasma miR-34a (qRT-PCR)',
    hint: 'Triplicate Ct values; type “Undetermined” for a well without amplification. Reference Ct = mean of U6 and miR-16; calibrator = pooled healthy plasma of the same plate.',
    patientSample: 'Patient sample',
    calibrator: 'Calibrator',
    calibratorRun: ' — run “{{name}}”',
    patientTable: 'Patient Ct values',
    calibratorTable: 'Calibrator Ct values',
    colGene: 'Gene',
    colCt: 'Ct {{n}}',
    colMean: 'Mean',
    colSd: 'SD',
    noteTarget: 'target',
    noteReference: 'reference',
    noteSpike: 'spike-in',
    ctLabel: '{{gene}} Ct (replicate {{n}})',
    ctLabelCalibrator: 'Calibrator {{gene}} Ct (replicate {{n}})',
    ctPlaceholder: 'Ct',
    ctTip: 'A number (27.4 or 27,4) or “Undetermined”',
    emptyWell: 'empty — type the Ct or “Undetermined” (the mean uses the other wells).',
    wellMessage: 'Ct {{n}}: {{message}}',
    savedRun: 'Saved calibrator run',
    useRun: 'Use run',
    runName: 'Calibrator run name',
    runNamePlaceholder: 'e.g. Plate 2026-11-A',
    saveRun: 'Save calibrator run',
    runSaved: 'Calibrator run “{{name}}” saved; choose it for the other patients of this plate.',
    runsUnreadable:
      'The saved calibrator runs could not be read ({{message}}); type the calibrator Cts instead.',
    runFilled: 'Calibrator values of run “{{name}}” filled in.',
    pfaffl: 'Efficiency-corrected (Pfaffl)',
    targetFactor: 'Target amplification factor',
    referenceFactor: 'Reference amplification factor',
    referenceCt: 'Reference Ct (patient / calibrator)',
    deltaCt: 'ΔCt (patient / calibrator)',
    pfafflUsed: ' (Pfaffl ratio used)',
    rqLabel: 'Relative expression 2^−ΔΔCt',
    stillNeeded: 'Still needed for 2',
    stillNeededList: ': {{list}}.',
    direct: 'miR-34a relative expression',
    directComputed: 'computed above',
    directLab: 'as reported by the lab',
    directTip: 'Only when the laboratory reports the value; overrides the computed 2^−ΔΔCt',
    directUsed: 'Entered directly — used instead of the Ct values.',
    listSeparator: ', ',
    qcFlag: 'QC flag:',
    flagsLabel: 'qPCR quality flags',
  },
  prediction: {
    heading: 'Prediction',
    loadTip: "A SonoMiR model file (.json); it is added to the Model Studio's registry and made active",
    load: 'Load model file…',
    fileLabel: 'Model file',
    fileFailed: 'The model file “{{file}}” was not loaded: {{message}}',
    probabilityLabel: 'pCR probability',
    loadingModel: 'Loading the active model…',
    noModel: 'No active model. Choose one in the Model Studio or load a model file.',
    chance: 'chance of pathological complete response',
    neighbours: '{{n}} of the {{k}} most similar patients reached pCR',
    waiting: 'Waiting for {{items}}.',
    none: 'No prediction.',
    modelLine: ' · schema v{{schema}} · app {{app}} · created {{date}} · SHA-256 {{hash}}',
    modelAuc: ' · validation AUC {{auc}} (95 % CI {{low}}–{{high}}, n = {{n}})',
    caveat:
      "A K-nearest-neighbour estimate from {{n}} previous patients of one study cohort: it supports, and does not replace, the multidisciplinary team's decision.",
    tableLabel: 'Models side by side',
    colModel: 'Model',
    colInputs: 'Inputs',
    colProbability: 'pCR probability',
    colAuc: 'Validation AUC (95 % CI)',
    inputs: '{{n}} inputs',
    notBuilt: 'not built: {{why}}',
    warningsLabel: 'Prediction warnings',
    loadingCharts: 'Loading the charts…',
    last: 'Last prediction: {{p}} with model “{{name}}” ({{hash}}). Load that model to see the details.',
    kind: {
      clinical: 'Clinical',
      radiomics: 'Radiomics',
      combined: 'Combined',
    },
    rocLabel: 'ROC curve with operating point',
    rocCaption: 'ROC curve ({{kind}} model, validation set, AUC {{auc}})',
    rocX: '1 − specificity',
    rocY: 'Sensitivity',
    operatingPoint:
      'Dot: operating point at the 50 % threshold (sensitivity {{sensitivity}}, specificity {{specificity}}). This patient ({{p}}) is {{side}} it — classified as {{class}}.',
    patientPoint:
      'Filled dot: this patient ({{p}}). Calling every validation patient with a probability of at least {{p}} a responder gives sensitivity {{sensitivity}} and specificity {{specificity}}.',
    halfPoint: 'Ring: the model’s 50 % threshold (sensitivity {{sensitivity}}, specificity {{specificity}}).',
    above: 'above',
    atOrBelow: 'at or below',
    likely: 'likely pCR',
    unlikely: 'unlikely pCR',
    dcaLabel: 'Decision curve',
    dcaCaption: 'Decision curve ({{kind}} model, validation set)',
    dcaX: 'Threshold probability',
    dcaY: 'Net benefit',
    model: 'Model',
    treatAll: 'Treat all',
    treatNone: 'Treat none',
    thisPatient: 'this patient',
  },
  settings: {
    link: 'Backup & security',
    heading: 'Backup and security',
    conflictLabel: 'Save conflict',
    conflictStrong: 'This case was changed in another tab or window',
    conflictSaved: ' (saved {{date}}, patient ID “{{id}}”). Your changes in this tab have ',
    conflictNot: 'not',
    conflictRest: ' been saved over it. Choose which version to keep:',
    reloadTheirs: 'Reload their version',
    keepMine: 'Keep mine as a copy',
    conflictHint:
      '“Reload their version” discards the unsaved changes made in this tab; “Keep mine as a copy” saves them as a new case and leaves the other version as it is.',
    fullLabel: 'Storage full',
    fullStrong: 'Storage full.',
    exportNow: 'Export backup now',
    goToCases: 'Go to the case list to delete cases',
    creatingBackup: 'Creating the backup…',
    backupDownloaded: 'Backup downloaded (with the unsaved changes of this case): {{summary}}.',
    backupFailed: 'The backup could not be created: {{message}}',
  },
  patientReport: {
    title: 'SonoMiR patient report',
    back: 'Back to the case',
    print: 'Print or save as PDF',
    printHint: 'Prints on one A4 page; choose “Save as PDF” as the printer to keep a PDF.',
    examDate: 'Exam date',
    examDateHint: 'Taken from the DICOM study date when present; otherwise type it before printing.',
    notRecorded: 'not recorded',
    patientId: 'Pseudonymous ID',
    noPatientId: '(no pseudonym entered)',
    caseCreated: 'Case created',
    printed: 'Printed',
    imageHeading: 'Ultrasound image and ROI',
    noImage: 'No image has been opened for this case.',
    imageAlt: 'Ultrasound lesion image with the reader-1 ROI outlined in green; scale bar {{scale}}',
    imageCaption:
      '{{file}}, {{w}} × {{h}} px; ROI outline in green; scale bar {{scale}}; spacing {{spacing}}.',
    uncalibrated: 'uncalibrated (pixel units)',
    measuresHeading: 'ROI measurements',
    area: 'Area',
    perimeter: 'Perimeter',
    maxDiameter: 'Maximum diameter',
    roiPixels: 'ROI pixels',
    noRoi: 'No ROI has been drawn.',
    featuresHeading: 'Model features (PyRadiomics)',
    feature: 'Feature',
    value: 'Value',
    noFeatures: 'Features have not been computed (draw the ROI on the Case screen).',
    featureUnitsMm: 'Computed in mm (calibrated spacing).',
    featureUnitsPixel: 'Computed in pixel units.',
    qpcrHeading: 'Plasma miR-34a (qRT-PCR)',
    gene: 'Gene',
    patientCts: 'Patient Ct (1 / 2 / 3)',
    patientMean: 'Patient mean ± SD',
    calibratorMean: 'Calibrator mean ± SD',
    deltaDeltaCt: 'ΔΔCt',
    relativeExpression: 'Relative expression 2',
    relativeExpressionExponent: '−ΔΔCt',
    directValue: 'entered directly as reported by the laboratory',
    pfafflValue: 'Pfaffl efficiency-corrected ratio',
    qcHeading: 'QC flags',
    qcFlag: 'QC flag',
    noQcFlags: 'No QC flag raised.',
    predictionHeading: 'pCR prediction',
    probability: 'pCR probability',
    probabilityText: '{{p}} chance of pathological complete response',
    neighbours: '{{n}} of the {{k}} most similar patients reached pCR',
    headlineModel: '{{kind}} model',
    noModel: 'No active model: choose one in the Model Studio or load a model file.',
    waiting: 'No prediction yet: waiting for {{what}}.',
    noPrediction: 'No prediction.',
    model: 'Model',
    modelVersion: 'model file schema v{{schema}}, created {{created}}',
    modelHash: 'SHA-256',
    trainingSize: 'Training size',
    trainingText: '{{n}} patients ({{nTrain}} training, {{nVal}} validation)',
    validationAuc: 'Validation AUC',
    aucText: '{{auc}} (95 % CI {{lo}}–{{hi}}, n = {{n}})',
    chartsHeading: 'ROC and decision curve with this patient’s operating point',
    loadingCharts: 'Loading the charts…',
    appVersion: 'SonoMiR {{v}}',
    caveat:
      'A K-nearest-neighbour estimate from {{n}} previous patients of one study cohort: it supports, and does not replace, the multidisciplinary team’s decision. Not a diagnosis; interpret with the clinical, imaging and pathology findings.',
    caveatNoModel:
      'Decision support only: it supports, and does not replace, the multidisciplinary team’s decision.',
    loading: 'Opening the case…',
  },
  backup: {
    heading: 'Backup and restore',
    hint: 'One file (.zip) with every case, image, calibrator run, model and setting of this browser. Keep it as safely as the patient records themselves; it never leaves this computer unless you move it.',
    storageLabel: 'Storage use',
    readingStorage: 'Reading storage use…',
    storageUsed: 'Storage used by SonoMiR in this browser: {{use}}.',
    storageUnknown: 'This browser does not report its storage use.',
    lastBackup: ' Last backup: {{date}}.',
    noBackup: ' No backup made yet.',
    export: 'Export backup',
    restoreFrom: 'Restore from a backup file',
    creating: 'Creating the backup…',
    downloaded: 'Backup downloaded: {{summary}}.',
    checking: 'Checking “{{file}}”…',
    cannotRestore: '“{{file}}” cannot be restored: {{message}}',
    restored: 'Backup restored: {{summary}}.',
    nothingChanged: '{{message}} Nothing in this browser was changed.',
    confirmLabel: 'Confirm restore',
    holds: '“{{file}}” (made {{date}}) holds {{cases}} and {{models}}.',
    replaces:
      ' Restoring replaces everything in this browser: its {{cases}} and {{models}} are removed. Export a backup first if you may need them.',
    empty: ' This browser holds no cases or models yet.',
    caseOne: '1 case',
    cases: '{{n}} cases',
    modelOne: '1 model',
    models: '{{n}} models',
    restore: 'Restore backup',
    cancel: 'Cancel restore',
  },
  security: {
    heading: 'Security',
    hint: 'The passphrase lock encrypts patient identifiers, images and all case data stored in this browser (AES-GCM 256, key derived from the passphrase with PBKDF2-SHA-256, {{iterations}} iterations). The passphrase is never stored: if it is forgotten the data cannot be recovered, so keep a backup in a safe place.',
    statusLabel: 'Lock status',
    on: 'Passphrase lock is on (locks after {{minutes}} minutes without input).',
    off: 'Passphrase lock is off: data are stored unencrypted in this browser profile.',
    reading: 'Reading the lock settings…',
    newPassphrase: 'New passphrase',
    repeat: 'Repeat passphrase',
    autoLock: 'Lock after inactivity (minutes)',
    turnOn: 'Turn on passphrase lock',
    lockNow: 'Lock now',
    current: 'Current passphrase',
    turnOff: 'Turn off passphrase lock',
    tooShort: 'Choose a passphrase of at least {{n}} characters.',
    differ: 'The two passphrases differ; type the same passphrase twice.',
    badMinutes: 'Auto-lock: enter a whole number of minutes from 1 to 240.',
    encrypting: 'Encrypting the cases and images…',
    turnedOn:
      'Passphrase lock is on: patient data are encrypted; SonoMiR locks after {{minutes}} minutes without input.',
    decrypting: 'Decrypting the cases and images…',
    turnedOff: 'Passphrase lock is off: data are stored unencrypted.',
    lockedHeading: 'SonoMiR is locked',
    lockedText: 'Patient data in this browser are encrypted. Enter the passphrase to open them.',
    passphrase: 'Passphrase',
    checking: 'Checking…',
    unlock: 'Unlock',
    opening: 'Opening…',
  },
  pacs: {
    settingsHeading: 'PACS (DICOMweb)',
    settingsIntro:
      'SonoMiR opens ultrasound images from the hospital PACS and stores each analysis back as a DICOM report, through the standard web API (DICOMweb). Nothing is contacted until a PACS is configured here.',
    enabled: 'Use a PACS',
    rootUrl: 'DICOMweb root URL',
    rootUrlHint:
      'Default “/dicom-web”: the hospital’s reverse proxy on this app’s own address (the app’s security policy allows only its own origin). Ask IT for the address of the DICOMweb service.',
    authLegend: 'Authentication',
    authNone: 'None',
    authBasic: 'User name and password (Basic)',
    authBearer: 'Access token (Bearer)',
    user: 'User name',
    password: 'Password',
    token: 'Access token',
    secretsHint:
      'The password or token is kept in this page’s memory only, never stored: after reloading the page you are asked again.',
    operator: 'Operator name (written into each stored report)',
    save: 'Save PACS settings',
    saved: 'PACS settings saved.',
    test: 'Test connection',
    testing: 'Contacting the PACS…',
    testOk: 'Connected: {{url}} answered a study search in {{ms}} ms.',
    testFailed: 'Connection failed: {{message}}',
    testResultLabel: 'Connection test result',
    notConfigured: 'No PACS is configured: nothing is contacted.',
    credTitle: 'PACS sign-in needed',
    credAskPassword: 'Enter the PACS password for “{{user}}” again to continue.',
    credAskToken: 'Enter a valid access token to continue.',
    credAskNone:
      'This PACS requires authentication. Choose “User name and password” or “Access token” in Settings → PACS.',
    credSubmit: 'Sign in and retry',
    credCancel: 'Cancel',
    credSettings: 'Open PACS settings',
    barLabel: 'PACS',
    open: 'Open from PACS',
    openTip: 'Search the PACS for the patient’s ultrasound study and open an image from it',
    store: 'Store in PACS',
    storeTip:
      'Store this analysis (ROI, features, miR-34a, probabilities) in the PACS as a DICOM structured report referencing the image',
    storing: 'Storing…',
    statusLabel: 'PACS status',
    statusNone: 'Not stored in the PACS',
    statusStored: 'Stored in PACS ({{time}})',
    statusWaiting: 'Waiting to be sent ({{n}})',
    statusRejected: 'Rejected by the PACS',
    lastError: 'Last attempt: {{message}}',
    sendNow: 'Send now',
    retry: 'Try again',
    discard: 'Remove from the outbox',
    discardConfirm: 'Remove this analysis from the outbox? It has not been stored in the PACS.',
    dialogTitle: 'Open from PACS',
    close: 'Close',
    searchLegend: 'Search studies',
    patientId: 'Patient ID',
    accession: 'Accession number',
    dateFrom: 'Study date from',
    dateTo: 'Study date to',
    usOnly: 'Ultrasound (US) studies only',
    search: 'Search',
    searching: 'Searching…',
    searchHelp:
      'Search by Patient ID, accession number or study date. Patient names cannot be searched: some PACS servers (e.g. Orthanc 1.10) do not decode encoded characters in a query, so a name — above all a Chinese name — would silently find nothing. Search by Patient ID and check the name in the list.',
    studiesLabel: 'Studies found',
    studiesCount: 'Studies found: {{n}}',
    noStudies: 'No study matches this search.',
    colPatient: 'Patient',
    colPatientId: 'Patient ID',
    colDate: 'Study date',
    colAccession: 'Accession',
    colDescription: 'Description',
    colModalities: 'Modalities',
    colImages: 'Images',
    showStudy: 'Show study {{accession}} of {{date}}',
    studyHeading: 'Study of {{date}} — {{patient}} ({{id}})',
    loadingStudy: 'Reading the study…',
    seriesHeading: 'Series {{n}}: {{description}}',
    noImages: 'This study has no ultrasound images.',
    thumbnailAlt: 'Preview of image {{n}}',
    noPreview: 'no preview',
    imageFacts: '{{cols}} × {{rows}} px, {{frames}} frames',
    openImage: 'Open image {{n}}',
    openingImage: 'Retrieving the image from the PACS…',
    priorHeading: 'SonoMiR analyses of this study in the PACS',
    priorNone: 'No SonoMiR analysis of this study is in the PACS yet.',
    priorItem: '{{date}} — {{operator}}: {{kind}} probability {{p}} ({{model}})',
    priorUnknownOperator: 'operator not recorded',
    openPrior: 'Open the analysis of {{date}}',
    priorOpened:
      'Opened the analysis of {{date}} from the PACS ({{operator}}); stored {{kind}} probability: {{p}}.',
  },
  charts: {
    rocLabel: 'ROC curves, {{set}}',
    rocCaption: 'ROC curves — {{set}}',
    rocX: '1 − specificity (false-positive rate)',
    rocY: 'Sensitivity (true-positive rate)',
    dcaLabel: 'Decision curves, {{set}}',
    dcaCaption: 'Decision curves — {{set}}',
    dcaX: 'Threshold probability of pCR',
    dcaY: 'Net benefit',
    treatAll: 'Treat all',
    treatNone: 'Treat none',
    calibrationLabel: 'Calibration plot, {{set}}',
    calibrationCaption: 'Calibration — {{set}} (5 equal-width bins)',
    calibrationX: 'Predicted probability of pCR',
    calibrationY: 'Observed pCR fraction',
  },
  code: {
    modelFile: {
      missingNoReason: 'model file: the {{kind}} model is missing and no reason is given',
      wrongKind: 'model file: models.{{kind}} declares kind "{{declared}}"',
      zscoreLength: 'model file: {{kind}} model has {{d}} inputs but z-score parameters of another length',
      pointLength: 'model file: {{kind}} training point {{i}} has {{n}} values, expected {{d}}',
      labelCount: 'model file: {{kind}} model has {{points}} training points but {{labels}} labels',
      kTooLarge: 'model file: {{kind}} model has k = {{k}} but only {{points}} training points',
      inputTwice: 'model file: {{kind}} model lists an input twice',
      documentInvalid: 'model document is invalid: {{issues}}',
      notJson: 'model file is not valid JSON: {{detail}}',
      notObject: 'model file is not a JSON object',
      notSonomir: 'model file is not a SonoMiR model (format is not "sonomir-model")',
      schemaVersion:
        'model file has schemaVersion {{found}}, but this version of SonoMiR reads schemaVersion {{supported}} only',
      schema: 'model file does not match schema version 1: {{issues}}',
      tampered:
        'model file was modified after it was written: its SHA-256 does not match the content (refusing to use a tampered model)',
      settingsDiffer:
        "the case's features were extracted with settings different from the model's: {{diffs}}; re-extract them with the model's settings",
      noModel: 'the model file contains no usable model',
      notBuilt: 'not built',
      kindAbsent: 'the {{kind}} model is not in this file: {{why}}',
      inputMissing: 'the case lacks input "{{name}}" required by the {{kind}} model',
      inputNotFinite: 'the case\'s input "{{name}}" is not a finite number ({{value}})',
    },
    ddct: {
      badReplicate:
        'ΔΔCt: {{label}} replicate {{index}} is {{value}}, not a positive Ct or null (undetermined)',
      allUndetermined: 'ΔΔCt: every {{label}} replicate is undetermined',
      noReference: 'ΔΔCt: at least one reference gene is required',
      efficiency:
        'ΔΔCt: {{which}} amplification factor must be in (1, 3) (2 = 100 % efficiency); got {{value}}',
      referencesDiffer:
        'ΔΔCt: sample references ({{sample}}) differ from calibrator references ({{calibrator}})',
    },
    roi: {
      mask: {
        slices: 'The mask "{{file}}" has {{slices}} slices; import a single-slice mask for this 2-D image.',
        size: 'The mask "{{file}}" is {{nx}} × {{ny}} pixels but the image is {{width}} × {{height}}; import the mask drawn on this image.',
      },
      nonFiniteVertex: 'ROI polygon has a non-finite vertex',
    },
    imaging: {
      source: {
        noCalibration: 'no calibration in the file: pixel units',
        roiRegion: 'the region containing the ROI',
        largestRegion: 'the largest region',
        usRegion: 'DICOM Sequence of Ultrasound Regions (0018,6011), region {{index}} of {{count}} ({{why}})',
        pixelSpacing: 'DICOM PixelSpacing (0028,0030)',
        dicomNoSpacing: 'DICOM without PixelSpacing or calibrated ultrasound region: pixel units',
        nrrdDirections: 'NRRD space directions',
        nrrdSpacings: 'NRRD spacings',
        nrrdNone: 'none in the NRRD header (1 mm assumed)',
        nifti: 'NIfTI {{geometry}}',
        pixelUnitsRequested: 'pixel units requested',
        calibrated: 'calibrated: {{mm}} mm over {{px}} px',
      },
      warn: {
        noCmRegion: 'No ultrasound region is calibrated in cm (region units x/y: {{units}}).',
        roiOutsideRegions:
          'The ROI point ({{x}}, {{y}}) lies in no calibrated ultrasound region; the largest region was used for the spacing.',
        regionCalibrations: 'The ultrasound regions have {{n}} different calibrations; {{why}} was used.',
        greyScaled: 'The {{depth}}-bit grey values were scaled to 0–255 (as Pillow does).',
        alphaIgnored: 'The alpha (transparency) channel was ignored.',
        pngPrintResolution:
          'The PNG states a print resolution of {{dpi}} dpi; it was not used as pixel spacing (it is not an ultrasound calibration).',
        jpegLuma: 'Lossy colour JPEG: grey values are the BT.601 luma of the decoded RGB.',
        tiffPages: 'The TIFF has {{pages}} pages; page {{page}} was used.',
        tiffResolution:
          'The TIFF resolution tag was not used as pixel spacing (it is not an ultrasound calibration).',
        dicomNoSpacing:
          'The DICOM file has no PixelSpacing and no calibrated ultrasound region: pixel units are used.',
        dicomPhotometric:
          'Unexpected photometric interpretation "{{photometric}}" for one sample per pixel; read as grey.',
        monochrome1: 'MONOCHROME1 image: grey values were inverted so that bright tissue is high.',
        extension:
          'The file name ends in ".{{ext}}" but the content is {{format}}; it was read as {{format}}.',
        maskLabels: 'The mask holds several labels ({{labels}}); label {{label}} was used.',
        jpegMask:
          'JPEG mask: lossy compression blurs edges, pixels ≥ 128 were taken as ROI. Prefer a PNG mask.',
        maskValue: 'The mask holds several values ({{values}}); value {{value}} was used as ROI.',
        maskValuesAll: 'The mask holds several non-zero values ({{values}}); all of them were taken as ROI.',
      },
      png: {
        tooLarge:
          'The PNG header declares {{size}} pixels, more than the {{limit}} megapixels that can be opened here; the file is damaged or not an ultrasound image. Export the image again.',
        truncatedData:
          'The PNG file is truncated or damaged: its compressed data ({{bytes}} bytes) cannot hold the {{size}} image its header declares. Export the image again as PNG.',
        undecodable:
          'The PNG file could not be decoded ({{detail}}); it is truncated or damaged. Export the image again as PNG.',
        noPixels: 'The PNG file holds no pixel data; it is truncated or damaged. Export the image again.',
        shortPixels:
          'The PNG pixel data is shorter than the image size; the file is damaged. Export it again.',
      },
      bmp: {
        truncated: 'The BMP file is truncated: its pixel data is incomplete. Copy or export the image again.',
        badSize: 'The BMP header gives an invalid image size {{width}} × {{height}}; the file is damaged.',
        compressed:
          'This BMP is {{compression}}-compressed, which is not supported. Save it as an uncompressed BMP or as PNG and try again.',
        unknownCompression:
          'This BMP uses unknown compression {{compression}}. Save it as PNG and try again.',
        bitDepth:
          'This BMP has {{bpp}} bits per pixel, which is not supported. Save it as PNG and try again.',
        bitFields: 'This BMP declares bit-field masks with {{bpp}} bits per pixel; the file is damaged.',
      },
      truncatedScalars:
        'The {{what}} data is truncated: {{needed}} bytes of pixel data are expected but only {{present}} are present. The file is incomplete or damaged; export it again.',
      gunzip:
        'The gzip-compressed {{what}} could not be decompressed ({{detail}}). The file is truncated or damaged; copy or export it again.',
      what: {
        file: 'file',
        fileNamed: 'file "{{name}}"',
        niftiFile: 'NIfTI file',
        nrrdData: 'NRRD pixel data',
      },
      paletteIndex:
        'A pixel refers to colour {{index}} but the palette has only {{entries}} entries; the file is damaged.',
      jpeg: {
        noMarker: 'The JPEG data is damaged (a marker was expected). Export the image again.',
        noFrame:
          'The JPEG file ends before its image data (no frame header or scan found): it is truncated or damaged. Export the image again.',
        unsupportedKind:
          'This JPEG is {{kind}}, which cannot be decoded here (baseline and progressive JPEG can). Export the image as PNG or as baseline JPEG.',
        precision:
          'This JPEG has {{precision}}-bit samples; only 8-bit JPEG can be decoded. Export the image as PNG.',
        tooSmall:
          'The JPEG file is truncated or damaged: its {{bytes}} bytes cannot hold the {{width}} × {{height}} image its header declares. Export the image again.',
        noEoi:
          'The JPEG file is truncated (its end-of-image marker is missing). Copy or export the image again.',
        undecodable:
          'The JPEG file could not be decoded ({{detail}}); it is damaged or of an unsupported kind. Export the image as PNG and try again.',
      },
      tiff: {
        why: {
          header: 'it ends inside its 8-byte header',
          loop: 'its list of pages loops back on itself',
          outside: 'a page directory lies outside the file, at byte {{offset}}',
          pastEnd: 'a page directory runs past the end of the file',
          tooLarge:
            'the page declares {{width}} × {{height}} pixels, more than the {{limit}} megapixels that can be opened here',
          tooSmall: 'its {{bytes}} bytes cannot hold the {{width}} × {{height}} page its directory declares',
          page: 'page {{page}} was requested but the file has {{pages}}',
        },
        undecodable:
          'The TIFF file could not be decoded ({{detail}}). It is truncated, damaged or uses a TIFF feature that is not supported (e.g. JPEG or PackBits compression, rotated orientation). Save it as PNG and try again.',
        badTags:
          'The TIFF file is damaged: its image size, samples per pixel or bits per sample are missing or invalid. Save it again as TIFF or PNG and try again.',
        noColourMap: 'The palette TIFF has no colour map; the file is damaged.',
        shortPixels:
          'The TIFF pixel data is shorter than the image size; the file is damaged. Save it again.',
      },
      dicom: {
        multiFrame:
          'This DICOM file is a clip of {{frames}} frames. Choose one frame (options.frame, 0 to {{last}}; in the app: the frame selector) and open it again.',
        metaTooLong: 'its file meta information claims to be longer than the file',
        unreadable:
          'The DICOM file could not be read ({{detail}}). It is truncated or damaged; export the image from the ultrasound system or PACS again.',
        noFragments:
          'The DICOM encapsulated pixel data holds no fragments; the file is damaged. Export it again.',
        transferSyntax:
          'This DICOM file is compressed with {{name}} (transfer syntax {{uid}}), which cannot be decoded here. Export it from the ultrasound system or PACS as uncompressed DICOM (Explicit VR Little Endian) or JPEG Baseline, or as PNG, and try again.',
        unknownSyntax: 'an unknown transfer syntax',
        missingUid: '(missing)',
        noPixelData:
          'This DICOM file holds no image (no Pixel Data element): it may be a report or structured document. Choose an ultrasound image file.',
        noRowsColumns: 'The DICOM file lacks Rows/Columns; it is damaged.',
        noFrame:
          'Frame {{frame}} does not exist: this DICOM file has {{frames}} frame(s), numbered 0 to {{last}}.',
        jpegSize:
          'The JPEG frame is {{width}} × {{height}} but the DICOM header says {{cols}} × {{rows}}; the file is inconsistent. Export it again.',
        bitsAllocated:
          'This DICOM file has {{bits}} bits allocated per sample, which is not supported (8, 16 and 32 are). Export it as PNG or as 8/16-bit DICOM.',
        truncated:
          'The DICOM pixel data is truncated: frame {{frame}} needs {{bytes}} bytes that are not all present. The file is incomplete; export it again.',
        paletteColor:
          'This DICOM file uses PALETTE COLOR, which is not supported. Export it as RGB or grey DICOM, or as PNG.',
        colourDepth:
          'This DICOM colour image has {{spp}} samples of {{bits}} bits per pixel; only 8-bit RGB/YBR colour is supported. Export it as PNG and try again.',
        colourModel:
          'This DICOM colour model "{{photometric}}" is not supported (RGB, YBR_FULL and YBR_FULL_422 are). Export the image as RGB DICOM or PNG.',
      },
      nifti: {
        empty: 'The NIfTI file is empty (0 bytes). Export the volume again.',
        nifti2: 'This is a NIfTI-2 file, which is not supported. Save the volume as NIfTI-1 (.nii) or NRRD.',
        shortHeader:
          'The NIfTI file is truncated: it is shorter than the 348-byte header. Export the volume again.',
        noMagic:
          'This file is not a NIfTI-1 image (no "n+1" magic after a 348-byte header). Choose a .nii or .nii.gz file.',
        hdrImgPair:
          'This is the header of a NIfTI .hdr/.img pair; its pixels are in a separate .img file. Save the volume as a single .nii file and try again.',
        badDims: 'The NIfTI header gives {{ndim}} dimensions; the file is damaged.',
        extraDim:
          'The NIfTI image has a dimension {{dim}} of length {{length}} (e.g. a time series); only 2-D and 3-D volumes are supported. Save a single 3-D volume and try again.',
        datatypeCode: 'code {{code}}',
        datatype:
          'The NIfTI datatype {{name}} is not supported (scalar integer and float types are). Save a single-channel scalar volume and try again.',
        voxOffset: 'The NIfTI header gives no valid data offset (vox_offset); the file is damaged.',
      },
      nrrd: {
        badVector: 'The NRRD field "{{field}}" has a malformed vector "{{text}}"; expected e.g. (1,0,0).',
        nonNumeric: 'The NRRD field "{{field}}" holds a non-numeric value "{{text}}".',
        empty: 'The NRRD file is empty (0 bytes). Export the volume again.',
        noMagic: 'This file is not an NRRD file (it does not start with "NRRD000"). Choose a .nrrd file.',
        noData:
          'The NRRD header has no blank line before the data, so the file holds no attached pixel data (it is truncated or a detached header). Save the volume as a single .nrrd file and try again.',
        badLine: 'The NRRD header line "{{line}}" is not of the form "field: value". The file is damaged.',
        detached:
          'This NRRD header refers to a separate data file ("data file" field). Only single-file NRRD is supported here: save the volume as one .nrrd file (attached data) and try again.',
        noType: 'The NRRD header has no "type" field; the file is damaged.',
        type: 'The NRRD type "{{type}}" is not supported; save the volume with a numeric pixel type.',
        noSizes: 'The NRRD header lacks a valid "dimension" or "sizes" field; the file is damaged.',
        badSizes: 'The NRRD "sizes" field "{{sizes}}" does not list {{dimension}} positive integers.',
        axes: 'The NRRD volume has {{dimension}} axes (kinds: {{kinds}}); only scalar 2-D or 3-D volumes are supported. Save a single-channel volume and try again.',
        unspecified: 'unspecified',
        endian: 'The NRRD "endian" field "{{endian}}" is neither "little" nor "big".',
        lineSkip: 'The NRRD "line skip" field skips past the end of the file; the file is damaged.',
        textShort: 'The NRRD text data holds {{values}} values but {{count}} are expected; it is truncated.',
        textNaN: 'The NRRD text data holds "{{token}}", which is not a number; the file is damaged.',
        encoding:
          'The NRRD encoding "{{encoding}}" is not supported (raw, gzip, ascii and hex are). Re-save the volume with gzip or raw encoding.',
      },
      unknown: {
        gif: 'it is a GIF image',
        webp: 'it is a WebP image',
        heic: 'it is a HEIC/MP4-family file',
        pdf: 'it is a PDF document',
        zip: 'it is a ZIP archive (unzip it first)',
        dicomNoPart10: 'it looks like a DICOM data set without the Part 10 header ("DICM")',
        html: 'it starts with HTML/XML text',
        text: 'it starts with text',
        bytes: 'it starts with bytes {{bytes}}',
      },
      emptyFile: 'The file {{name}}is empty (0 bytes). Copy or export the image again and try again.',
      unknownFormat:
        'The file {{name}}is not a PNG, JPEG, BMP, TIFF, DICOM, NRRD or NIfTI image ({{what}}). Export the ultrasound image as PNG or DICOM and try again.',
      internal: {
        noDicomDecoder: 'Internal error: the DICOM decoder was not loaded.',
        not2D: 'Internal error: {{format}} is not a 2-D raster format.',
      },
      mask: {
        emptyVolume:
          'The mask {{name}}is empty (every voxel is 0). Draw or export a segmentation and try again.',
        noLabel:
          'The mask {{name}}has no voxel with label {{label}}; the labels present are {{labels}}. Choose one of them as the label (--label, or the Label column) and try again.',
        empty: 'The mask {{name}}is empty (every pixel is 0). Draw or export a segmentation and try again.',
      },
    },
    pacs: {
      notConfigured: 'No PACS is configured. Set the DICOMweb address in Settings → PACS.',
      badUrl:
        '"{{url}}" is not a DICOMweb address. Enter a path on this site such as /dicom-web, or an http(s) URL.',
      unreachable:
        'The PACS at {{url}} cannot be reached (network error, time-out or gateway error). Check the network or ask IT whether the PACS is running; nothing is lost — analyses wait in the outbox.',
      unavailable:
        'The PACS is busy or starting (HTTP {{status}}). Try again in a few minutes; analyses wait in the outbox.',
      unauthorized:
        'The PACS refused the credentials (HTTP 401). Enter your user name and password or token again.',
      forbidden:
        'The PACS account may not do this (HTTP 403). Enter other credentials, or ask the PACS administrator for access.',
      notFound:
        'The PACS does not have this {{what}} (HTTP 404). It may have been deleted or moved; search again.',
      rejected:
        'The PACS refused to store the analysis (reason {{reason}}, {{count}} object(s)). It stays in the outbox: fix the cause with the PACS administrator and retry, or discard it.',
      notKept:
        'The PACS answered without keeping the analysis (a rule on the server may filter such objects out). It stays in the outbox: ask the PACS administrator, then retry or discard it.',
      conflict:
        'The PACS refused the object as conflicting (HTTP 409): {{reason}}. It stays in the outbox; retry or discard it.',
      badResponse:
        'The PACS answered in an unexpected way ({{detail}}). Check that the address points to a DICOMweb service.',
      httpError: 'The PACS answered with HTTP error {{status}}. Try again, or ask the PACS administrator.',
      nonAsciiQuery:
        'The {{field}} search may only use Latin letters, digits and - . _ (this PACS does not decode other characters). Search by Patient ID, accession number or date instead of a name.',
      notDicomSource:
        'Only analyses of a DICOM image can be stored in the PACS (the SR must reference the image). Open the image from the PACS or as a DICOM file.',
      noAnalysis:
        'Nothing to store yet: {{missing}} missing. Draw the ROI, compute the features and make the prediction first.',
      notSonomirSr: 'This DICOM object is not a SonoMiR analysis report.',
      badSr:
        'This SonoMiR analysis report cannot be read ({{detail}}). It may be damaged; store the analysis again.',
    },
    error: {
      /** An error that is not a MessageError (a library or browser failure, an engine error not yet coded): its own words. */
      unexpected: '{{message}}',
    },
    list: {
      empty: '—',
      two: '{{a}} and {{b}}',
      three: '{{a}}, {{b}} and {{c}}',
    },
    qpcr: {
      sample: {
        patient: 'Patient',
        calibrator: 'Calibrator',
      },
      where: '{{sample}} {{gene}}',
      qc: {
        sd: '{{where}}: the replicates disagree (SD {{sd}} cycles > 0.5); consider repeating the wells.',
        undeterminedOthers:
          '{{where}}: {{n}} of {{total}} wells undetermined (no amplification); the mean uses the other wells.',
        undeterminedNone:
          '{{where}}: {{n}} of {{total}} wells undetermined (no amplification); no Ct for this gene.',
        late: '{{where}}: Ct above 35 ({{values}}) — near the detection limit, less reliable.',
        range: '{{where}}: Ct {{values}} outside the plausible range 5–45; check for a typing error.',
        noCalibrator:
          'No calibrator values: 2^−ΔΔCt needs the calibrator (pooled healthy plasma) of the same plate.',
        spike:
          "Spike-in cel-miR-39 differs by {{difference}} cycles from the calibrator's (> 2): RNA extraction or RT efficiency may differ.",
        efficiency:
          'Amplification factors must lie between 1 and 3 (2 = 100 % efficiency); 2 is used until corrected.',
      },
      ct: {
        notNumber: '“{{text}}” is not a Ct value. Type a number such as 27.4 (or 27,4), or “Undetermined”.',
        negative: 'A Ct cannot be negative ({{text}}).',
        zero: 'A Ct of 0 is not a measurement. Type “Undetermined” for a well without amplification.',
        tooLarge: 'A Ct of {{text}} exceeds {{max}} cycles; check the value (or type “Undetermined”).',
      },
      rq: {
        notNumber: '“{{text}}” is not a positive number. Type the relative expression, e.g. 0.62.',
        notPositive: 'The relative expression must be greater than 0.',
      },
    },
    prediction: {
      needsRoi: 'needs the image ROI',
      needsMir: 'needs miR-34a',
      waitRoi: 'an ROI on the image',
      waitMir: 'the miR-34a result',
      spacingMismatch:
        "Spacing mismatch: the model was trained on features in {{model}}, this case's features are in {{here}}. Change “Feature units” to match.",
      unit: {
        mm: 'mm',
        pixel: 'pixel units',
      },
      settingsMismatch: 'Settings mismatch: {{key}} is {{here}} here but {{model}} in the model.',
      outOfRange:
        '{{input}} = {{value}} is outside the training range (z = {{z}}; {{models}}): the estimate is less reliable.',
      kind: {
        clinical: 'clinical model',
        radiomics: 'radiomics model',
        combined: 'combined model',
      },
      kinds: {
        clinical: 'clinical',
        radiomics: 'radiomics',
        combined: 'combined',
      },
      models: '{{kinds}} models',
      qpcr: 'qPCR: {{message}}',
      directEntry: 'miR-34a was entered directly as a relative expression value.',
    },
    cohort: {
      leftOutNoFeatures: '{{id}}: left out — no features (draw the ROI).',
      leftOutNoMir: '{{id}}: left out — no miR-34a value.',
      leftOutSettings:
        '{{id}}: left out — its features were extracted with other settings than the other cases.',
      tooFewCases:
        'only {{n}} saved case(s) have an outcome, features and a miR-34a value ({{withOutcome}} with an outcome); the pipeline needs at least 10, with 5 pCR and 5 non-pCR in the training set',
      savedCohort: '{{n}} saved cases with an outcome',
      badSetValue: 'column "{{column}}", case {{id}}: "{{value}}" is neither "training" nor "validation"',
    },
    case: {
      gone: 'This case no longer exists (it may have been deleted).',
      storedImage: 'The stored image could not be decoded: {{message}}',
      clip: '"{{file}}" is a clip of {{frames}} frames: choose the frame at the lesion\'s maximum diameter.',
      volume:
        '"{{file}}" is a volume of {{slices}} slices; open a single 2-D ultrasound image (PNG, JPEG, BMP, TIFF or DICOM).',
    },
    models: {
      choiceUnreadable:
        'The saved choice of prediction model could not be read ({{message}}); the demonstration model is answering. Choose the model to use in the Model Studio.',
      chosenMissing:
        'The prediction model you chose (id {{id}}) is no longer in this browser; the demonstration model is answering. Import or activate a model in the Model Studio.',
      chosenRefused:
        'The prediction model you chose (id {{id}}) was refused: {{message}}. The demonstration model is answering; import the model file again or choose another in the Model Studio.',
      choiceNotSaved:
        'The demonstration model is active, but this choice could not be saved ({{message}}): at the next start the previously chosen model will be restored.',
      demoLoadFailed: 'The demonstration model could not be loaded: {{message}}',
      demoUnreadable:
        'the demonstration model (demo/model.json) could not be read (HTTP {{status}}); rebuild it with "npx tsx scripts/build-demo.ts"',
    },
    security: {
      locked: 'SonoMiR is locked: enter the passphrase to open patient data.',
    },
    save: {
      storageFull:
        "This browser's storage for SonoMiR is full, so the last change was NOT saved. Export a backup now (it keeps every case, image and model), then free space: delete cases or models you no longer need here, or clear other sites’ data in the browser settings.",
      failed: '{{what}} failed: {{message}}',
      retrying: '{{message}} SonoMiR tries again in {{seconds}} s; keep this page open.',
      leftCase:
        'The changes to the case you left ({{patient}}) could not be saved: {{message}} SonoMiR tries again in {{seconds}} s; keep this page open.',
      what: {
        saving: 'Saving',
        copy: 'Saving your copy',
        backup: 'The backup',
        restore: 'The restore',
        lock: 'Changing the lock',
      },
    },
    segment: {
      invalidImage:
        'The image cannot be segmented: it has {{pixels}} values for {{width}} × {{height}} pixels, or values that are not numbers. Open the image again.',
      invalidBox: 'The lesion box "{{box}}" is not four numbers x0,y0,x1,y1; draw the box again.',
      emptyBox:
        'The lesion box is empty ({{width}} × {{height}} pixels): drag from one corner of the lesion to the opposite corner.',
      boxOutside:
        'The lesion box {{x0}},{{y0}},{{x1}},{{y1}} lies outside the {{width}} × {{height}} image; draw it on the image (x0 ≥ 0, y0 ≥ 0, x1 ≤ {{width}}, y1 ≤ {{height}}).',
      boxTooSmall:
        'The lesion box is {{width}} × {{height}} pixels; it must be at least {{min}} pixels on each side. Draw a larger box around the whole lesion.',
      flatImage:
        'The image has no contrast around the box (every pixel is about {{value}}): there is no edge to follow. Check the image or draw the lesion by hand.',
      noLesion:
        'No lesion was found in the box. Draw the box tightly around the lesion or mark it with “Add to lesion”.',
      unavailable: 'Segmentation is not available here; draw the lesion with the other tools.',
      failed: 'The segmentation stopped unexpectedly ({{detail}}); draw the box again.',
      unreadableImage: 'The image "{{file}}" cannot be read: {{detail}}',
    },
    model: {
      cancelled: 'Training was cancelled.',
      csv: {
        cohortFile: 'cohort CSV',
        cell: '{{file}}: line {{line}}, column "{{column}}"',
        empty: '{{file}}: the file is empty. Choose the CSV file with a header line and one row per case.',
        openQuote:
          '{{file}}: line {{line}}: a quoted cell is never closed (a " is missing). Correct the file and save it again as CSV.',
        emptyHeader:
          '{{file}}: line {{line}}: column {{column}} has no name in the header. Name the column or delete it.',
        duplicateHeader:
          '{{file}}: line {{line}}: column name "{{name}}" appears twice (columns {{first}} and {{second}}). Rename or delete one of them.',
        cellCount:
          '{{file}}: line {{line}}: {{cells}} cells, but the header has {{columns}} columns. Check this row for a missing or extra delimiter (a delimiter inside a text must be quoted).',
        notNumber:
          '{{where}}: "{{value}}" is not a number. Enter a number such as 0.42, or correct the cell.',
        tooLarge: '{{where}}: "{{value}}" is too large to be a number here; check the cell.',
        emptyCell:
          '{{where}}: the cell is empty. Every case needs a value here: fill it in or remove the case.',
      },
      cohort: {
        severalMir: '{{file}}: several miR-34a columns ({{columns}}); keep one of them.',
        noMir:
          '{{file}}: no miR-34a column in the header. Add a column named miR34a with the relative expression (2^−ΔΔCt) of each case.',
        noPcr:
          '{{file}}: no pCR column in the header. Add a column named pCR with 1 (pCR) or 0 (non-pCR) for each case.',
        noFeatures:
          '{{file}}: no radiomics feature column. Name the feature columns as PyRadiomics does, e.g. original_glcm_Contrast.',
        reader2Orphan:
          '{{file}}: column "{{column}}" has no first-reader column "{{name}}". Add the first reader\'s values or remove this column.',
        emptyId: '{{where}}: the case id is empty. Give every case an id.',
        duplicateId:
          '{{where}}: case id "{{id}}" is already used on line {{line}}. Give each case its own id.',
        mirNotPositive:
          '{{where}}: the relative expression must be greater than 0, got {{value}}. Enter 2^−ΔΔCt (e.g. 0.62), not ΔΔCt.',
        pcrNotBinary: '{{where}}: "{{value}}" is not 0 (non-pCR) or 1 (pCR).',
        noRows: '{{file}}: the file has a header but no case rows.',
        noOutcome: 'The cohort has no pCR outcome; training needs 1 (pCR) or 0 (non-pCR) for every case.',
        ragged:
          'The cohort is inconsistent ({{ids}} case ids, {{features}} feature rows, {{mir34a}} miR-34a values, {{pcr}} outcomes). Load the cohort again.',
        featureCount: 'Case {{id}} has {{n}} feature values, expected {{expected}}. Load the cohort again.',
      },
      split: {
        emptyTraining: 'The chosen split has no training case. Assign cases to the training set.',
        emptyValidation: 'The chosen split has no validation case. Assign cases to the validation set.',
        badIndex:
          'The chosen split refers to case {{index}}, but the cohort has {{n}} cases (numbered from 0). Choose the split again.',
        twice: 'The chosen split lists case {{index}} twice. Choose the split again.',
        incomplete:
          'The chosen split covers {{covered}} of the {{n}} cases; every case must be in the training or in the validation set.',
        tooFewPerClass:
          'The training set has {{pcr}} pCR and {{nonPcr}} non-pCR cases; {{folds}}-fold cross-validation needs at least {{need}} of each. Add cases of the rarer outcome or move some from the validation set.',
        validationOneClass:
          'The validation set has {{pcr}} pCR and {{nonPcr}} non-pCR cases; it needs both outcomes to be evaluated. Choose another split or add cases.',
        classTooSmall:
          'The outcome {{label}} has only {{n}} case(s); a stratified split needs at least {{need}} of each outcome (training and validation). Add cases of this outcome.',
        tooFewCases:
          '{{n}} cases split into {{nTrain}} for training and {{nTest}} for validation cannot hold all {{classes}} outcomes in both sets. Add cases.',
        tooFewForFolds:
          'Cannot make {{k}} cross-validation folds from {{n}} cases. Add cases or use fewer folds.',
        classTooSmallForFolds:
          '{{k}}-fold cross-validation needs at least one outcome with {{k}} or more cases. Add cases.',
      },
      icc: {
        failed:
          "The inter-reader ICC of {{feature}} cannot be computed: {{reason}} Check both readers' values of this feature.",
      },
      ttest: {
        failed: 'The t-test of {{feature}} failed: {{reason}} Check the values of this feature.',
      },
      knn: {
        badK: 'k must be "auto" or a whole number ≥ 1, got {{value}}.',
        kTooLarge:
          'k = {{k}} neighbours is more than the {{n}} training cases. Choose a smaller k, or "auto".',
        kTooLargeForFold:
          'k = {{k}} neighbours is more than the {{n}} cases of a cross-validation training fold. Choose a smaller k (or "auto") or add cases.',
      },
      lasso: {
        nothingToSelect:
          'LASSO cannot select any feature: the outcome is constant or unrelated to every feature of the training set (the largest useful penalty is 0). Check the pCR column and the features.',
      },
      logistic: {
        oneClass:
          'Logistic regression needs both outcomes, but {{events}} of {{n}} cases have outcome 1; the fit does not exist.',
        singular:
          'Logistic regression cannot be fitted: its information matrix is singular (collinear predictors or perfect separation of the outcomes).',
        noConvergence:
          'Logistic regression did not converge in {{iterations}} iterations (perfect or quasi-complete separation of the outcomes?).',
        separation:
          'Logistic regression separates the outcomes perfectly (fitted probabilities of exactly 0 or 1); its estimates do not exist.',
      },
      file: {
        nonFinite:
          'The model cannot be saved: it contains the non-finite number {{value}}, which a model file cannot hold.',
        unstorable:
          'The model cannot be saved: it contains a value of type {{type}}, which a model file cannot hold.',
      },
      note: {
        iccRemoved: '{{count}} feature(s) removed for inter-reader ICC ≤ {{threshold}}.',
        constant: '{{count}} feature(s) are constant on the training set and were not tested.',
        clinicalOnly: 'Only the clinical (miR-34a) model was built.',
      },
      notBuilt: {
        radiomics: 'the radiomics model was not built: {{reason}}',
        combined: 'the combined model needs radiomics features, and {{reason}}',
        noFeaturePassed:
          'no radiomics feature passed the t-test (P < {{p}}) on the training set (smallest P = {{smallestP}})',
        lassoNone:
          'LASSO selected no feature: the cross-validated error was lowest with every coefficient at 0 (alpha = {{alpha}}, {{candidates}} candidate feature(s) after the t-test and correlation filter)',
        l1None:
          'the L1-penalised logistic regression (C = {{C}}) selected no feature from {{candidates}} candidate(s); a larger C penalises less',
      },
      stage: {
        starting: 'starting',
        split: 'split into training and validation sets',
        icc: 'ICC filter',
        zscore: 'z-score',
        ttest: 't-test',
        correlation: 'correlation filter',
        lasso: 'LASSO',
        knnFold: 'KNN {{model}}: cross-validation fold {{fold}} of {{folds}}',
        evaluation: 'evaluation {{model}}',
        comparisons: 'comparisons',
        baseline: 'baseline table',
        done: 'done',
        kind: {
          clinical: 'clinical',
          radiomics: 'radiomics',
          combined: 'combined',
        },
      },
    },
    stats: {
      lengthMismatch:
        '{{fn}}: {{what}} differ in length ({{a}} vs {{b}}); each case needs one value in each.',
      rowLength: '{{fn}}: row {{i}} of {{what}} has {{n}} values, expected {{expected}}.',
      notFinite:
        '{{fn}}: {{what}} is {{value}}, not a finite number. Check the data for a missing or non-numeric value.',
      isNaN: '{{fn}}: {{what}} is NaN (not a number). Check the data for a missing or non-numeric value.',
      notBinary: '{{fn}}: {{what}} is {{value}}; outcomes must be 0 or 1.',
      tooFewValues: '{{fn}}: {{what}} has {{n}} value(s); at least {{min}} are needed.',
      tooFewRows: '{{fn}}: {{what}} has {{n}} row(s); at least {{min}} are needed.',
      tooFewColumns: '{{fn}}: {{what}} has {{n}} column(s); at least {{min}} are needed.',
      outOfRange: '{{fn}}: {{what}} = {{value}} lies outside {{range}}.',
      notInteger: '{{fn}}: {{what}} must be a whole number ({{range}}), got {{value}}.',
      seed: '{{fn}}: the random seed must be a whole number between −9007199254740991 and 9007199254740991, got {{value}}. Enter a whole number.',
      unknownOption: '{{fn}}: {{what}} must be one of {{allowed}}, got {{value}}.',
      noConvergence: '{{fn}}: the iteration did not converge ({{detail}}).',
      emptyFold: '{{fn}}: cross-validation fold {{fold}} has an empty training or test part.',
      duplicateIndex: '{{fn}}: index {{index}} appears twice in {{what}}.',
      constantColumn:
        '{{fn}}: column {{column}} is (nearly) constant, so its statistic is undefined. Remove this feature or check its values.',
      scalerWidth:
        '{{fn}}: the data have {{n}} columns but the z-score parameters were fitted on {{expected}}.',
      needBothClasses:
        '{{fn}}: at least {{min}} positive (pCR) and {{min}} negative (non-pCR) case(s) are needed, got {{nPos}} and {{nNeg}}.',
      notPositiveDefinite:
        '{{fn}}: the matrix is not positive definite (pivot {{pivot}} = {{value}}); the predictors may be collinear.',
      rngZeroState: '{{fn}}: the state of the random generator must not be all zero.',
      ttest: {
        zeroVariance:
          '{{fn}}: both groups have zero variance (all values equal within each group); the t statistic is undefined.',
      },
      chiSquare: {
        zeroExpected:
          '{{fn}}: the expected frequency of cell ({{i}}, {{j}}) is 0 (an empty row or column); the χ² test is undefined.',
      },
      fisher: {
        notTwoByTwo: "{{fn}}: Fisher's exact test needs a 2 × 2 table, got {{rows}} × {{columns}}.",
      },
      mannWhitney: {
        allTied: '{{fn}}: all observations are tied; the normal approximation is undefined.',
        ties: '{{fn}}: the data contain tied values, so the exact test does not apply; use the asymptotic test.',
      },
      icc: {
        noResidual:
          "{{fn}}: the residual mean square is 0 (the readers' values are identical); the F test is undefined.",
      },
      delong: {
        zeroVariance: '{{fn}}: both AUC variances are 0; the test is undefined.',
      },
      hosmerLemeshow: {
        tooFew: '{{fn}}: {{n}} cases cannot form {{groups}} groups.',
      },
      rle: {
        badRun:
          '{{fn}}: run {{run}} must be [start, length] with whole numbers ≥ 0; the stored mask is damaged.',
        overrun:
          '{{fn}}: run {{run}} ends at pixel {{end}}, beyond the {{size}} pixels of the mask; the stored mask is damaged.',
      },
    },
    radiomics: {
      volume: {
        image: 'Image',
        mask: 'Mask',
      },
      volumeSize: '{{volume}} size must be three positive integers (nz, ny, nx), got [{{size}}]',
      volumeLength:
        '{{volume}} data length {{length}} does not match its size {{size}} (= {{voxels}} voxels)',
      maskEmpty: 'No labels found in this mask (i.e. nothing is segmented)! Draw or load an ROI.',
      labelMissing: 'Label ({{label}}) not present in mask. Choose from [{{labels}}]',
      singleVoxel:
        'mask only contains 1 segmented voxel! Cannot extract features for a single voxel. Enlarge the ROI.',
      tooFewDimensions:
        'mask has too few dimensions (number of dimensions {{dimensions}}, minimum required {{minimum}}). Enlarge the ROI or lower minimumROIDimensions.',
      roiTooSmall:
        'Size of the ROI is too small (minimum size: {{minimum}}, ROI size: {{size}}). Enlarge the ROI or lower minimumROISize.',
      constantImage: 'Cannot normalise a constant image (standard deviation 0); disable "normalize".',
      normaliseNonFinite:
        'The image holds NaN or infinite values (or values too large to square), so whole-image normalisation is not defined; disable "normalize" or fix the image.',
      dimensionMismatch:
        'Image size {{image}} and mask size {{mask}} differ; give the mask on the image grid.',
      distancesInvalid: 'distances must be integers >= 1, got [{{distances}}]',
      outOfMemory:
        'This ROI needs more memory than is available to the feature extraction ({{detail}}). Close other tabs or programs and try again, or use a smaller image or ROI.',
      /** A "cannot happen" check of the engine failed: a bug, with what failed (in English). */
      internal: 'Internal error in the feature engine ({{what}}); please report it.',
      resegment: {
        rangeMissing: 'resegmentRange is None.',
        rangeLength: 'Length {{length}} is not allowed for resegmentRange',
        mode: 'Resegment mode {{mode}} not recognized.',
        tooFew:
          'Resegmentation excluded too many voxels with label {{label}} (retained {{kept}} voxel(s))! Cannot extract features. Widen resegmentRange.',
      },
      discretise: {
        empty: 'Cannot discretise an empty ROI.',
        infinite: 'The image holds infinite values inside the ROI; cannot discretise it.',
        nan: 'The image holds NaN inside the ROI; cannot discretise it.',
        tooManyBins:
          "The ROI's grey values ({{min}} to {{max}}) span more than {{bins}} bins of width {{width}}; use a larger binWidth, binCount or normalisation.",
      },
      setting: {
        notNumber: "Setting '{{key}}': expected a finite number, got {{value}}",
        notInteger: "Setting '{{key}}': expected an integer, got {{value}}",
        tooSmall: "Setting '{{key}}': must be >= {{min}}, got {{value}}",
        notAbove: "Setting '{{key}}': must be > {{bound}}, got {{value}}",
        notBoolean: "Setting '{{key}}': expected true or false, got {{value}}",
        distances: "Setting '{{key}}': expected a non-empty list of integers >= 1",
        choice: "Setting '{{key}}': expected one of {{choices}}, got {{value}}",
        resegmentRange: "Setting '{{key}}': expected null or a list of 1 or 2 thresholds",
        resampling:
          "Setting '{{key}}': resampling is not supported by this engine; resample the image beforehand or set resampledPixelSpacing to null",
        interpolator: "Setting '{{key}}': unknown interpolator {{value}}",
        unsupported: "Setting '{{key}}': not supported by this engine (supported: {{supported}})",
      },
      featureClass: {
        unsupported: "featureClass '{{featureClass}}' is not supported (supported: {{supported}})",
        notList: "featureClass '{{featureClass}}': expected a list of feature names or null",
        unknownFeature:
          "featureClass '{{featureClass}}': feature {{feature}} is not supported (choose from {{known}})",
        none: 'No feature class enabled: enable at least one.',
      },
      params: {
        invalid: 'Parameter file is not valid {{format}}: {{detail}}',
        notMapping: 'Parameter file must be a mapping with sections setting, imageType and featureClass',
        unknownSection:
          "Parameter file section '{{section}}' is not supported (expected setting, imageType, featureClass)",
        sectionNotMapping: "Parameter file section '{{section}}' must be a mapping",
        imageType: "imageType '{{imageType}}' is not supported: only 'Original' (no filter) is implemented",
        imageTypeCustom: "imageType 'Original': custom settings are not supported, use {} or null",
        imageTypeEmpty: "imageType section is empty: enable 'Original'",
      },
      shape: {
        maskType: '{{fn}}: the mask must be a Uint8Array of 0/1 values',
        size: '{{fn}}: every size must be a positive integer, got ({{size}})',
        spacing: '{{fn}}: every spacing must be a finite number > 0, got ({{spacing}})',
        length: '{{fn}}: the mask holds {{length}} values but size ({{size}}) needs {{count}}',
        notBinary: '{{fn}}: the mask must hold only 0 and 1, found {{value}} at index {{index}}',
        empty: '{{fn}}: the mask holds no ROI voxel',
        pairs: '{{fn}}: size and spacing must be (ny, nx) and (y, x) pairs',
      },
      shape2D: {
        needsForce2D: 'Feature class shape2D needs force2D: true (and force2Ddimension, default 0).',
        slices:
          'shape2D: the ROI spans {{slices}} slices along dimension {{dimension}} (force2Ddimension); shape2D needs a single-slice ROI. Use the 3-D shape class instead.',
      },
      firstOrder: {
        empty: 'First-order features need at least one ROI voxel; the ROI is empty.',
        mismatch: 'First-order input mismatch: {{values}} grey values but {{levels}} discretised levels',
      },
      texture: {
        size: '{{cls}}: size must be three positive integers (nz, ny, nx), got {{size}}',
        levelsLength:
          '{{cls}}: levels must be an Int32Array of length nz*ny*nx = {{voxels}}, got length {{length}}',
        grayLevelsEmpty: '{{cls}}: grayLevels must be a non-empty Int32Array',
        grayLevelsOrder: '{{cls}}: grayLevels must be strictly increasing bin indices >= 1',
        ng: '{{cls}}: Ng ({{ng}}) must equal max(grayLevels) ({{max}})',
        settingsMissing: '{{cls}}: settings (PyRadiomics settings object) is missing',
        np: '{{cls}}: Np must be a positive integer, got {{np}}',
        levelUnlisted: '{{cls}}: voxel {{voxel}} has grey level {{level}}, which is not listed in grayLevels',
        npMismatch: '{{cls}}: Np ({{np}}) differs from the number of ROI voxels in levels ({{count}})',
        levelAbsent: '{{cls}}: grey level {{level}} is listed in grayLevels but absent from the ROI',
        anglesEmpty: '{{cls}}: angles must be a non-empty list of (dz, dy, dx) offsets',
        angleInvalid: '{{cls}}: every angle must be three integers (dz, dy, dx), got {{angle}}',
        angleZero: '{{cls}}: angle (0, 0, 0) is not a valid neighbour offset',
        angleTwice: '{{cls}}: offset ({{offset}}) occurs twice; angles must hold one of each +/- pair',
        force2Ddimension: '{{cls}}: force2Ddimension must be 0, 1 or 2, got {{value}}',
        gldmAlpha: 'GLDM: settings.gldm_a must be an integer (PyRadiomics passes it as int), got {{value}}',
        noLevels: '{{cls}}: the ROI has no grey levels or no valid angles (is the ROI a single voxel?).',
        paddedLength: 'Texture input: levels has {{length}} entries but size {{size}} needs {{voxels}}.',
        paddedLevel:
          'Texture input: grey level {{level}} at voxel {{voxel}} is not listed in grayLevels; rebuild the input with prepareTextureInput.',
      },
    },
    engine: {
      uncaught: 'uncaught error in the worker',
      unreadableReply: 'a message from the worker could not be read',
      workerCrashed: 'The feature-extraction worker stopped unexpectedly ({{detail}}).',
      /** A call reached a worker that does not hold the image (a bug of the page, not of the user). */
      noImage: 'The worker holds no image "{{key}}"; send it with setImage first.',
    },
    lock: {
      wrongPassphrase:
        'Wrong passphrase. Nothing was changed; try again (check Caps Lock and the keyboard layout).',
      notOn: 'The passphrase lock is not on.',
      alreadyOn: 'The passphrase lock is already on.',
      tooShort: 'Choose a passphrase of at least {{min}} characters.',
      changedElsewhere: 'The passphrase lock was changed in another tab or window; reload this page.',
      turnedOffElsewhere: 'The passphrase lock was turned off in another tab or window; reload this page.',
      savedMeanwhile:
        'Cases were saved while the data were being re-encrypted; nothing was changed. Try again.',
    },
    store: {
      modelName: 'Give the model a name before saving it.',
      calibratorRunName: 'Give the calibrator run a name (e.g. the plate ID) before saving it.',
    },
    backup: {
      notZip: 'This file is not a SonoMiR backup: it is not a zip archive (or it is damaged).',
      noManifest: 'This zip file is not a SonoMiR backup: it has no {{file}}.',
      badJson: 'The backup is damaged: {{file}} is not valid JSON.',
      unknownFormat: 'This file is not a SonoMiR backup (unknown format).',
      newer:
        'This backup was made by a newer SonoMiR (database version {{version}}; this app reads up to {{supported}}). Update the app, then restore it.',
      invalid: 'The backup is not valid: {{detail}}.',
      duplicateCase: 'The backup is not valid: case {{id}} appears twice.',
      orphanImage: 'The backup is not valid: image {{entry}} belongs to no case in it.',
      missingImage: 'The backup is incomplete: the image {{entry}} is missing.',
      checksum: 'The backup is damaged: the image {{entry}} does not match its checksum.',
      damaged: 'The backup is damaged: {{detail}}.',
    },
    demo: {
      fileUnreadable:
        'the demonstration file demo/{{path}} could not be read (HTTP {{status}}); rebuild it with "npx tsx scripts/build-demo.ts"',
      noPatient: 'there is no demo patient "{{id}}"',
      seedInvalid: 'demo cohort: seed must be an integer between -9e12 and 9e12, got {{seed}}',
      sizeInvalid: 'demo cohort: n must be 1..{{total}}, got {{n}}',
    },
    browser: {
      noCanvas: 'This browser cannot draw on a canvas.',
    },
    cli: {
      file: {
        params: 'parameter file',
        image: 'image',
        mask: 'mask',
        batch: 'batch input CSV',
      },
      reason: {
        missing: 'it does not exist',
        folder: 'it is a folder',
      },
      none: 'none',
      cannotRead: 'Cannot read the {{what}} "{{file}}": {{reason}}. Check the path and try again.',
      maskSize:
        "The mask ({{mask}}) does not have the image's size ({{image}}). Use the mask drawn on this image.",
      workerFailed: 'A batch worker thread failed: {{detail}}',
      workerStopped: 'A batch worker thread stopped (exit code {{exitCode}}).',
      batchEmpty: 'The batch input "{{file}}" is empty; it needs a header row Image,Mask.',
      batchColumns:
        'The batch input "{{file}}" needs columns "Image" and "Mask" (found: {{found}}). Add a header row like: ID,Image,Mask,Label',
      model: {
        cannotRead: 'cannot read {{file}}: {{detail}}',
        inFile: '{{file}}: {{detail}}',
        settingsInvalid:
          "{{file}}: invalid extraction settings ({{issues}}); expected binWidth, normalize, normalizeScale, voxelArrayShift, shapeClass ('shape'|'shape2D'), spacingUnit ('mm'|'pixel')",
        kindMissing: 'the {{kind}} model is not in {{file}}: {{reason}}',
        caseFailed: '{{file}}: case {{id}}: {{detail}}',
        noColumn: '{{file}}: no column "{{name}}" (columns: {{columns}})',
        labelEmpty: '{{file}}: line {{line}}, column "{{column}}": the label is empty',
        scoreEmpty: '{{file}}: line {{line}}, column "{{column}}": the score is empty',
        noPositive: '{{file}}: no row has {{label}} = "{{positive}}" (values: {{values}})',
        noNegative: '{{file}}: every row has {{label}} = "{{positive}}"; no negatives',
      },
    },
    studio: {
      noSetColumn: 'the cohort has no set column (values training/validation)',
      noPcrColumn: 'the cohort has no pCR column',
    },
    stored: {
      unknownTypedArray: 'unknown typed array "{{name}}"',
    },
  },
};

/** The shape every language's resources must have (same keys, string values). */
export type Resources = typeof en;
