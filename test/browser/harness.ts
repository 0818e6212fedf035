/**
 * Browser-test harness: serves the production build (dist/) on 127.0.0.1 with a tiny static server
 * and drives Debian Chromium through playwright-core. Every page records console errors, uncaught
 * exceptions and any request to a host other than 127.0.0.1/localhost, so tests can assert that the
 * app works offline and leaks nothing.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHARED = path.resolve(ROOT, '../shared');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve `dir` on 127.0.0.1 (random port). `headers` are added to every response (e.g. a CSP). */
export async function serveStatic(dir = DIST, headers: Record<string, string> = {}): Promise<StaticServer> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`No production build in ${dir}: run "npm run build" before the browser tests.`);
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let file = path.normalize(path.join(dir, urlPath));
      if (!file.startsWith(dir)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
          ...headers,
        });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Launch Debian Chromium headless with the flags this machine needs (no background networking). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  // playwright-core's launch() always starts Chromium with a fresh temporary --user-data-dir.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did that a test must check: console errors, page errors, requests leaving the machine. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  externalRequests: string[];
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** Attach the watchers of PageLog to every page of a context (including workers' requests). */
export function watchContext(context: BrowserContext): PageLog {
  const log: PageLog = { consoleErrors: [], pageErrors: [], externalRequests: [] };
  context.on('request', (req) => {
    if (!isLocal(req.url())) log.externalRequests.push(req.url());
  });
  const watchPage = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') log.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => log.pageErrors.push(String(err)));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  // Block anything non-local at the network layer too, so a leak can never succeed silently.
  void context.route(
    (url) => !isLocal(url.toString()),
    (route) => route.abort('blockedbyclient'),
  );
  return log;
}
