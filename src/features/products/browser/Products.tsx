import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { Modal } from '../../../base/browser/Modal.tsx';
import { href } from '../../../base/browser/router.ts';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { calendarDateIn } from '../../../base/common/dates.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { readDateCode } from '../../warranty/common/index.ts';
import { saveProductInput, shippedAccessoryKinds, type ProductInfo } from '../common/index.ts';
import { shippedWord } from '../../../base/browser/shipped.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

type ProductForm = z.input<typeof saveProductInput>;
const fieldPaths = ['model', 'name', 'productLine', 'warrantyMonths', 'accessories', 'dateCodePattern', 'vendor'] as const;

const blank: ProductForm = { model: '', name: '', productLine: '', warrantyMonths: 24, accessories: [], dateCodePattern: '', vendor: '' };
const formOf = (p: ProductInfo): ProductForm => ({
  id: p.id,
  version: p.version,
  model: p.model,
  name: p.name,
  productLine: p.productLine,
  warrantyMonths: p.warrantyMonths,
  accessories: p.accessories,
  dateCodePattern: p.dateCodePattern ?? '',
  vendor: p.vendor ?? '',
});

/** The admin's products: every model with its status, add and edit, retire and reactivate. */
export function ProductsScreen() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [products, setProducts] = useState<ProductInfo[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [editing, setEditing] = useState<ProductInfo | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const reload = useCallback(async () => {
    const result = await api['products.list']({ includeRetired: true });
    if (result.ok) setProducts(result.value);
    else setAlert(errorMessage(result.error, t));
  }, [t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const lines = [...new Set(products.map((p) => p.productLine))].sort();

  /** A change refused because another admin made one first: say so, and show the list as it is now. */
  const refused = async (error: ApiError) => {
    setAlert(errorMessage(error, t));
    await reload();
  };

  const setActive = async (p: ProductInfo, active: boolean) => {
    setAlert(null);
    const result = await api['products.setActive']({ id: p.id, version: p.version, active });
    if (!result.ok) return refused(result.error);
    announce(t(active ? 'products.reactivated' : 'products.retiredDone', { model: p.model }));
    await reload();
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
    <main className="products" aria-labelledby="products-title">
      <div className="screen-head">
        <a className="back" href={href({ screen: 'settings' })}>
          ← {t('settings.title')}
        </a>
        <h1 id="products-title">{t('products.title')}</h1>
        <p className="intro">{t('products.intro')}</p>
      </div>
      <section className="panel" aria-labelledby="products-list">
        <h2 id="products-list">{t('products.list')}</h2>
        <FormAlert message={editing ? null : alert} />
        <table className="products-table">
          <thead>
            <tr>
              <th scope="col">{t('products.model')}</th>
              <th scope="col">{t('products.name')}</th>
              <th scope="col">{t('products.productLine')}</th>
              <th scope="col">{t('products.warrantyMonths')}</th>
              <th scope="col">{t('products.accessories')}</th>
              <th scope="col">{t('products.dateCodePattern')}</th>
              <th scope="col">{t('products.status')}</th>
              <th scope="col">{t('products.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.id} className={p.active ? undefined : 'muted'}>
                <td className="mono">{p.model}</td>
                <td>{p.name}</td>
                <td>{shippedWord(i18n.language, 'productLine', p.productLine)}</td>
                <td className="num">{p.warrantyMonths}</td>
                <td>{p.accessories.length ? p.accessories.map((a) => t(`receiving.accessory.${a}`)).join(', ') : t('products.none')}</td>
                <td className="mono">{p.dateCodePattern ?? t('products.noDateCode')}</td>
                <td>{p.active ? t('products.active') : <span className="tag-warning">{t('products.retired')}</span>}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={t('products.editProduct', { model: p.model })}
                    onClick={() => {
                      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
                      setEditing(p);
                    }}
                  >
                    {t('products.edit')}
                  </button>
                  {p.active ? (
                    <button type="button" aria-label={t('products.retireProduct', { model: p.model })} onClick={() => void setActive(p, false)}>
                      {t('products.retire')}
                    </button>
                  ) : (
                    <button type="button" aria-label={t('products.reactivateProduct', { model: p.model })} onClick={() => void setActive(p, true)}>
                      {t('products.reactivate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing ? (
        <Modal titleId="edit-product-title" onClose={() => void closed(null, null)}>
          <h2 id="edit-product-title">{t('products.editProduct', { model: editing.model })}</h2>
          <ProductEditor
            initial={formOf(editing)}
            lines={lines}
            submitLabel={t('common.save')}
            onSaved={(saved) => void closed(t('products.saved', { model: saved.model }), null)}
            onConflict={(error) => void closed(null, error)}
            onCancel={() => void closed(null, null)}
          />
        </Modal>
      ) : null}
      <section className="panel" aria-labelledby="products-add">
        <h2 id="products-add">{t('products.add')}</h2>
        <ProductEditor
          initial={blank}
          lines={lines}
          submitLabel={t('products.add')}
          onSaved={(saved) => {
            announce(t('products.added', { model: saved.model }));
            void reload();
          }}
          onConflict={(error) => void refused(error)}
        />
      </section>
    </main>
  );
}

interface EditorProps {
  initial: ProductForm;
  /** The product lines in use, offered as the line is typed. */
  lines: string[];
  submitLabel: string;
  onSaved: (saved: ProductInfo) => void;
  onConflict: (error: ApiError) => void;
  onCancel?: () => void;
}

/** A product's fields, for a new product or an edit; a refusal is shown at its field. */
function ProductEditor({ initial, lines, submitLabel, onSaved, onConflict, onCancel }: EditorProps) {
  const { t } = useTranslation();
  const linesId = useId();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting },
  } = useDepotForm<ProductForm, unknown, z.output<typeof saveProductInput>>({ resolver: zodResolver(saveProductInput), defaultValues: initial });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['products.save'](input);
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
        <Field label={t('products.model')} error={errors.model?.message}>
          {(p) => <input {...p} {...register('model')} autoComplete="off" spellCheck={false} className="mono" />}
        </Field>
        <Field label={t('products.name')} error={errors.name?.message}>
          {(p) => <input {...p} {...register('name')} autoComplete="off" />}
        </Field>
        <Field label={t('products.productLine')} error={errors.productLine?.message} hint={t('products.productLineHint')}>
          {(p) => <input {...p} {...register('productLine')} list={linesId} autoComplete="off" />}
        </Field>
        <Field label={t('products.vendor')} error={errors.vendor?.message} hint={t('products.vendorHint')} optional>
          {(p) => <input {...p} {...register('vendor')} autoComplete="off" />}
        </Field>
        <datalist id={linesId}>
          {lines.map((line) => (
            <option key={line} value={line} />
          ))}
        </datalist>
        <Field label={t('products.warrantyMonths')} error={errors.warrantyMonths?.message} hint={t('products.warrantyMonthsHint')}>
          {(p) => <input {...p} {...register('warrantyMonths', { valueAsNumber: true })} type="number" min={0} max={120} step={1} className="short" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('products.accessories')}</legend>
        <div className="checks">
          {shippedAccessoryKinds.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" value={kind} {...register('accessories')} /> {t(`receiving.accessory.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <DateCodeFields register={register} error={errors.dateCodePattern?.message} pattern={watch('dateCodePattern') ?? ''} t={t} />
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

/** The date-code rule and its live test: the same reading the warranty engine makes, as the admin types. */
function DateCodeFields({
  register,
  error,
  pattern,
  t,
}: {
  register: ReturnType<typeof useDepotForm<ProductForm, unknown, z.output<typeof saveProductInput>>>['register'];
  error: string | undefined;
  pattern: string;
  t: TFunction;
}) {
  const { site } = useSigned();
  const [serial, setSerial] = useState('');
  const resultId = useId();
  const today = calendarDateIn(new Date(), site?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const reading = pattern.trim() === '' ? null : readDateCode({ pattern }, serial, today);
  const answer =
    reading === null
      ? t('products.noRule')
      : serial.trim() === ''
        ? reading.miss === 'badPattern'
          ? t('products.miss.badPattern')
          : t('products.testHint')
        : reading.made !== null
          ? t('products.made', { date: reading.made })
          : t(`products.miss.${reading.miss}`);
  return (
    <fieldset className="grid">
      <Field label={t('products.dateCodePattern')} error={error} hint={t('products.dateCodeHint')} optional>
        {(p) => <input {...p} {...register('dateCodePattern')} autoComplete="off" spellCheck={false} className="mono" />}
      </Field>
      <Field label={t('products.testSerial')} hint={t('products.testHint')} optional>
        {(p) => (
          <input
            {...p}
            aria-describedby={[p['aria-describedby'], resultId].filter(Boolean).join(' ')}
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            // Enter in the test field tests; it does not save the product.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            autoComplete="off"
            spellCheck={false}
            className="mono"
          />
        )}
      </Field>
      <output id={resultId} aria-live="polite" aria-label={t('products.testResult')} className={reading?.made ? 'ok' : 'muted'}>
        {answer}
      </output>
    </fieldset>
  );
}
