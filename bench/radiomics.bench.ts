/**
 * Feature-engine benchmark on the 40 synthetic ultrasound conformance cases, with PyRadiomics'
 * timings on this kind of machine (`../shared/conformance/ultrasound/timing_pyradiomics.csv`).
 * Each case: one warm-up, then the median of `repeats` runs of the full 107-feature extraction
 * with the study's settings. Per-class times come from the engine's own timings.
 */
import { median } from '../src/model/bootstrap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage, decodeMask } from '../src/imaging';
import { extractFeatures } from '../src/radiomics/extract';
import { STUDY_PRESET } from '../src/radiomics/settings';

export interface CaseTiming {
  case: string;
  width: number;
  height: number;
  roiPixels: number;
  /** Whole extractFeatures call: features + PyRadiomics-style diagnostics (SHA-1 of image and mask). */
  ms: number;
  /** The features alone (preprocessing + the 7 classes), without the diagnostics entries. */
  featureMs: number;
  classes: Record<string, number>;
  pyradiomicsSeconds: number;
  speedup: number;
}

/** Run the engine benchmark; `shared` is the path of ../shared. */
export function benchRadiomics(shared: string, repeats = 5): CaseTiming[] {
  const dir = path.join(shared, 'conformance/ultrasound');
  const lines = readFileSync(path.join(dir, 'timing_pyradiomics.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const out: CaseTiming[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const name = cells[col('case')];
    const img = decodeImage(new Uint8Array(readFileSync(path.join(dir, 'cases', `${name}_image.png`))));
    const msk = decodeMask(new Uint8Array(readFileSync(path.join(dir, 'cases', `${name}_mask.png`))));
    const run = () =>
      extractFeatures(img.image, msk.mask, { settings: { ...STUDY_PRESET, label: msk.label } });
    run();
    const times: number[] = [];
    const featureTimes: number[] = [];
    const classTimes: Record<string, number[]> = {};
    for (let r = 0; r < repeats; r++) {
      const res = run();
      times.push(res.timings.total);
      featureTimes.push(res.timings.total - (res.timings.diagnostics ?? 0));
      for (const [k, v] of Object.entries(res.timings)) (classTimes[k] ??= []).push(v);
    }
    const ms = median(times);
    const py = Number(cells[col('seconds')]);
    out.push({
      case: name,
      width: Number(cells[col('width')]),
      height: Number(cells[col('height')]),
      roiPixels: Number(cells[col('roi_pixels')]),
      ms,
      featureMs: median(featureTimes),
      classes: Object.fromEntries(Object.entries(classTimes).map(([k, v]) => [k, median(v)])),
      pyradiomicsSeconds: py,
      speedup: (py * 1000) / ms,
    });
  }
  return out;
}
