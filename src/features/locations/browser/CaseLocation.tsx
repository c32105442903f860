import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useFormat } from '../../../base/browser/context.tsx';
import { useCaseChanges } from '../../../base/browser/live.ts';
import type { UnitTrail } from '../common/index.ts';

/** The case page's section: where the unit is now, and every move it made. */
export function CaseLocation({ rma }: { rma: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [trail, setTrail] = useState<UnitTrail | null>(null);

  const load = useCallback((isCurrent: () => boolean = () => true) => {
    void api['locations.ofCase']({ rma }).then((result) => {
      if (isCurrent() && result.ok) setTrail(result.value);
    });
  }, [rma]);

  useEffect(() => {
    let current = true;
    load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  // Moved at another station: where it is now and its trail follow, with nothing typed here to keep.
  useCaseChanges((change) => {
    if (change.rma === rma && change.kind === 'moved') load();
  });

  if (!trail) return null;
  const place = trail.unit.place;
  return (
    <section className="panel" aria-labelledby="case-location-title">
      <h2 id="case-location-title">{t('locations.ofCase.title')}</h2>
      <p role="status">
        {place ? (
          <>
            <strong>{t('locations.place', { code: place.location.code, name: place.location.name })}</strong>{' '}
            {t('locations.ofCase.since', { when: format.dateTime(place.since), name: place.movedBy })}
          </>
        ) : (
          t('locations.nowhere')
        )}
      </p>
      {trail.trail.length > 0 ? (
        <table aria-label={t('locations.ofCase.trail')}>
          <thead>
            <tr>
              <th scope="col">{t('locations.ofCase.when')}</th>
              <th scope="col">{t('locations.ofCase.where')}</th>
              <th scope="col">{t('locations.ofCase.who')}</th>
            </tr>
          </thead>
          <tbody>
            {trail.trail.map((move) => (
              <tr key={move.id}>
                <td className="nowrap">{format.dateTime(move.at)}</td>
                <td>{t('locations.place', { code: move.location.code, name: move.location.name })}</td>
                <td>{move.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
