import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { href } from '../../../base/browser/router.ts';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { showPdf } from '../../../base/browser/pdf.ts';
import { locationKinds, saveLocationInput, type LocationInfo } from '../common/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type LocationForm = z.input<typeof saveLocationInput>;
const fieldPaths = ['code', 'name', 'kind'] as const;
const blank: LocationForm = { code: '', name: '', kind: 'shelf' };
const formOf = (l: LocationInfo): LocationForm => ({ id: l.id, version: l.version, code: l.code, name: l.name, kind: l.kind });

/** The admin's locations: every place a unit can be, with its label; add, edit, retire and reactivate. */
export function LocationsScreen() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [locations, setLocations] = useState<LocationInfo[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [editing, setEditing] = useState<LocationInfo | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const reload = useCallback(async () => {
    const result = await api['locations.list']({ includeRetired: true });
    if (result.ok) setLocations(result.value);
    else setAlert(errorMessage(result.error, t));
  }, [t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** A change refused because another admin made one first: say so, and show the list as it is now. */
  const refused = async (error: ApiError) => {
    setAlert(errorMessage(error, t));
    await reload();
  };

  const setActive = async (l: LocationInfo, active: boolean) => {
    setAlert(null);
    const result = await api['locations.setActive']({ id: l.id, version: l.version, active });
    if (!result.ok) return refused(result.error);
    announce(t(active ? 'locations.reactivated' : 'locations.retiredDone', { code: l.code }));
    await reload();
  };

  const openLabel = async (l: LocationInfo) => {
    setAlert(null);
    const result = await api['locations.label']({ id: l.id });
    if (!result.ok) return setAlert(errorMessage(result.error, t));
    const shown = showPdf(result.value);
    announce(t('locations.labelShown', { file: shown.fileName }));
    // The tab or download has the bytes by now; the URL is not needed after that.
    setTimeout(() => URL.revokeObjectURL(shown.url), 60_000);
  };

  const closed = async (done: string | null, error: ApiError | null) => {
    setEditing(null);
    if (error) await refused(error);
    else {
      if (done) announce(done);
      await reload();
    }
    opener.current?.focus();
  };

  return (
    <main className="locations" aria-labelledby="locations-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'settings' })}>
          ← {t('settings.title')}
        </a>
        <h1 id="locations-title">{t('locations.title')}</h1>
        <p className="intro">{t('locations.intro')}</p>
      </div>
      <section className="panel" aria-labelledby="locations-list">
        <h2 id="locations-list">{t('locations.list')}</h2>
        <FormAlert message={editing ? null : alert} />
        <table className="locations-table">
          <thead>
            <tr>
              <th scope="col">{t('locations.code')}</th>
              <th scope="col">{t('locations.name')}</th>
              <th scope="col">{t('locations.kind')}</th>
              <th scope="col">{t('locations.status')}</th>
              <th scope="col">{t('locations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {locations.map((l) => (
              <tr key={l.id} className={l.active ? undefined : 'muted'}>
                <td className="mono">{l.code}</td>
                <td>{l.name}</td>
                <td>{t(`locations.kinds.${l.kind}`)}</td>
                <td>{l.active ? t('locations.active') : <span className="tag-warning">{t('locations.retired')}</span>}</td>
                <td className="row-actions">
                  <button type="button" aria-label={t('locations.labelOf', { code: l.code })} onClick={() => void openLabel(l)}>
                    {t('locations.label')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('locations.editLocation', { code: l.code })}
                    onClick={() => {
                      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
                      setEditing(l);
                    }}
                  >
                    {t('locations.edit')}
                  </button>
                  {l.active ? (
                    <button type="button" aria-label={t('locations.retireLocation', { code: l.code })} onClick={() => void setActive(l, false)}>
                      {t('locations.retire')}
                    </button>
                  ) : (
                    <button type="button" aria-label={t('locations.reactivateLocation', { code: l.code })} onClick={() => void setActive(l, true)}>
                      {t('locations.reactivate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing ? (
        <Modal titleId="edit-location-title" onClose={() => void closed(null, null)}>
          <h2 id="edit-location-title">{t('locations.editLocation', { code: editing.code })}</h2>
          <LocationEditor
            initial={formOf(editing)}
            submitLabel={t('common.save')}
            onSaved={(saved) => void closed(t('locations.saved', { code: saved.code }), null)}
            onConflict={(error) => void closed(null, error)}
            onCancel={() => void closed(null, null)}
          />
        </Modal>
      ) : null}
      <section className="panel" aria-labelledby="locations-add">
        <h2 id="locations-add">{t('locations.add')}</h2>
        <LocationEditor
          initial={blank}
          submitLabel={t('locations.add')}
          onSaved={(saved) => {
            announce(t('locations.added', { code: saved.code }));
            void reload();
          }}
          onConflict={(error) => void refused(error)}
        />
      </section>
    </main>
  );
}

interface EditorProps {
  initial: LocationForm;
  submitLabel: string;
  onSaved: (saved: LocationInfo) => void;
  onConflict: (error: ApiError) => void;
  onCancel?: () => void;
}

/** A location's fields, for a new location or an edit; a refusal is shown at its field. */
function LocationEditor({ initial, submitLabel, onSaved, onConflict, onCancel }: EditorProps) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<LocationForm, unknown, z.output<typeof saveLocationInput>>({ resolver: zodResolver(saveLocationInput), defaultValues: initial });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['locations.save'](input);
    if (result.ok) {
      if (initial.id === undefined) reset(blank);
      onSaved(result.value);
    } else if (result.error.code === 'conflict') onConflict(result.error);
    else {
      const general = applyServerError(result.error, setError, fieldPaths, t);
      setAlert(Object.keys(result.error.fields ?? {}).some((f) => (fieldPaths as readonly string[]).includes(f)) ? null : general);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={alert} />
      <fieldset className="grid">
        <Field label={t('locations.code')} error={errors.code?.message} hint={t('locations.codeHint')}>
          {(p) => <input {...p} {...register('code')} autoComplete="off" spellCheck={false} className="mono" />}
        </Field>
        <Field label={t('locations.name')} error={errors.name?.message}>
          {(p) => <input {...p} {...register('name')} autoComplete="off" />}
        </Field>
        <Field label={t('locations.kind')} error={errors.kind?.message}>
          {(p) => (
            <select {...p} {...register('kind')}>
              {locationKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`locations.kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
