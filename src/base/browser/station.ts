import type { TFunction } from 'i18next';

/** A station as the server names it ("browser <host> <address>", "machine <host>"), in the reader's language. */
export function stationName(station: string, t: TFunction): string {
  const [kind, ...where] = station.split(' ');
  if (kind === 'browser') return t('station.browser', { where: where.join(' ') });
  if (kind === 'machine') return t('station.machine', { where: where.join(' ') });
  return station;
}
