import { useSyncExternalStore } from 'react';

/** Hash routes: they work from any static file server (no server-side rewrite rules needed). */
export const ROUTES = [
  { path: 'case', label: 'Case' },
  { path: 'cases', label: 'Cases' },
  { path: 'studio', label: 'Model Studio' },
  { path: 'about', label: 'About' },
] as const;
/** Routes opened from within a screen rather than from the main navigation. */
export const INNER_ROUTES = ['report', 'settings'] as const;
export type RoutePath = (typeof ROUTES)[number]['path'] | (typeof INNER_ROUTES)[number];

function current(): RoutePath {
  const h = window.location.hash.replace(/^#\/?/, '');
  const inner = INNER_ROUTES.find((r) => r === h);
  return (inner ?? ROUTES.find((r) => r.path === h)?.path ?? 'case') as RoutePath;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, current, () => 'case' as RoutePath);
}
