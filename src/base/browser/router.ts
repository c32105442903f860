import { useEffect, useState } from 'react';

/** Screens live in the URL hash, so Back works and a case can be opened from an address. */
export type Route =
  | { screen: 'receiving' | 'bench' | 'shipping' | 'cases' | 'settings' | 'parts' | 'benchSettings' }
  | { screen: 'case'; rma: string }
  | { screen: 'sync' }
  /** Where each kind of document prints (Settings › Printers). */
  | { screen: 'printers' }
  /** The admin's products: models, warranty months, accessories, date codes, retired or active. */
  | { screen: 'products' }
  /** The admin's locations (Settings › Locations), the move screen and the find view. */
  | { screen: 'locations' }
  | { screen: 'move' }
  | { screen: 'find'; query?: string }
  /** Returns to the supplier: the scanner screen for clerks and admins. */
  | { screen: 'supplierReturns' }
  /** Replacement stock: units by serial, the levels per model. */
  | { screen: 'stock' }
  /** A report (its tab: overdue, turnaround, …); none: the first. */
  | { screen: 'reports'; tab?: string }
  /** The dock with one case already scanned (after a walk-in case is created, or a parcel linked). */
  | { screen: 'receive'; rma: string }
  | { screen: 'unmatched' }
  /** A desk case for a walk-in customer, or for the unmatched parcel it is created from. */
  | { screen: 'walkIn'; parcelId?: number }
  /** Returns of many units: the list, a new return from a distributor's list, and one return. */
  | { screen: 'returns' }
  | { screen: 'returnNew' }
  | { screen: 'return'; number: string };

function receivingRoute(rest: string[]): Route {
  const [sub, arg] = rest;
  if (sub === 'unmatched') return { screen: 'unmatched' };
  if (sub === 'walk-in') {
    const parcelId = Number(arg);
    return Number.isInteger(parcelId) && parcelId > 0 ? { screen: 'walkIn', parcelId } : { screen: 'walkIn' };
  }
  if (sub === 'case' && arg) return { screen: 'receive', rma: arg };
  if (sub === 'returns') return arg === 'new' ? { screen: 'returnNew' } : arg ? { screen: 'return', number: arg } : { screen: 'returns' };
  return { screen: 'receiving' };
}

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [screen, rma] = parts;
  if (screen === 'cases' && rma) return { screen: 'case', rma };
  if (screen === 'receiving') return receivingRoute(parts.slice(1));
  if (screen === 'sync' || screen === 'products' || screen === 'stock') return { screen };
  if (screen === 'supplier-returns') return { screen: 'supplierReturns' };
  if (screen === 'locations') {
    if (rma === 'move') return { screen: 'move' };
    if (rma === 'find') return parts[2] ? { screen: 'find', query: parts[2] } : { screen: 'find' };
    return { screen: 'locations' };
  }
  if (screen === 'settings' && rma === 'printers') return { screen: 'printers' };
  if (screen === 'reports') return rma ? { screen, tab: rma } : { screen };
  if (screen === 'parts' || screen === 'benchSettings') return { screen };
  if (screen === 'bench' || screen === 'shipping' || screen === 'cases' || screen === 'settings') {
    return { screen };
  }
  return null;
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.rma)}`;
    case 'receive':
      return `#/receiving/case/${encodeURIComponent(route.rma)}`;
    case 'unmatched':
      return '#/receiving/unmatched';
    case 'walkIn':
      return route.parcelId ? `#/receiving/walk-in/${route.parcelId}` : '#/receiving/walk-in';
    case 'returns':
      return '#/receiving/returns';
    case 'returnNew':
      return '#/receiving/returns/new';
    case 'return':
      return `#/receiving/returns/${encodeURIComponent(route.number)}`;
    case 'printers':
      return '#/settings/printers';
    case 'supplierReturns':
      return '#/supplier-returns';
    case 'move':
      return '#/locations/move';
    case 'find':
      return route.query ? `#/locations/find/${encodeURIComponent(route.query)}` : '#/locations/find';
    case 'reports':
      return route.tab ? `#/reports/${encodeURIComponent(route.tab)}` : '#/reports';
    default:
      return `#/${route.screen}`;
  }
}

/** The screens the navigation bar names (`nav.<screen>`): each role's queues, cases, reports and settings. */
export type NavScreen = 'receiving' | 'bench' | 'shipping' | 'cases' | 'reports' | 'settings';

/** The navigation entry a screen belongs to. */
export function navScreen(route: Route): NavScreen {
  if (route.screen === 'case') return 'cases';
  if (route.screen === 'sync' || route.screen === 'printers' || route.screen === 'products' || route.screen === 'locations') return 'settings';
  if (route.screen === 'move' || route.screen === 'find' || route.screen === 'supplierReturns' || route.screen === 'stock') return 'cases';
  if (route.screen === 'parts' || route.screen === 'benchSettings') return 'bench';
  if (route.screen === 'receive' || route.screen === 'unmatched' || route.screen === 'walkIn') return 'receiving';
  if (route.screen === 'returns' || route.screen === 'returnNew' || route.screen === 'return') return 'receiving';
  return route.screen;
}

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
