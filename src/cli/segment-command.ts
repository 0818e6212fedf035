/**
 * `sonomir segment`: the app's semi-automatic lesion segmentation from the command line — an image and
 * a box (plus optional lesion/background stroke disks) → a 0/255 PNG mask of the image's size. Same
 * code as the app's worker (src/roi/segment), so the same input gives the same mask, bit for bit.
 */
import path from 'node:path';
import { decodeImage } from '../imaging';
import { englishError } from '../i18n/render';
import { encodeMaskPng } from '../roi/maskPng';
import { segmentLesion, type Box, type SegmentStroke } from '../roi/segment/segment';
import { MessageError } from '../util/message';
import { parseOptions } from './extract-commands';
import type { CliIo } from './io';

const SEGMENT_USAGE = `Usage: sonomir segment --image IMG --box x0,y0,x1,y1 [--fg x,y,r]… [--bg x,y,r]… --out mask.png
  --image  2-D image (PNG, JPEG, BMP, TIFF, DICOM)
  --box    the lesion box in pixel coordinates, half-open: columns x0…x1−1, rows y0…y1−1
  --fg     a disk (centre x,y and radius r, pixels) that is lesion; may be repeated
  --bg     a disk that is not lesion; may be repeated
  --out    output mask: 8-bit PNG of the image's size, 255 = lesion, 0 = background
Exit code 0 on success, 2 for bad arguments or an unreadable image.
`;

// The two errors below are usage errors of `--box`/`--fg`/`--bg`: English, printed only by the CLI.
function numbers(value: string, count: number, what: string): number[] {
  const parts = value.split(',').map((v) => Number(v.trim()));
  if (parts.length !== count || parts.some((v) => !Number.isFinite(v))) {
    throw new Error(`${what} must be ${count} comma-separated numbers, got "${value}".`);
  }
  return parts;
}

function disk(value: string, mode: SegmentStroke['mode'], flag: string): SegmentStroke {
  const [x, y, r] = numbers(value, 3, `--${flag}`);
  if (!(r > 0)) throw new Error(`--${flag} radius must be positive, got "${value}".`);
  // Pixel coordinates name pixels: the disk is centred on the pixel's centre.
  return { mode, points: [{ x: x + 0.5, y: y + 0.5 }], radius: r };
}

/**
 * `sonomir segment`.
 * @returns exit code: 0 success, 2 bad arguments, unreadable image or a segmentation message
 */
export function runSegment(argv: string[], io: CliIo): number {
  const fail = (text: string): number => {
    io.stderr(`sonomir segment: ${text.split('\n')[0]}\n`);
    return 2;
  };
  try {
    const repeated = { fg: [] as string[], bg: [] as string[] };
    const flags = parseOptions(argv, ['image', 'box', 'fg', 'bg', 'out'], SEGMENT_USAGE, repeated);
    if (flags.help) {
      io.stdout(SEGMENT_USAGE);
      return 0;
    }
    if (flags.image === undefined || flags.box === undefined || flags.out === undefined) {
      return fail('--image, --box and --out are required (see sonomir segment --help).');
    }
    const box = numbers(flags.box, 4, '--box') as unknown as Box;
    const strokes = [
      ...repeated.fg.map((v) => disk(v, 'add', 'fg')),
      ...repeated.bg.map((v) => disk(v, 'remove', 'bg')),
    ];
    const file = path.basename(flags.image);
    let image;
    try {
      image = decodeImage(io.readFile(flags.image), file).image;
    } catch (e) {
      const detail = englishError(e);
      throw new MessageError('segment.unreadableImage', { file, detail });
    }
    const [nz, height, width] = image.size;
    if (nz !== 1)
      throw new MessageError('segment.unreadableImage', {
        file,
        detail: `${nz} slices; a 2-D image is needed`,
      });
    const mask = segmentLesion({ width, height, data: image.data }, box, strokes);
    io.writeFile(flags.out, encodeMaskPng(mask, width, height));
    return 0;
  } catch (e) {
    return fail(englishError(e));
  }
}
