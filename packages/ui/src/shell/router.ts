import { useEffect, useState } from 'react';

export interface Route {
  /** e.g. `journal` for `#/journal/abc?x=1` */
  page: string;
  /** Path segments after the page: `['abc']`. */
  params: string[];
  query: URLSearchParams;
  /** The whole hash path, e.g. `/journal/abc`. */
  path: string;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/today';
  const [pathPart = '/today', queryPart = ''] = raw.split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: segments[0] ?? 'today', params: segments.slice(1), query: new URLSearchParams(queryPart), path: pathPart };
}

export function navigate(to: string): void {
  const target = to.startsWith('#') ? to : `#${to.startsWith('/') ? to : `/${to}`}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function href(to: string): string {
  return `#${to.startsWith('/') ? to : `/${to}`}`;
}
