import { useSyncExternalStore } from 'react';

/** Hash routes: they work from any static file server (no server-side rewrite rules needed). */
export const ROUTES = [
  { path: 'case', label: 'Case' },
  { path: 'cases', label: 'Cases' },
  { path: 'studio', label: 'Model Studio' },
  { path: 'about', label: 'About' },
] as const;
export type RoutePath = (typeof ROUTES)[number]['path'];

function current(): RoutePath {
  const h = window.location.hash.replace(/^#\/?/, '');
  return (ROUTES.find((r) => r.path === h)?.path ?? 'case') as RoutePath;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, current, () => 'case' as RoutePath);
}
