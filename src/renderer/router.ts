import { useEffect, useState } from 'react';

/** Screens live in the URL hash, so Back works and a case can be opened from an address. */
export type Route =
  | { screen: 'receiving' | 'bench' | 'shipping' | 'cases' | 'settings' }
  | { screen: 'case'; rma: string };

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [screen, rma] = parts;
  if (screen === 'cases' && rma) return { screen: 'case', rma };
  if (screen === 'receiving' || screen === 'bench' || screen === 'shipping' || screen === 'cases' || screen === 'settings') {
    return { screen };
  }
  return null;
}

export const href = (route: Route): string =>
  route.screen === 'case' ? `#/cases/${encodeURIComponent(route.rma)}` : `#/${route.screen}`;

export const navigate = (route: Route): void => {
  window.location.hash = href(route);
};

export function useRoute(): Route | null {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
