/**
 * The decoder fuzz campaign: seeded mutations of valid seed files of one format, each decoded with
 * `decodeImage` (and every third one also with `decodeMask`); every outcome is classified as a valid
 * image, a clear Error, or a defect (anything else: a non-Error throw, a TypeError/RangeError escaping
 * from a library, an empty or jargon message, an image with inconsistent sizes or non-finite values
 * from an integer format, a decode taking longer than the per-input limit). Runs the same in a worker
 * thread (under tsx, with a watchdog) or in the test process. Pure TypeScript.
 */
import { englishError } from '../../../src/i18n/render';
import { MessageError } from '../../../src/util/message';
import { gunzipSync, gzipSync } from 'fflate';
import { decodeImage, decodeMask, type ImageFormat } from '../../../src/imaging';
import { mutate } from './mutate';
import { mulberry32 } from './roiGen';
import { seedSamples, type Sample } from './samples';

/** Per-input time limit of the anti-hang guard, in milliseconds. */
export const PER_INPUT_LIMIT_MS = 2000;

/** One defective outcome, with what is needed to reproduce it. */
export interface Defect {
  format: ImageFormat;
  /** Case index and its seed: `caseInput(format, seed, index)` rebuilds the input. */
  index: number;
  sample: string;
  ops: string[];
  call: 'decodeImage' | 'decodeMask';
  problem: string;
}

/** Result of a campaign. */
export interface CampaignReport {
  format: ImageFormat;
  seed: number;
  /** Mutated inputs decoded. */
  cases: number;
  /** decodeImage / decodeMask calls made. */
  calls: number;
  /** Calls that returned a valid image or mask. */
  valid: number;
  /** Calls that threw a clear Error. */
  clearErrors: number;
  /** Valid images holding NaN/Infinity samples read from a floating-point file (allowed, counted). */
  floatNonFinite: number;
  /** Slowest single call, ms. */
  maxMs: number;
  defects: Defect[];
  /** Distinct error messages (first 120 characters, numbers masked) and their counts. */
  messages: Record<string, number>;
}

/** Mixes the campaign seed, format and case index into a 32-bit seed. */
function caseSeed(seed: number, format: ImageFormat, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < format.length; i++) h = Math.imul(h ^ format.charCodeAt(i), 0x01000193) >>> 0;
  return (h + Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/** Rebuilds the mutated input of case `index` (deterministic). */
export function caseInput(
  format: ImageFormat,
  seed: number,
  index: number,
  seeds: Sample[] = seedSamples()[format],
): { sample: Sample; bytes: Uint8Array; ops: string[] } {
  const rnd = mulberry32(caseSeed(seed, format, index));
  const sample = seeds[Math.floor(rnd() * seeds.length)];
  const gz = sample.bytes[0] === 0x1f && sample.bytes[1] === 0x8b;
  if (gz && rnd() < 0.6) {
    // mutate the decompressed content and compress it again, to get past the gzip layer
    const inner = mutate(format, gunzipSync(sample.bytes), rnd);
    return { sample, bytes: gzipSync(inner.bytes), ops: ['gunzip', ...inner.ops, 'gzip'] };
  }
  const { bytes, ops } = mutate(format, sample.bytes, rnd);
  return { sample, bytes, ops };
}

/** Library jargon that must not be the whole story of an error message. */
const JARGON =
  /\bundefined\b|\[object|is not a function|Cannot (read|set) properties|out of bounds|outside the bounds|Invalid typed array/;

/** Why an error is not a clear Error, or null when it is. */
export function unclearError(e: unknown): string | null {
  if (!(e instanceof Error)) return `threw a non-Error value: ${String(e).slice(0, 80)}`;
  if (e.constructor !== Error && !(e instanceof MessageError))
    return `threw ${e.constructor.name}: ${e.message.slice(0, 120)}`;
  // The text a person reads: a MessageError's English rendering (its `message` is only the code).
  const text = englishError(e);
  if (text.trim().length < 20) return `message too short: "${text}"`;
  // Library details in parentheses and values quoted from the file are fine as long as the sentence
  // around them is ours.
  const own = text.replace(/\([^)]*\)/g, '').replace(/"[^"]*"/g, '');
  if (JARGON.test(own)) return `jargon in the message: ${text.slice(0, 160)}`;
  return null;
}

/** True for files whose samples are floating point (they may legitimately hold NaN/Infinity). */
function floatSource(bitDepth: number, file: Uint8Array, format: ImageFormat): boolean {
  if (format === 'tiff') return bitDepth >= 32;
  if (format === 'nrrd')
    return /type:\s*(float|double)/.test(new TextDecoder('latin1').decode(file.subarray(0, 400)));
  if (format === 'nifti') {
    const b = file[0] === 0x1f && file[1] === 0x8b ? gunzipSync(file) : file;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const datatype = dv.getInt16(70, dv.getInt32(0, true) === 348);
    return datatype === 16 || datatype === 64;
  }
  return false;
}

/** Why a decoded image is not valid, or null when it is; sets `nonFinite` when it holds NaN/Infinity. */
function invalidImage(r: ReturnType<typeof decodeImage>, flags: { nonFinite: boolean }): string | null {
  const { size, data, spacing } = r.image;
  if (size.length !== 3 || !size.every((s) => Number.isInteger(s) && s > 0))
    return `bad size ${size.join('x')}`;
  if (!(data instanceof Float64Array)) return 'data is not a Float64Array';
  if (data.length !== size[0] * size[1] * size[2]) return `data length ${data.length} ≠ ${size.join('x')}`;
  if (r.info.width !== size[2] || r.info.height !== size[1] || r.info.depth !== size[0])
    return `info ${r.info.width}x${r.info.height}x${r.info.depth} ≠ size ${size.join('x')}`;
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) return `bad spacing ${spacing.join(', ')}`;
  if (r.rgba !== undefined && r.rgba.length !== 4 * size[1] * size[2] * (size[0] === 1 ? 1 : 0))
    return `rgba length ${r.rgba.length}`;
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i])) {
      flags.nonFinite = true;
      break;
    }
  return null;
}

/** Why a decoded mask is not valid, or null. */
function invalidMask(m: ReturnType<typeof decodeMask>): string | null {
  const { size, data } = m.mask;
  if (!size.every((s) => Number.isInteger(s) && s > 0)) return `bad mask size ${size.join('x')}`;
  if (data.length !== size[0] * size[1] * size[2]) return `mask length ${data.length} ≠ ${size.join('x')}`;
  let hits = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === m.label) hits++;
  if (hits === 0) return `mask has no voxel with its label ${m.label}`;
  return null;
}

/** Masks the numbers of a message, to group similar messages. */
function messageKey(message: string): string {
  return message.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, '#').slice(0, 120);
}

/**
 * Runs `count` fuzz cases of one format.
 * @param onCase called before each case with its index (the watchdog of the worker reads it)
 */
export function runCampaign(
  format: ImageFormat,
  count: number,
  seed: number,
  onCase: (index: number) => void = () => {},
): CampaignReport {
  const seeds = seedSamples()[format];
  const report: CampaignReport = {
    format,
    seed,
    cases: 0,
    calls: 0,
    valid: 0,
    clearErrors: 0,
    floatNonFinite: 0,
    maxMs: 0,
    defects: [],
    messages: {},
  };
  for (let index = 0; index < count; index++) {
    onCase(index);
    const { sample, bytes, ops } = caseInput(format, seed, index, seeds);
    report.cases++;
    const calls: ('decodeImage' | 'decodeMask')[] =
      index % 3 === 0 ? ['decodeImage', 'decodeMask'] : ['decodeImage'];
    for (const call of calls) {
      report.calls++;
      const defect = (problem: string): void => {
        report.defects.push({ format, index, sample: sample.name, ops, call, problem });
      };
      const t0 = performance.now();
      let problem: string | null = null;
      try {
        if (call === 'decodeImage') {
          const r = decodeImage(bytes, sample.name, { frame: sample.frame });
          const flags = { nonFinite: false };
          problem = invalidImage(r, flags);
          if (problem === null && flags.nonFinite) {
            if (floatSource(r.info.bitDepth, bytes, format)) report.floatNonFinite++;
            else problem = 'non-finite grey values from an integer image';
          }
        } else {
          problem = invalidMask(decodeMask(bytes, sample.name, { frame: sample.frame }));
        }
        if (problem === null) report.valid++;
      } catch (e) {
        problem = unclearError(e);
        if (problem === null) {
          report.clearErrors++;
          const key = messageKey(englishError(e));
          report.messages[key] = (report.messages[key] ?? 0) + 1;
        }
      }
      const ms = performance.now() - t0;
      report.maxMs = Math.max(report.maxMs, ms);
      if (ms > PER_INPUT_LIMIT_MS) defect(`took ${ms.toFixed(0)} ms (limit ${PER_INPUT_LIMIT_MS} ms)`);
      if (problem !== null) defect(problem);
    }
  }
  return report;
}
