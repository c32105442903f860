import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteSchema } from '../../../base/common/schemas.ts';
import { api } from '../../../base/browser/api.ts';
import { FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { SiteFields, siteFieldPaths, type SiteForm } from './SiteFields.tsx';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import type { Site } from '../../../base/common/schemas.ts';
import { Users } from './Users.tsx';
import { BackupSection } from '../../backup/browser/index.ts';
import { href } from '../../../base/browser/router.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

/** Admins change the site and its users; everyone else sees the site as it is. */
export function Settings() {
  const { t } = useTranslation();
  const { user, siteChanged } = useSigned();
  const [site, setSite] = useState<Site | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  useEffect(() => {
    void api['settings.get']({}).then((result) => {
      if (result.ok) setSite(result.value);
      else setAlert(errorMessage(result.error, t));
    });
  }, [t]);

  return (
    <main className="settings" aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">{t('settings.title')}</h1>
        {user.role === 'admin' ? <a href={href({ screen: 'printers' })}>{t('printers.link')}</a> : null}
      </div>
      <FormAlert message={alert} />
      {site && user.role === 'admin' ? <SiteForm
          site={site}
          onSaved={(saved) => {
            setSite(saved);
            siteChanged(saved);
          }}
        /> : null}
      {site && user.role !== 'admin' ? <SiteView site={site} /> : null}
      {user.role === 'admin' ? (
        <section className="panel" aria-labelledby="settings-products">
          <h2 id="settings-products">{t('products.manage')}</h2>
          <p>
            <a href={href({ screen: 'products' })}>{t('products.manageIntro')}</a>
          </p>
        </section>
      ) : null}
      {user.role === 'admin' ? (
        <section className="panel" aria-labelledby="settings-locations">
          <h2 id="settings-locations">{t('locations.manage')}</h2>
          <p>
            <a href={href({ screen: 'locations' })}>{t('locations.manageIntro')}</a>
          </p>
        </section>
      ) : null}
      {user.role === 'admin' ? <Users pinLength={site?.pinLength ?? 4} /> : null}
      {user.role === 'admin' ? <BackupSection /> : null}
    </main>
  );
}

function SiteForm({ site, onSaved }: { site: Site; onSaved: (site: Site) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<SiteForm, unknown, Site>({ resolver: zodResolver(siteSchema), defaultValues: blanks(site) });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['settings.update'](input);
    if (result.ok) {
      onSaved(result.value);
      reset(blanks(result.value));
      announce(t('settings.saved'));
    } else {
      setAlert(applyServerError(result.error, setError, siteFieldPaths, t));
    }
  });

  return (
    <section className="panel" aria-labelledby="settings-site">
      <h2 id="settings-site">{t('settings.site')}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert message={alert} />
        <SiteFields register={register} errors={errors} />
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Optional address parts are null in the site and empty in the form. */
const blanks = (site: Site): SiteForm => ({
  ...site,
  address: {
    ...site.address,
    line2: site.address.line2 ?? '',
    region: site.address.region ?? '',
    phone: site.address.phone ?? '',
  },
});

function SiteView({ site }: { site: Site }) {
  const { t } = useTranslation();
  const a = site.address;
  const rows: [string, string][] = [
    [t('field.siteName'), site.siteName],
    [t('field.addressName'), a.name],
    [t('field.line1'), a.line1],
    [t('field.line2'), a.line2 ?? t('common.none')],
    [t('field.city'), a.city],
    [t('field.region'), a.region ?? t('common.none')],
    [t('field.postalCode'), a.postalCode],
    [t('field.country'), a.country],
    [t('field.phone'), a.phone ?? t('common.none')],
    [t('field.currency'), site.currency],
    [t('field.timeZone'), site.timeZone],
    [t('field.turnaroundDays'), String(site.turnaroundDays)],
    [t('field.pinLength'), String(site.pinLength)],
    [t('field.idleMinutes'), String(site.idleMinutes)],
    [t('field.documentLanguage'), t(`settings.documentLanguages.${site.documentLanguage}`)],
  ];
  return (
    <section className="panel" aria-labelledby="settings-site">
      <h2 id="settings-site">{t('settings.site')}</h2>
      <p className="muted">{t('settings.readOnly')}</p>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div className="fact" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
