/**
 * Seed data for the PACS tests: ultrasound DICOM made by the project's writer
 * (test/unit/imaging/dicomWriter.ts) and compressed by DCMTK's `dcmcjpeg` to JPEG baseline
 * YBR_FULL_422 — as ultrasound systems send them — multi-frame, with a calibrated Sequence of
 * Ultrasound Regions, Chinese patient names (SpecificCharacterSet ISO_IR 192), Patient ID,
 * accession number, study date and modality US. Node only (child process, temp files).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { textElement, type DicomElement } from '../../src/pacs/dicomWrite';
import { writeDicom } from '../unit/imaging/dicomWriter';

export const DCMCJPEG = process.env.DCMCJPEG ?? '/usr/bin/dcmcjpeg';

/** One seeded instance. */
export interface SeedInstance {
  /** The JPEG file as given to the PACS (what a byte-exact retrieve must return). */
  file: string;
  bytes: Uint8Array;
  patientName: string;
  patientId: string;
  accessionNumber: string;
  studyDate: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  frames: number;
  rows: number;
  columns: number;
}

export interface SeedSet {
  dir: string;
  instances: SeedInstance[];
  /** Removes the temp dir. */
  cleanup(): Promise<void>;
}

/** Fixed UID root of the seed data (2.25 + a fixed UUID-derived integer, then counters). */
const ROOT = '2.25.109881205702983720319688003305411347821';

/** Synthetic B-mode frame: speckle with a dark, slightly moving oval lesion (RGB, grey replicated). */
function ultrasoundFrames(rows: number, cols: number, frames: number, seed: number): number[] {
  const out: number[] = [];
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let f = 0; f < frames; f++) {
    const cx = cols * 0.5 + f * 6;
    const cy = rows * 0.55;
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const dx = (x - cx) / (cols * 0.16);
        const dy = (y - cy) / (rows * 0.12);
        const inside = dx * dx + dy * dy < 1;
        const depth = 1 - y / rows / 2;
        const base = inside ? 45 : 110 * depth;
        const v = Math.max(0, Math.min(255, Math.round(base + (rand() - 0.5) * (inside ? 40 : 90))));
        out.push(v, v, v);
      }
    }
  }
  return out;
}

/** Patient, study and series attributes (UTF-8 text, ISO_IR 192). */
function attributes(p: {
  name: string;
  id: string;
  accession: string;
  date: string;
  study: string;
  series: string;
  sex: string;
  birth: string;
}): DicomElement[] {
  return [
    textElement(0x00080005, 'CS', 'ISO_IR 192'),
    textElement(0x00080020, 'DA', p.date),
    textElement(0x00080030, 'TM', '101500'),
    textElement(0x00080050, 'SH', p.accession),
    textElement(0x00080070, 'LO', 'SonoMiR test'),
    textElement(0x00080090, 'PN', ''),
    textElement(0x00081030, 'LO', '乳腺超声 Breast US'),
    textElement(0x0008103e, 'LO', 'B-mode'),
    textElement(0x00100010, 'PN', p.name),
    textElement(0x00100020, 'LO', p.id),
    textElement(0x00100030, 'DA', p.birth),
    textElement(0x00100040, 'CS', p.sex),
    textElement(0x0020000d, 'UI', p.study),
    textElement(0x0020000e, 'UI', p.series),
    textElement(0x00200010, 'SH', '1'),
    textElement(0x00200011, 'IS', '1'),
    textElement(0x00200013, 'IS', '1'),
    textElement(0x00200020, 'CS', ''),
  ];
}

/** The patients of the seed set. */
const PATIENTS = [
  {
    name: '王^小红=ワン^ショウホン',
    id: 'SMR-0001',
    accession: 'ACC1001',
    date: '20250314',
    sex: 'F',
    birth: '19700101',
    frames: 4,
  },
  {
    name: '李^秀英',
    id: 'SMR-0002',
    accession: 'ACC1002',
    date: '20250402',
    sex: 'F',
    birth: '19650615',
    frames: 1,
  },
];

/**
 * Writes the seed instances into a temp dir: patient 1 a 4-frame 640×480 clip, patient 2 a single
 * frame, both JPEG baseline YBR_FULL_422 via `dcmcjpeg +eb +cy +s2 +un` (SOP Instance UIDs kept).
 */
export async function makeSeedSet(options: { patients?: number } = {}): Promise<SeedSet> {
  if (!existsSync(DCMCJPEG))
    throw new Error(`dcmcjpeg is not installed (${DCMCJPEG}; apt-get install dcmtk)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'sonomir-seed-'));
  const instances: SeedInstance[] = [];
  const rows = 480;
  const columns = 640;
  for (const [k, p] of PATIENTS.slice(0, options.patients ?? PATIENTS.length).entries()) {
    const study = `${ROOT}.${k + 1}`;
    const series = `${study}.1`;
    const sop = `${series}.1`;
    const raw = writeDicom({
      rows,
      columns,
      samplesPerPixel: 3,
      photometric: 'RGB',
      frames: p.frames,
      pixels: ultrasoundFrames(rows, columns, p.frames, 1234 + k),
      sopClassUid: p.frames > 1 ? '1.2.840.10008.5.1.4.1.1.3.1' : '1.2.840.10008.5.1.4.1.1.6.1',
      sopInstanceUid: sop,
      regions: [
        {
          minX0: 40,
          minY0: 30,
          maxX1: 600,
          maxY1: 450,
          unitsX: 3,
          unitsY: 3,
          deltaX: 0.0075,
          deltaY: 0.0075,
        },
      ],
      attributes: attributes({ ...p, study, series }),
    });
    const rawFile = path.join(dir, `p${k + 1}-raw.dcm`);
    const file = path.join(dir, `p${k + 1}-jpeg.dcm`);
    await writeFile(rawFile, raw);
    execFileSync(DCMCJPEG, ['+eb', '+cy', '+s2', '+un', rawFile, file], { stdio: 'pipe' });
    await rm(rawFile);
    instances.push({
      file,
      bytes: new Uint8Array(await readFile(file)),
      patientName: p.name,
      patientId: p.id,
      accessionNumber: p.accession,
      studyDate: p.date,
      studyInstanceUid: study,
      seriesInstanceUid: series,
      sopClassUid: p.frames > 1 ? '1.2.840.10008.5.1.4.1.1.3.1' : '1.2.840.10008.5.1.4.1.1.6.1',
      sopInstanceUid: sop,
      frames: p.frames,
      rows,
      columns,
    });
  }
  return { dir, instances, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
