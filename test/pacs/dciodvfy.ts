/** dicom3tools' `dciodvfy` (IOD validator) on DICOM bytes, for the SR tests. Node only. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DCIODVFY = process.env.DCIODVFY ?? '/usr/bin/dciodvfy';

/** Runs dciodvfy on the bytes: its error and warning lines. */
export async function dciodvfy(bytes: Uint8Array): Promise<{ errors: string[]; warnings: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sonomir-sr-'));
  try {
    const file = path.join(dir, 'sr.dcm');
    await writeFile(file, bytes);
    const r = spawnSync(DCIODVFY, [file], { encoding: 'utf8' });
    if (r.error || r.status === null) {
      throw new Error(
        `dciodvfy could not run (${DCIODVFY}; apt-get install dicom3tools): ${r.error?.message ?? r.signal}`,
      );
    }
    const lines = `${r.stdout}\n${r.stderr}`.split('\n');
    return {
      errors: lines.filter((l) => l.startsWith('Error')),
      warnings: lines.filter((l) => l.startsWith('Warning')),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
