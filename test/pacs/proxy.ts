/**
 * A same-origin reverse proxy for tests, as a hospital's nginx would be: `/dicom-web/…` (and
 * `/orthanc/…`, mapped to Orthanc's REST root) go to Orthanc; everything else goes to the app
 * (e.g. the browser harness's `serveStatic()` of dist/), so the app reaches the PACS on its own
 * origin (Orthanc sends no CORS headers, and the CSP allows only 'self').
 *
 * Options: a gateway Bearer token (`bearerToken`: requests to the PACS without
 * `Authorization: Bearer <token>` get 401, and the header is removed before Orthanc), and a switch to
 * simulate the PACS being down (`setDown('502')` answers 502 Bad Gateway like nginx with a dead
 * upstream, `setDown('reset')` drops the connection, `setDown(false)` restores). Requests to the PACS
 * are counted (`requests`) so tests can assert that nothing was contacted.
 *
 *   const app = await serveStatic();                    // test/browser/harness.ts
 *   const proxy = await startPacsProxy({ orthanc: pacs.url, app: app.url, bearerToken: 't0k' });
 *   page.goto(proxy.url)  → the app; DICOMweb root '/dicom-web' (same origin)
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

export interface PacsProxyOptions {
  /** Orthanc's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  orthanc: string;
  /** Where other paths go (the app's static server); without it they get 404. */
  app?: string;
  /** When set, PACS requests must carry this Bearer token (checked by the proxy, not Orthanc). */
  bearerToken?: string;
  /** Authorization header the proxy adds towards Orthanc (e.g. Orthanc's own Basic credentials). */
  upstreamAuthorization?: string;
}

export interface PacsProxy {
  /** http://127.0.0.1:<port>/ (with trailing slash, like the harness). */
  url: string;
  /** `${url}dicom-web` */
  dicomWeb: string;
  /** PACS requests seen (method and path), in order. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** Simulates the PACS being down ('502' gateway error, 'reset' connection dropped) or back up (false). */
  setDown(mode: '502' | 'reset' | false): void;
  /** Changes the accepted Bearer token (undefined: no token check). */
  setBearerToken(token: string | undefined): void;
  close(): Promise<void>;
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  headers: Record<string, string | string[] | undefined>,
  onStatus?: (s: number) => void,
): void {
  const up = httpRequest(target, { method: req.method, headers }, (upRes) => {
    onStatus?.(upRes.statusCode ?? 0);
    res.writeHead(upRes.statusCode ?? 502, upRes.headers);
    upRes.pipe(res);
  });
  up.on('error', () => {
    onStatus?.(502);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(up);
}

/** Starts the proxy on a random 127.0.0.1 port. */
export async function startPacsProxy(options: PacsProxyOptions): Promise<PacsProxy> {
  let down: '502' | 'reset' | false = false;
  let token = options.bearerToken;
  const requests: PacsProxy['requests'] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const isPacs = url.startsWith('/dicom-web') || url.startsWith('/orthanc/');
    if (!isPacs) {
      if (!options.app) {
        res.writeHead(404).end();
        return;
      }
      forward(req, res, new URL(url, options.app).toString(), {
        ...req.headers,
        host: new URL(options.app).host,
      });
      return;
    }
    const entry = { method: req.method ?? 'GET', path: url, status: 0 };
    requests.push(entry);
    if (down === 'reset') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (down === '502') {
      entry.status = 502;
      req.resume();
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
      return;
    }
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      host: new URL(options.orthanc).host,
    };
    if (token !== undefined) {
      if (req.headers.authorization !== `Bearer ${token}`) {
        entry.status = 401;
        req.resume();
        res
          .writeHead(401, { 'www-authenticate': 'Bearer realm="pacs"', 'content-type': 'text/plain' })
          .end('unauthorized');
        return;
      }
      delete headers.authorization;
    }
    if (options.upstreamAuthorization) headers.authorization = options.upstreamAuthorization;
    const upstreamPath = url.startsWith('/orthanc/') ? url.slice('/orthanc'.length) : url;
    forward(req, res, `${options.orthanc}${upstreamPath}`, headers, (s) => (entry.status = s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('proxy has no port');
  const url = `http://127.0.0.1:${addr.port}/`;
  return {
    url,
    dicomWeb: `${url}dicom-web`,
    requests,
    setDown: (mode) => (down = mode),
    setBearerToken: (t) => (token = t),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
