import { forwardRef, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { Field } from '../../../base/browser/Field.tsx';
import type { ApiError } from '../../../base/common/result.ts';
import { wordReason } from '../../../base/browser/messages.ts';
import type { LocationInfo } from '../common/index.ts';

/** The desks whose work hands a unit on, each of which a station may set a location for. */
export type Desk = 'receiving' | 'bench' | 'shipping';

/**
 * Where this station puts the units its desk hands on: the dock's inbound shelf, this bench, the
 * outbound shelf. It belongs to the station (this window's browser or desktop app), not to the
 * person signed in, so it is kept in the station's own storage.
 */
const storageKey = (desk: Desk) => `depot.stationPlace.${desk}`;

/** The location code this station's desk puts units at, or undefined: sent as `placeAt` with the desk's work. */
export function stationPlace(desk: Desk): string | undefined {
  return localStorage.getItem(storageKey(desk)) || undefined;
}

/** What a refusal of the desk's work says about the station's location, in the reader's language, if it is about it. */
function stationPlaceError(error: ApiError, language: string): string | undefined {
  const reason = error.fieldReasons?.placeAt;
  return reason ? wordReason(reason, error.fields?.placeAt ?? error.message, language) : undefined;
}

/**
 * The locations last read, so a desk drawn anew for each unit (the dock's form) shows its choice at
 * once and draws again only when the list changed.
 */
let known: LocationInfo[] = [];

/** The station's choice of location for a desk, as a labelled field; the desk's work carries it. */
const StationPlace = forwardRef<HTMLSelectElement, { desk: Desk; error?: string | undefined; onChange?: () => void }>(function StationPlace(
  { desk, error, onChange },
  ref,
) {
  const { t } = useTranslation();
  const [code, setCode] = useState(() => stationPlace(desk) ?? '');
  const [locations, setLocations] = useState<LocationInfo[]>(known);
  useEffect(() => {
    void api['locations.list']({}).then((result) => {
      if (!result.ok || JSON.stringify(result.value) === JSON.stringify(known)) return;
      known = result.value;
      setLocations(known);
    });
  }, []);
  // A location retired since it was chosen is still shown as chosen, so the refusal at this field makes sense.
  const chosenMissing = code !== '' && !locations.some((l) => l.code === code);
  return (
    <Field label={t(`locations.station.${desk}`)} error={error} className="station-place">
      {(p) => (
        <select
          {...p}
          ref={ref}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            if (e.target.value) localStorage.setItem(storageKey(desk), e.target.value);
            else localStorage.removeItem(storageKey(desk));
            onChange?.();
          }}
        >
          <option value="">{t('locations.station.none')}</option>
          {chosenMissing ? <option value={code}>{code}</option> : null}
          {locations.map((l) => (
            <option key={l.id} value={l.code}>
              {t('locations.place', { code: l.code, name: l.name })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
});

/**
 * A desk's station location: the field to show, the `placeAt` its work sends, and `refused`, which
 * says a refusal about the location at that field (focus there) and tells the desk it was about it.
 */
export function useStationPlace(desk: Desk): { field: ReactElement; placeAt: () => string | undefined; refused: (error: ApiError) => boolean } {
  const { i18n } = useTranslation();
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLSelectElement>(null);
  return {
    field: <StationPlace ref={ref} desk={desk} error={error} onChange={() => setError(undefined)} />,
    placeAt: () => {
      setError(undefined);
      return stationPlace(desk);
    },
    refused: (apiError) => {
      const said = stationPlaceError(apiError, i18n.language);
      if (!said) return false;
      setError(said);
      ref.current?.focus();
      return true;
    },
  };
}
