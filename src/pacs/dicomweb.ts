/**
 * A thin DICOMweb client on `fetch` (QIDO-RS, WADO-RS, STOW-RS): no DICOMweb library, no DOM (runs
 * in the app, workers and Node). Every failure is a `MessageError` with a `pacs.*` code (types.ts).
 *
 * Must stay true:
 * - Retrieve always asks `transfer-syntax=*` so the server returns the ORIGINAL bytes (JPEG baseline
 *   YBR_FULL_422, RLE …). A default Accept lets servers transcode (Orthanc: to Explicit VR Little
 *   Endian, ~10× larger, with RGB pixels left under the original YBR metadata) — wrong pixels.
 * - Credentials are read per request (a Bearer token provider is called for every request).
 * - QIDO values are sent unencoded where the URL syntax allows it: Orthanc 1.10 does not
 *   percent-decode query values, so `%20` would be searched literally. Values that need encoding
 *   (non-ASCII such as Chinese names, or URL delimiters) are refused with `pacs.nonAsciiQuery`
 *   — search by Patient ID, accession number and date instead.
 */
import { MessageError } from '../util/message';
import type {
  DicomwebConfig,
  FailedInstance,
  InstanceSummary,
  SeriesSummary,
  StoreResult,
  StoredInstance,
  StudyQuery,
  StudySummary,
} from './types';

/** Accept header of a whole-instance retrieve: original transfer syntax, never transcoded. */
export const ACCEPT_DICOM_ORIGINAL = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/** The DICOM JSON model (PS3.18 F.2): tag (8 hex digits) → {vr, Value?}. */
export type DicomJson = Record<
  string,
  { vr: string; Value?: unknown[]; InlineBinary?: string; BulkDataURI?: string }
>;

/** Default per-request timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** The DICOMweb root without trailing slashes; `pacs.badUrl` unless http(s) or an absolute path. */
export function normaliseRoot(root: string): string {
  const r = root.trim().replace(/\/+$/, '');
  if (r.startsWith('/') && !r.startsWith('//')) return r;
  try {
    const u = new URL(r);
    if (u.protocol === 'http:' || u.protocol === 'https:') return r;
  } catch {
    // fall through
  }
  throw new MessageError('pacs.badUrl', { url: root });
}

/** Base64 of a UTF-8 string (Basic authentication), without DOM or Node APIs. */
function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63];
    out += i + 1 < bytes.length ? abc[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? abc[n & 63] : '=';
  }
  return out;
}

/** Characters a QIDO value may carry unencoded (printable ASCII minus URL delimiters). */
const SAFE_QUERY_VALUE = /^[A-Za-z0-9\-._~*^,:;!$'()@/\\ ]*$/;

/** Builds a query string; refuses values Orthanc 1.10 would not decode (see the module comment). */
export function qidoQuery(params: Array<[string, string]>): string {
  const parts: string[] = [];
  for (const [k, v] of params) {
    if (v === '') continue;
    if (!SAFE_QUERY_VALUE.test(v)) throw new MessageError('pacs.nonAsciiQuery', { field: k });
    // A space is the one character that must be encoded; '%20' is what every server decodes.
    parts.push(`${k}=${v.replace(/ /g, '%20')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** First value of a DICOM JSON attribute as text ('' when absent). PN → its Alphabetic group. */
export function jsonString(ds: DicomJson, tag: string): string {
  const v = ds[tag]?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return String((v as { Alphabetic?: string }).Alphabetic ?? '');
  return String(v);
}

/** First value of a DICOM JSON attribute as a number (null when absent or not numeric). */
export function jsonNumber(ds: DicomJson, tag: string): number | null {
  const v = ds[tag]?.Value?.[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Index of `needle` in `hay` at or after `from`, or -1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** The `boundary` parameter of a multipart Content-Type (quoted or not), or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** One part of a multipart body: its headers (lower-case names) and its bytes. */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Splits a multipart/related body (RFC 2046) into its parts. The boundary comes from the
 * Content-Type; a preamble and epilogue are ignored; the CRLF before each delimiter belongs to the
 * delimiter (so part bodies are byte-exact). Bare-LF line ends are tolerated.
 * @throws MessageError pacs.badResponse when there is no boundary or no closing delimiter
 */
export function parseMultipart(body: Uint8Array, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary)
    throw new MessageError('pacs.badResponse', { detail: `no multipart boundary in "${contentType}"` });
  const enc = new TextEncoder();
  const delim = enc.encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = indexOfBytes(body, delim, 0);
  if (pos < 0)
    throw new MessageError('pacs.badResponse', { detail: 'multipart boundary not found in the body' });
  for (;;) {
    let p = pos + delim.length;
    // "--" after the delimiter closes the multipart body.
    if (body[p] === 0x2d && body[p + 1] === 0x2d) return parts;
    // Skip transport padding and the line end after the delimiter.
    while (body[p] === 0x20 || body[p] === 0x09) p++;
    if (body[p] === 0x0d) p++;
    if (body[p] === 0x0a) p++;
    // Headers end at an empty line.
    const headers: Record<string, string> = {};
    for (;;) {
      let eol = body.indexOf(0x0a, p);
      if (eol < 0) throw new MessageError('pacs.badResponse', { detail: 'truncated multipart headers' });
      const lineEnd = eol > p && body[eol - 1] === 0x0d ? eol - 1 : eol;
      const line = new TextDecoder().decode(body.subarray(p, lineEnd));
      p = eol + 1;
      if (line === '') break;
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      eol = 0;
    }
    const next = indexOfBytes(body, delim, p);
    if (next < 0) throw new MessageError('pacs.badResponse', { detail: 'multipart body is not closed' });
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    parts.push({ headers, body: body.slice(p, Math.max(p, end)) });
    pos = next;
  }
}

/** A multipart/related body of `application/dicom` parts and its Content-Type (STOW-RS). */
export function buildMultipart(
  objects: Uint8Array[],
  boundary: string,
): { body: Uint8Array; contentType: string } {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const o of objects) {
    chunks.push(
      enc.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      o,
      enc.encode('\r\n'),
    );
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    body.set(c, off);
    off += c.length;
  }
  return { body, contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}

/** Reads a STOW-RS response message (DICOM JSON) into stored and failed instances. */
export function parseStoreResponse(status: number, json: unknown): StoreResult {
  const ds = (Array.isArray(json) ? json[0] : json) as DicomJson | undefined;
  if (!ds || typeof ds !== 'object') {
    throw new MessageError('pacs.badResponse', {
      detail: `STOW-RS answer (HTTP ${status}) is not DICOM JSON`,
    });
  }
  const items = (tag: string): DicomJson[] => (ds[tag]?.Value ?? []) as DicomJson[];
  const stored: StoredInstance[] = items('00081199').map((it) => ({
    sopClassUid: jsonString(it, '00081150'),
    sopInstanceUid: jsonString(it, '00081155'),
    retrieveUrl: jsonString(it, '00081190'),
  }));
  const failed: FailedInstance[] = items('00081198').map((it) => {
    const r = jsonNumber(it, '00081197');
    return {
      sopClassUid: jsonString(it, '00081150'),
      sopInstanceUid: jsonString(it, '00081155'),
      reason: r === null ? '' : r.toString(16).toUpperCase().padStart(4, '0'),
    };
  });
  return { status, stored, failed };
}

/** A DICOMweb client bound to one configuration. */
export interface DicomwebClient {
  /** Checks that the root answers QIDO-RS (`/studies?limit=1`) with these credentials. */
  testConnection(): Promise<void>;
  /** QIDO-RS studies (default modality US). */
  searchStudies(query: StudyQuery): Promise<StudySummary[]>;
  /** QIDO-RS series of a study (all modalities, or `modality` only). */
  searchSeries(studyUid: string, modality?: string): Promise<SeriesSummary[]>;
  /** QIDO-RS instances of a series. */
  searchInstances(studyUid: string, seriesUid: string): Promise<InstanceSummary[]>;
  /** QIDO-RS: whether the PACS holds this instance (how a STOW-RS "stored" answer is confirmed). */
  instanceExists(studyUid: string, seriesUid: string, sopUid: string): Promise<boolean>;
  /** WADO-RS: the instance's original Part 10 bytes (transfer-syntax=*). */
  retrieveInstance(studyUid: string, seriesUid: string, sopUid: string): Promise<Uint8Array>;
  /**
   * WADO-RS rendered JPEG of a frame (1-based), or null when the server cannot render it (then decode
   * the retrieved instance instead). Used for thumbnails.
   */
  rendered(studyUid: string, seriesUid: string, sopUid: string, frame?: number): Promise<Uint8Array | null>;
  /**
   * STOW-RS into the study. Resolves with the server's per-instance answer (HTTP 200/202/409 with a
   * response message); the caller decides what a failure means (see outbox.ts). Throws for transport
   * and authentication errors (pacs.unreachable, pacs.unauthorized, …).
   */
  store(objects: Uint8Array[], studyUid?: string): Promise<StoreResult>;
}

/** Creates a DICOMweb client; nothing is contacted until a method is called. */
export function createDicomwebClient(config: DicomwebConfig): DicomwebClient {
  const root = normaliseRoot(config.root);
  const doFetch =
    config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function headers(extra: Record<string, string>): Promise<Record<string, string>> {
    const h = { ...extra };
    const a = config.auth;
    if (a.kind === 'basic') h.Authorization = `Basic ${base64Utf8(`${a.user}:${a.password}`)}`;
    else if (a.kind === 'bearer') h.Authorization = `Bearer ${await a.getToken()}`;
    return h;
  }

  /** One request; maps transport and HTTP errors to codes. `ok` lists extra statuses to return. */
  async function request(
    path: string,
    init: RequestInit,
    what: string,
    ok: number[] = [],
  ): Promise<Response> {
    const url = `${root}${path}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    let res: Response;
    try {
      // With explicit credentials (Basic/Bearer header) the browser's own HTTP-auth state is not used:
      // 'omit' keeps a 401 with `WWW-Authenticate: Basic` from opening the browser's native login
      // prompt (or hanging a headless one) — the app asks again itself (authPrompt).
      const credentials: RequestCredentials = config.auth.kind === 'none' ? 'same-origin' : 'omit';
      res = await doFetch(url, { ...init, signal: ctrl.signal, credentials });
    } catch (e) {
      throw new MessageError('pacs.unreachable', { url: root }, { cause: e });
    } finally {
      clearTimeout(timer);
    }
    if (res.ok || ok.includes(res.status)) return res;
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 401) throw new MessageError('pacs.unauthorized');
    if (res.status === 403) throw new MessageError('pacs.forbidden');
    if (res.status === 404) throw new MessageError('pacs.notFound', { what });
    if (res.status === 503) throw new MessageError('pacs.unavailable', { status: res.status });
    if (res.status === 502 || res.status === 504) throw new MessageError('pacs.unreachable', { url: root });
    throw new MessageError('pacs.httpError', { status: res.status });
  }

  async function qido(path: string, what: string): Promise<DicomJson[]> {
    const res = await request(path, { headers: await headers({ Accept: 'application/dicom+json' }) }, what);
    if (res.status === 204) return [];
    const text = await res.text();
    if (text.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MessageError('pacs.badResponse', { detail: `QIDO-RS answer for ${what} is not JSON` });
    }
    if (!Array.isArray(json))
      throw new MessageError('pacs.badResponse', { detail: `QIDO-RS answer for ${what} is not a list` });
    return json as DicomJson[];
  }

  return {
    async testConnection() {
      await qido('/studies?limit=1', 'studies');
    },

    async searchStudies(q) {
      const modality = q.modality ?? 'US';
      const range = q.dateFrom || q.dateTo ? `${q.dateFrom ?? ''}-${q.dateTo ?? ''}` : '';
      const query = qidoQuery([
        ['PatientID', q.patientId?.trim() ?? ''],
        ['AccessionNumber', q.accessionNumber?.trim() ?? ''],
        ['StudyDate', range],
        ['ModalitiesInStudy', modality],
        ['limit', String(q.limit ?? 100)],
        ['includefield', '00081030,00201206,00201208,00080061'],
      ]);
      const list = await qido(`/studies${query}`, 'studies');
      return list.map((s) => ({
        studyInstanceUid: jsonString(s, '0020000D'),
        patientName: jsonString(s, '00100010'),
        patientId: jsonString(s, '00100020'),
        studyDate: jsonString(s, '00080020'),
        studyTime: jsonString(s, '00080030'),
        accessionNumber: jsonString(s, '00080050'),
        studyDescription: jsonString(s, '00081030'),
        modalities: ((s['00080061']?.Value ?? []) as unknown[]).map(String),
        numberOfSeries: jsonNumber(s, '00201206'),
        numberOfInstances: jsonNumber(s, '00201208'),
      }));
    },

    async searchSeries(studyUid, modality) {
      const query = qidoQuery([
        ['Modality', modality ?? ''],
        ['includefield', '0008103E,00200011,00201209'],
      ]);
      const list = await qido(`/studies/${studyUid}/series${query}`, 'series');
      return list.map((s) => ({
        studyInstanceUid: studyUid,
        seriesInstanceUid: jsonString(s, '0020000E'),
        modality: jsonString(s, '00080060'),
        seriesNumber: jsonNumber(s, '00200011'),
        seriesDescription: jsonString(s, '0008103E'),
        numberOfInstances: jsonNumber(s, '00201209'),
      }));
    },

    async searchInstances(studyUid, seriesUid) {
      const query = qidoQuery([['includefield', '00280008,00280010,00280011,00200013']]);
      const list = await qido(`/studies/${studyUid}/series/${seriesUid}/instances${query}`, 'instances');
      return list.map((s) => ({
        studyInstanceUid: studyUid,
        seriesInstanceUid: seriesUid,
        sopInstanceUid: jsonString(s, '00080018'),
        sopClassUid: jsonString(s, '00080016'),
        instanceNumber: jsonNumber(s, '00200013'),
        numberOfFrames: jsonNumber(s, '00280008'),
        rows: jsonNumber(s, '00280010'),
        columns: jsonNumber(s, '00280011'),
      }));
    },

    async instanceExists(studyUid, seriesUid, sopUid) {
      const query = qidoQuery([['SOPInstanceUID', sopUid]]);
      try {
        const list = await qido(`/studies/${studyUid}/series/${seriesUid}/instances${query}`, 'instances');
        return list.some((s) => jsonString(s, '00080018') === sopUid);
      } catch (e) {
        if (e instanceof MessageError && e.code === 'pacs.notFound') return false;
        throw e;
      }
    },

    async retrieveInstance(studyUid, seriesUid, sopUid) {
      const res = await request(
        `/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}`,
        { headers: await headers({ Accept: ACCEPT_DICOM_ORIGINAL }) },
        'instance',
      );
      const type = res.headers.get('Content-Type') ?? '';
      const body = new Uint8Array(await res.arrayBuffer());
      if (!/^multipart\/related/i.test(type)) {
        throw new MessageError('pacs.badResponse', {
          detail: `retrieve answered "${type}", not multipart/related`,
        });
      }
      const parts = parseMultipart(body, type);
      if (parts.length === 0) throw new MessageError('pacs.notFound', { what: 'instance' });
      return parts[0].body;
    },

    async rendered(studyUid, seriesUid, sopUid, frame = 1) {
      try {
        const res = await request(
          `/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/frames/${frame}/rendered`,
          { headers: await headers({ Accept: 'image/jpeg' }) },
          'rendered frame',
        );
        if (!/^image\//i.test(res.headers.get('Content-Type') ?? '')) return null;
        return new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        // Rendering is optional in DICOMweb: an unsupported route (404/406/400) means "decode it yourself".
        if (e instanceof MessageError && (e.code === 'pacs.notFound' || e.code === 'pacs.httpError'))
          return null;
        throw e;
      }
    },

    async store(objects, studyUid) {
      const boundary = `sonomir-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
      const { body, contentType } = buildMultipart(objects, boundary);
      const res = await request(
        studyUid ? `/studies/${studyUid}` : '/studies',
        {
          method: 'POST',
          headers: await headers({ 'Content-Type': contentType, Accept: 'application/dicom+json' }),
          body: body as Uint8Array<ArrayBuffer>,
        },
        'study',
        [400, 409],
      );
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text.trim() === '' ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      if (json === null) {
        if (res.status === 409) throw new MessageError('pacs.conflict', { reason: text.slice(0, 200) });
        if (res.status === 400)
          throw new MessageError('pacs.badResponse', { detail: text.slice(0, 200) || 'HTTP 400' });
        throw new MessageError('pacs.badResponse', {
          detail: `STOW-RS answer (HTTP ${res.status}) is not DICOM JSON`,
        });
      }
      return parseStoreResponse(res.status, json);
    },
  };
}
