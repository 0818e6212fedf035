/**
 * Just enough PDF reading to check Chromium's printed output: page count, page size, images, and the
 * text (FlateDecode content streams inflated with fflate, glyph codes mapped through each font's
 * ToUnicode CMap). Not a general PDF parser: it expects Chromium/Skia's uncompressed object layout.
 */
import { unzlibSync } from 'fflate';

interface PdfObject {
  dict: string;
  stream: Uint8Array | null;
}

const latin1 = new TextDecoder('latin1');

/** Every `N G obj … endobj` of the file, with its dictionary text and (inflated) stream. */
function readObjects(pdf: Uint8Array): Map<number, PdfObject> {
  const text = latin1.decode(pdf);
  const out = new Map<number, PdfObject>();
  const re = /(\d+)\s+\d+\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let dict = body;
    let stream: Uint8Array | null = null;
    if (s >= 0 && body.lastIndexOf('endstream') > s) {
      dict = body.slice(0, s);
      let from = start + s + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const to = text.lastIndexOf('endstream', end);
      let raw = pdf.subarray(from, to);
      // Drop the end-of-line before "endstream".
      while (raw.length && (raw[raw.length - 1] === 0x0a || raw[raw.length - 1] === 0x0d))
        raw = raw.subarray(0, raw.length - 1);
      stream = /\/FlateDecode/.test(dict) ? unzlibSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

/** Glyph code (hex) → Unicode text of one ToUnicode CMap. */
function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexToText = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(p[1].toLowerCase(), hexToText(p[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(r[1], 16);
      const hi = parseInt(r[2], 16);
      const width = r[1].length;
      const dst = r[3];
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]);
        for (let c = lo; c <= hi && c - lo < items.length; c++)
          map.set(c.toString(16).padStart(width, '0'), hexToText(items[c - lo]));
      } else {
        const base = dst.slice(1, -1);
        const last = parseInt(base.slice(-4), 16);
        for (let c = lo; c <= hi; c++) {
          const hex = base.slice(0, -4) + (last + c - lo).toString(16).padStart(4, '0');
          map.set(c.toString(16).padStart(width, '0'), hexToText(hex));
        }
      }
    }
  }
  return map;
}

export interface PdfSummary {
  pages: number;
  /** [width, height] of each page's MediaBox in points. */
  mediaBoxes: [number, number][];
  images: number;
  /** The text drawn on all pages, in content-stream order. */
  text: string;
}

/** Page count, page sizes, image count and text of a PDF written by Chromium. */
export function readPdf(pdf: Uint8Array): PdfSummary {
  const objects = readObjects(pdf);
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict));
  const mediaBoxes = pages.map((p) => {
    const m = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(p.dict);
    return (m ? [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])] : [0, 0]) as [number, number];
  });
  const images = [...objects.values()].filter((o) => /\/Subtype\s*\/Image/.test(o.dict)).length;

  // Font resource name → CMap, from every /Font << /Name N 0 R … >> dictionary of the file.
  const fonts = new Map<string, Map<string, string>>();
  const fontDicts = [...objects.values()].flatMap((o) => [...o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)]);
  for (const d of fontDicts) {
    for (const f of d[1].matchAll(/\/([\w.+-]+)\s+(\d+)\s+\d+\s+R/g)) {
      const font = objects.get(Number(f[2]));
      const tu = font && /\/ToUnicode\s+(\d+)\s+\d+\s+R/.exec(font.dict);
      const cmap = tu && objects.get(Number(tu[1]))?.stream;
      if (cmap) fonts.set(f[1], parseCMap(latin1.decode(cmap)));
    }
  }

  // Content streams: the /Contents of each page (and form XObjects, where Skia may put text).
  const contentIds = new Set<number>();
  for (const p of pages) {
    const c = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(p.dict);
    if (c) for (const r of c[1].matchAll(/(\d+)\s+\d+\s+R/g)) contentIds.add(Number(r[1]));
  }
  for (const [id, o] of objects) if (/\/Subtype\s*\/Form/.test(o.dict)) contentIds.add(id);

  let text = '';
  for (const id of contentIds) {
    const stream = objects.get(id)?.stream;
    if (!stream) continue;
    const ops = latin1.decode(stream);
    let cmap: Map<string, string> | undefined;
    const re = /\/([\w.+-]+)\s+[-\d.]+\s+Tf|(\[(?:[^\]\\]|\\.)*\])\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\b(ET)\b/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ops))) {
      if (m[1]) cmap = fonts.get(m[1]);
      else if (m[4]) text += '\n';
      else {
        const hexes = m[2] ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : [m[3]];
        for (const hex of hexes) {
          for (let i = 0; i + 4 <= hex.length; i += 4) {
            const code = hex.slice(i, i + 4).toLowerCase();
            text += cmap?.get(code) ?? '';
          }
        }
      }
    }
  }
  return { pages: pages.length, mediaBoxes, images, text };
}

/** Text without any white space, for searching text that the PDF splits across lines and runs. */
export function squash(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}
