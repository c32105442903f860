import { useEffect, useRef, useState, type FormEvent } from 'react';
import i18next, { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { ApiError } from '../../../base/common/result.ts';
import type { UnitAt } from '../common/index.ts';

/** What a refusal says at the scan field, in the reader's language: the field's reason, or the call's general one. */
export function scanError(error: ApiError, t: TFunction): string {
  const [field] = Object.keys(error.fieldReasons ?? {});
  const reason = field ? error.fieldReasons?.[field] : undefined;
  return reason ? wordReason(reason, error.fields?.[field!] ?? error.message, i18next.language) : errorMessage(error, t);
}

/**
 * The move screen, for a scanner: the first scan names the unit (the RMA barcode on its unit tag),
 * the second the location it goes to. Enter submits each scan, and the scan field keeps focus
 * after every move and every refusal.
 */
export function MoveScreen() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const format = useFormat();
  const [code, setCode] = useState('');
  const [unit, setUnit] = useState<UnitAt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scan = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!busy) scan.current?.focus();
  }, [busy, unit, error, done]);

  const scanUnit = async (typed: string) => {
    const result = await api['locations.unit']({ code: typed });
    if (!result.ok) {
      setUnit(null);
      setError(scanError(result.error, t));
      return;
    }
    setUnit(result.value);
  };

  const moveTo = async (current: UnitAt, typed: string) => {
    const result = await api['locations.move']({ rma: current.rma, placeVersion: current.placeVersion, location: typed });
    if (!result.ok) {
      setError(scanError(result.error, t));
      // Moved by another station meanwhile: start again from the unit.
      if (result.error.code === 'conflict') setUnit(null);
      return;
    }
    const place = result.value.place!;
    const text = t('locations.move.moved', { rma: current.rma, code: place.location.code, name: place.location.name });
    setDone(text);
    announce(text);
    setUnit(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A scanner may send tabs, CR/LF and spaces around the code.
    const typed = code.replace(/\s+/g, '');
    setCode('');
    if (!typed || busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      // A unit scanned where a location was expected starts a move of that unit instead.
      if (!unit || RMA_PATTERN.test(typed.toUpperCase())) await scanUnit(typed);
      else await moveTo(unit, typed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="move" aria-labelledby="move-title">
      <div className="screen-head">
        <h1 id="move-title">{t('locations.move.title')}</h1>
        <p className="intro">{t('locations.move.intro')}</p>
        <div className="head-links">
          <a className="button" href={href({ screen: 'find' })}>
            {t('locations.findLink')}
          </a>
        </div>
      </div>
      <form className="scan-form panel" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('locations.move.scan')}
          error={error ?? undefined}
          hint={unit ? t('locations.move.scanLocation', { rma: unit.rma }) : t('locations.move.scanUnit')}
        >
          {(p) => (
            <input
              {...p}
              ref={scan}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && unit) {
                  setUnit(null);
                  setError(null);
                }
              }}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              className="mono scan-input"
            />
          )}
        </Field>
      </form>
      <FormAlert message={null} />
      {done ? (
        <div className="notice" role="status">
          {done}
        </div>
      ) : null}
      {unit ? (
        <section className="panel" aria-labelledby="move-unit">
          <h2 id="move-unit">
            {t('locations.move.unit')}: <span className="mono">{unit.rma}</span>
          </h2>
          <p>
            <span className="mono">{unit.serial}</span> · <span className={`badge badge-${unit.status}`}>{t(`status.${unit.status}`)}</span>
          </p>
          <p>
            {t('locations.move.now')}:{' '}
            {unit.place
              ? `${t('locations.place', { code: unit.place.location.code, name: unit.place.location.name })} (${t('locations.ofCase.since', { when: format.dateTime(unit.place.since), name: unit.place.movedBy })})`
              : t('locations.nowhere')}
          </p>
          <button
            type="button"
            onClick={() => {
              setUnit(null);
              scan.current?.focus();
            }}
          >
            {t('locations.move.another')}
          </button>
        </section>
      ) : null}
    </main>
  );
}
