import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Content-Security-Policy of the built app: everything from 'self', no inline script, no
 * network beyond the page's own origin. Workers load from 'self' (ES module workers); blob: and
 * data: images are the decoded ultrasound images and exported masks. Injected only into the
 * production build (the dev server needs inline scripts for hot reload).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspPlugin(): Plugin {
  return {
    name: 'sonomir-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

/**
 * Development only: `SONOMIR_PACS_URL=http://127.0.0.1:8042 npm run dev` (or `npm run preview`) proxies
 * `/dicom-web` to that Orthanc/DICOMweb server, so the app reaches the PACS on its own origin exactly
 * as behind the hospital's reverse proxy (the built CSP keeps connect-src 'self'; see the README).
 * Without the variable nothing is proxied.
 */
const PACS_URL = process.env.SONOMIR_PACS_URL;
const pacsProxy = PACS_URL
  ? { '/dicom-web': { target: PACS_URL.replace(/\/+$/, ''), changeOrigin: true } }
  : undefined;

// Relative asset paths: dist/ works from any static file server or sub-folder of an intranet.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    cspPlugin(),
    // Offline: a service worker precaches the whole build (app, workers, demo data) so the app opens
    // and works with the network disconnected. Workbox's runtime is emitted locally, never from a CDN.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'SonoMiR',
        short_name: 'SonoMiR',
        description: 'pCR prediction from breast ultrasound radiomics and plasma miRNA-34a, offline',
        theme_color: '#1f4e79',
        background_color: '#f6f8fa',
        display: 'standalone',
        start_url: './',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', proxy: pacsProxy },
  preview: { host: '127.0.0.1', proxy: pacsProxy },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
