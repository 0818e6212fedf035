/**
 * The dicom-parser module object, for every module that reads DICOM (the decoder, the PACS SR
 * reader). The package is a UMD bundle without an ES build: Vite (the app, vitest) exposes its named
 * exports, but Node's own ES-module loader (the CLI, which runs through tsx) exposes only `default`,
 * where `import * as` alone gave "parseDicom is not a function" for every file (robustness finding
 * F1, test/unit/robust/FINDINGS.md). Take the functions from wherever they are.
 */
import * as dicomParserNamespace from 'dicom-parser';

export const dicomParser: typeof dicomParserNamespace =
  (dicomParserNamespace as unknown as { default?: typeof dicomParserNamespace }).default ??
  dicomParserNamespace;
export type { DataSet, Element, ParseDicomOptions } from 'dicom-parser';
