import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { emptySite, SiteFields, siteFieldPaths, type SiteForm } from '../../settings/browser/index.ts';
import { errorMessage } from '../../../base/browser/messages.ts';
import type { SessionInfo } from '../../users/common/index.ts';
import type { SetupState } from '../common/types.ts';
import { createSiteInput } from '../common/contract.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type CreateSiteForm = z.input<typeof createSiteInput>;

interface Props {
  onCreated: (session: SessionInfo) => void;
  onDemoLoaded: (state: SetupState) => void;
}

/** First run: create the site and its first admin, or fill the depot with demo data. */
export function Setup({ onCreated, onDemoLoaded }: Props) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<CreateSiteForm, unknown, z.output<typeof createSiteInput>>({
    resolver: zodResolver(createSiteInput),
    defaultValues: { ...emptySite(), adminName: '', adminPin: '' },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['setup.createSite'](input);
    if (result.ok) onCreated(result.value);
    else setAlert(applyServerError(result.error, setError, [...siteFieldPaths, 'adminName', 'adminPin'], t));
  });

  const loadDemo = async () => {
    setAlert(null);
    setLoadingDemo(true);
    const result = await api['setup.loadDemo']({});
    setLoadingDemo(false);
    if (result.ok) onDemoLoaded(result.value);
    else setAlert(errorMessage(result.error, t));
  };

  return (
    <main className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <FormAlert message={alert} />
      <div className="setup-choices">
        <section className="panel" aria-labelledby="setup-create">
          <h2 id="setup-create">{t('setup.createTitle')}</h2>
          <form onSubmit={submit} noValidate>
            <h3>{t('setup.siteSection')}</h3>
            <SiteFields register={register as unknown as UseFormRegister<SiteForm>} errors={errors} />
            <h3>{t('setup.adminSection')}</h3>
            <fieldset className="grid">
              <Field label={t('field.adminName')} error={errors.adminName?.message}>
                {(p) => <input {...p} {...register('adminName')} autoComplete="name" />}
              </Field>
              <Field label={t('field.pin')} error={errors.adminPin?.message}>
                {(p) => (
                  <input {...p} {...register('adminPin')} type="password" inputMode="numeric" autoComplete="new-password" />
                )}
              </Field>
            </fieldset>
            <div className="actions">
              <button type="submit" className="primary" disabled={isSubmitting}>
                {t('setup.create')}
              </button>
            </div>
          </form>
        </section>
        <section className="panel" aria-labelledby="setup-demo">
          <h2 id="setup-demo">{t('setup.demoTitle')}</h2>
          <p>{t('setup.demoIntro')}</p>
          <div className="actions">
            <button type="button" onClick={loadDemo} disabled={loadingDemo}>
              {t('setup.loadDemo')}
            </button>
          </div>
        </section>
      </div>
    </main>
  );
}
