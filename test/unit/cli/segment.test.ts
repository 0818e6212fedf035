/** `sonomir segment`: a 0/255 PNG mask of the image's size, deterministic; bad arguments → one line, exit 2. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { runSegment } from '../../../src/cli/segment-command';
import type { CliIo } from '../../../src/cli/io';
import { decodeImage } from '../../../src/imaging';
import { segmentLesion } from '../../../src/roi/segment/segment';

const BUSI = path.resolve(__dirname, '../../../../shared/segmentation/busi');
const IMAGE = path.join(BUSI, '10089_image.png');

function memoryIo() {
  const out = { stdout: '', stderr: '', files: {} as Record<string, Uint8Array> };
  const io: CliIo = {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    readFile: (p) => new Uint8Array(readFileSync(p)),
    writeFile: (p, d) => (out.files[p] = typeof d === 'string' ? new TextEncoder().encode(d) : d),
  };
  return { io, out };
}

describe('sonomir segment', () => {
  it('writes the mask of segmentLesion as a 0/255 PNG of the image size, the same bytes every run', () => {
    const args = [
      '--image',
      IMAGE,
      '--box',
      '90,100,330,330',
      '--fg',
      '200,210,4',
      '--bg',
      '95,105,3',
      '--out',
      'm.png',
    ];
    const a = memoryIo();
    expect(runSegment(args, a.io)).toBe(0);
    expect(a.out.stderr).toBe('');
    const png = decode(a.out.files['m.png']);
    const img = decodeImage(new Uint8Array(readFileSync(IMAGE)), IMAGE).image;
    const [, h, w] = img.size;
    expect([png.width, png.height, png.channels]).toEqual([w, h, 1]);
    expect(new Set(png.data)).toEqual(new Set([0, 255]));
    const expected = segmentLesion(
      { width: w, height: h, data: img.data },
      [90, 100, 330, 330],
      [
        { mode: 'add', points: [{ x: 200.5, y: 210.5 }], radius: 4 },
        { mode: 'remove', points: [{ x: 95.5, y: 105.5 }], radius: 3 },
      ],
    );
    expect(Uint8Array.from(png.data as Uint8Array, (v) => (v ? 1 : 0))).toEqual(expected);
    const b = memoryIo();
    expect(runSegment(args, b.io)).toBe(0);
    expect(b.out.files['m.png']).toEqual(a.out.files['m.png']);
  }, 120_000);

  it.each([
    [['--box', '10,10,5000,50'], /lies outside the \d+ × \d+ image/],
    [['--box', '50,10,50,60'], /lesion box is empty/],
    [['--box', '10,10,14,60'], /at least 8 pixels/],
    [['--box', '10,10,60'], /--box must be 4 comma-separated numbers/],
    [['--box', '10,10,60,60', '--fg', '1,2'], /--fg must be 3 comma-separated numbers/],
  ])('rejects %j with one clear line and exit 2', (extra, text) => {
    const { io, out } = memoryIo();
    expect(runSegment(['--image', IMAGE, '--out', 'm.png', ...extra], io)).toBe(2);
    expect(out.stderr).toMatch(text);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.files).toEqual({});
  });

  it('reports an unreadable or missing image and missing options with exit 2', () => {
    const bad = memoryIo();
    bad.io.readFile = () => new TextEncoder().encode('not an image at all');
    expect(runSegment(['--image', 'x.png', '--box', '0,0,20,20', '--out', 'm.png'], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/^sonomir segment: The image "x\.png" cannot be read: /);
    const missing = memoryIo();
    expect(
      runSegment(['--image', '/nonexistent/x.png', '--box', '0,0,20,20', '--out', 'm.png'], missing.io),
    ).toBe(2);
    expect(missing.out.stderr).toMatch(/cannot be read/);
    const none = memoryIo();
    expect(runSegment(['--image', IMAGE], none.io)).toBe(2);
    expect(none.out.stderr).toMatch(/--image, --box and --out are required/);
  });
});
