import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useFormat } from '../../../base/browser/context.tsx';
import { useCaseChanges } from '../../../base/browser/live.ts';
import { Field } from '../../../base/browser/Field.tsx';
import { href } from '../../../base/browser/router.ts';
import type { UnitAt } from '../common/index.ts';
import { scanError } from './Move.tsx';

/** "Where is RMA-… / serial …": the unit's location, since when and who moved it, at once. */
export function FindScreen({ query: initial }: { query?: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [query, setQuery] = useState(initial ?? '');
  const [asked, setAsked] = useState<string | null>(null);
  const [units, setUnits] = useState<UnitAt[]>([]);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  // Rises with each answer asked for, so an older read landing late never replaces a newer answer.
  const reads = useRef(0);
  const find = async (typed: string) => {
    setError(null);
    const mine = ++reads.current;
    const result = await api['locations.find']({ query: typed });
    if (mine !== reads.current) return;
    if (!result.ok) {
      setUnits([]);
      setAsked(null);
      setError(scanError(result.error, t));
    } else {
      setUnits(result.value);
      setAsked(typed);
    }
    field.current?.focus();
  };

  // A unit shown here moved or changed at another station: the answer is read again, where the person is.
  useCaseChanges((change) => {
    if (asked === null || !units.some((unit) => unit.rma === change.rma)) return;
    const mine = ++reads.current;
    void api['locations.find']({ query: asked }).then((result) => {
      if (mine === reads.current && result.ok) setUnits(result.value);
    });
  });

  useEffect(() => {
    if (initial) void find(initial);
    // Only the address's query is looked up on opening; later ones are typed.
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = query.trim();
    if (typed) void find(typed);
  };

  return (
    <main className="find" aria-labelledby="find-title">
      <div className="screen-head">
        <h1 id="find-title">{t('locations.find.title')}</h1>
        <p className="intro">{t('locations.find.intro')}</p>
        <div className="head-links">
          <a className="button" href={href({ screen: 'move' })}>
            {t('locations.moveLink')}
          </a>
        </div>
      </div>
      <form className="scan-form panel" onSubmit={submit} noValidate>
        <Field label={t('locations.find.query')} error={error ?? undefined}>
          {(p) => (
            <input
              {...p}
              ref={field}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              className="mono scan-input"
            />
          )}
        </Field>
        <button type="submit" className="primary">
          {t('locations.find.submit')}
        </button>
      </form>
      {asked !== null ? (
        <section className="panel" aria-labelledby="find-results">
          <h2 id="find-results">{t('locations.find.results')}</h2>
          {units.length === 0 ? (
            <p role="status">{t('locations.find.none', { query: asked })}</p>
          ) : (
            <table className="find-table">
              <thead>
                <tr>
                  <th scope="col">{t('locations.find.rma')}</th>
                  <th scope="col">{t('locations.find.serial')}</th>
                  <th scope="col">{t('locations.find.status')}</th>
                  <th scope="col">{t('locations.find.location')}</th>
                  <th scope="col">{t('locations.find.since')}</th>
                  <th scope="col">{t('locations.find.by')}</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => (
                  <tr key={u.rma}>
                    <td className="mono">
                      <a href={href({ screen: 'case', rma: u.rma })}>{u.rma}</a>
                    </td>
                    <td className="mono">{u.serial}</td>
                    <td>{t(`status.${u.status}`)}</td>
                    <td>{u.place ? t('locations.place', { code: u.place.location.code, name: u.place.location.name }) : t('locations.nowhere')}</td>
                    <td className="nowrap">{u.place ? format.dateTime(u.place.since) : ''}</td>
                    <td>{u.place?.movedBy ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </main>
  );
}
