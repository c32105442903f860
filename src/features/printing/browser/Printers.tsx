import { useEffect, useState } from 'react';
import { set, type FieldErrors, type Resolver, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  documentKinds,
  labelKinds,
  paperSizes,
  printerSettingsSchema,
  type DocumentKind,
  type PrinterSettings,
  type TestPrintOutcome,
} from '../../shipping/common/index.ts';
import { shippingMessages } from '../../shipping/common/index.ts';
import { pdfObjectUrl } from '../../../base/browser/pdf.ts';
import { api } from '../../../base/browser/api.ts';
import { typedNumber } from '../../../base/browser/numbers.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

interface PrinterChoice {
  name: string;
  isDefault: boolean;
}

/** The settings as the form holds them: text as typed, and the office printer's "save as PDF" as its own choice. */
interface FormValues {
  label: { mode: PrinterSettings['label']['mode']; printer: string; host: string; port: string };
  officeMode: 'system' | 'none';
  office: { printer: string; paper: PrinterSettings['office']['paper'] };
  closeAfterDays: string;
}

const fieldPaths = ['label.mode', 'label.printer', 'label.host', 'label.port', 'office.printer', 'office.paper', 'closeAfterDays'] as const;

const valuesOf = (s: PrinterSettings): FormValues => ({
  label: { mode: s.label.mode, printer: s.label.printer ?? '', host: s.label.host ?? '', port: String(s.label.port) },
  officeMode: s.office.printer ? 'system' : 'none',
  office: { printer: s.office.printer ?? '', paper: s.office.paper },
  closeAfterDays: String(s.closeAfterDays),
});

const resolver: Resolver<FormValues, unknown, PrinterSettings> = async (values) => {
  const errors: FieldErrors<FormValues> = {};
  if (values.officeMode === 'system' && !values.office.printer) {
    set(errors, 'office.printer', { type: 'validation', message: zodMessage(shippingMessages.chooseOfficePrinter()) });
  }
  // The API takes numbers only: the form converts what was typed.
  const parsed = printerSettingsSchema.safeParse({
    label: { ...values.label, port: typedNumber(values.label.port), printer: values.label.printer || null },
    office: { paper: values.office.paper, printer: values.officeMode === 'system' ? values.office.printer || null : null },
    closeAfterDays: typedNumber(values.closeAfterDays),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!(path in errors)) set(errors, path, { type: 'validation', message: issue.message });
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { values: parsed.data, errors: {} } : { values: {}, errors };
};

/** Where each kind of document prints, for admins to change and test; everyone else sees it. */
export function PrintersScreen() {
  const { t } = useTranslation();
  const { user } = useSigned();
  const [settings, setSettings] = useState<PrinterSettings | null>(null);
  const [printers, setPrinters] = useState<PrinterChoice[]>([]);
  /** Why the system's printers could not be listed (e.g. CUPS is not running), shown at the printer field. */
  const [printersProblem, setPrintersProblem] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  useEffect(() => {
    void api['printing.settings']({}).then((result) => {
      if (result.ok) setSettings(result.value);
      else setAlert(errorMessage(result.error, t));
    });
    void api['printing.printers']({}).then((result) => {
      if (result.ok) setPrinters(result.value);
      else setPrintersProblem(errorMessage(result.error, t));
    });
  }, [t]);

  return (
    <main className="settings printers" aria-labelledby="printers-title">
      <div className="screen-head">
        <h1 id="printers-title">{t('printers.title')}</h1>
        <a href={href({ screen: 'settings' })}>{t('settings.title')}</a>
      </div>
      <p>{t('printers.intro')}</p>
      <FormAlert message={alert} />
      {settings && user.role === 'admin' ? <PrintersForm settings={settings} printers={printers} printersProblem={printersProblem} onSaved={setSettings} /> : null}
      {settings && user.role !== 'admin' ? <p>{t('printers.adminOnly')}</p> : null}
    </main>
  );
}

function PrintersForm({
  settings,
  printers,
  printersProblem,
  onSaved,
}: {
  settings: PrinterSettings;
  printers: PrinterChoice[];
  printersProblem: string | null;
  onSaved: (s: PrinterSettings) => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [tests, setTests] = useState<Partial<Record<DocumentKind, TestPrintOutcome | 'running'>>>({});
  const {
    register,
    handleSubmit,
    setError,
    reset,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useDepotForm<FormValues, unknown, PrinterSettings>({ resolver, values: valuesOf(settings) });
  const labelMode = watch('label.mode');
  const officeMode = watch('officeMode');

  const save = async (input: PrinterSettings): Promise<boolean> => {
    setAlert(null);
    const result = await api['printing.updateSettings'](input);
    if (!result.ok) {
      setAlert(applyServerError(result.error, setError, fieldPaths, t));
      return false;
    }
    onSaved(result.value);
    reset(valuesOf(result.value));
    return true;
  };

  const submit = handleSubmit(async (input) => {
    if (await save(input)) announce(t('printers.saved'));
  });

  // A test prints what is on screen: changed settings are saved first.
  const test = (kind: DocumentKind) =>
    handleSubmit(async (input) => {
      if (isDirty && !(await save(input))) return;
      setTests((s) => ({ ...s, [kind]: 'running' }));
      const result = await api['printing.test']({ kind });
      if (result.ok) setTests((s) => ({ ...s, [kind]: result.value }));
      else {
        setTests((s) => ({ ...s, [kind]: undefined }));
        setAlert(errorMessage(result.error, t));
      }
    })();

  const where = (kind: DocumentKind): string => {
    const label = labelKinds.includes(kind);
    if (label && labelMode === 'zpl') return t('printers.printsTo', { where: `${settings.label.host ?? '—'}:${settings.label.port}` });
    const printer = label ? (labelMode === 'system' ? settings.label.printer : null) : officeMode === 'system' ? settings.office.printer : null;
    return printer ? t('printers.printsTo', { where: printer }) : t('printers.printsAsPdf');
  };

  const kindsOf = (labels: boolean) => (
    <ul className="printer-kinds" aria-label={t('printers.kinds')}>
      {documentKinds
        .filter((kind) => labelKinds.includes(kind) === labels)
        .map((kind) => (
          <li key={kind}>
            <strong>{t(`shipping.kind.${kind}`)}</strong> <span>{isDirty ? null : where(kind)}</span>{' '}
            <button type="button" onClick={() => void test(kind)} disabled={tests[kind] === 'running'} aria-label={t('printers.testKind', { kind: t(`shipping.kind.${kind}`) })}>
              {t('printers.test')}
            </button>
            <TestResult outcome={tests[kind]} />
          </li>
        ))}
    </ul>
  );

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={alert} />
      <section className="panel" aria-labelledby="printers-labels">
        <h2 id="printers-labels">{t('printers.labels')}</h2>
        <p className="hint">{t('printers.labelsFor')}</p>
        <fieldset className="checks">
          <legend>{t('printers.where')}</legend>
          {(['system', 'zpl', 'none'] as const).map((mode) => (
            <label key={mode} className="check">
              <input type="radio" value={mode} {...register('label.mode')} /> {t(`printers.${mode}`)}
            </label>
          ))}
        </fieldset>
        {labelMode === 'system' ? <PrinterSelect label={t('printers.labelPrinter')} name="label.printer" register={register} printers={printers} problem={printersProblem} error={errors.label?.printer?.message} /> : null}
        {labelMode === 'zpl' ? (
          <div className="grid">
            <Field label={t('printers.address')} hint={t('printers.addressHint')} error={errors.label?.host?.message}>
              {(a11y) => <input {...a11y} {...register('label.host')} autoComplete="off" spellCheck={false} />}
            </Field>
            <Field label={t('printers.port')} hint={t('printers.portHint')} error={errors.label?.port?.message}>
              {(a11y) => <input {...a11y} {...register('label.port')} inputMode="numeric" />}
            </Field>
          </div>
        ) : null}
        {kindsOf(true)}
      </section>

      <section className="panel" aria-labelledby="printers-office">
        <h2 id="printers-office">{t('printers.office')}</h2>
        <p className="hint">{t('printers.officeFor')}</p>
        <fieldset className="checks">
          <legend>{t('printers.where')}</legend>
          {(['system', 'none'] as const).map((mode) => (
            <label key={mode} className="check">
              <input type="radio" value={mode} {...register('officeMode')} /> {t(`printers.${mode}`)}
            </label>
          ))}
        </fieldset>
        {officeMode === 'system' ? <PrinterSelect label={t('printers.officePrinter')} name="office.printer" register={register} printers={printers} problem={printersProblem} error={errors.office?.printer?.message} /> : null}
        <Field label={t('printers.paper')} error={errors.office?.paper?.message}>
          {(a11y) => (
            <select {...a11y} {...register('office.paper')}>
              {paperSizes.map((size) => (
                <option key={size} value={size}>
                  {size === 'LETTER' ? 'Letter' : size}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kindsOf(false)}
      </section>

      <section className="panel" aria-labelledby="printers-other">
        <h2 id="printers-other">{t('printers.other')}</h2>
        <Field label={t('printers.closeAfterDays')} hint={t('printers.closeAfterDaysHint')} error={errors.closeAfterDays?.message}>
          {(a11y) => <input {...a11y} {...register('closeAfterDays')} inputMode="numeric" />}
        </Field>
      </section>
      <div className="actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function PrinterSelect({
  label,
  name,
  register,
  printers,
  problem,
  error,
}: {
  label: string;
  name: 'label.printer' | 'office.printer';
  register: UseFormRegister<FormValues>;
  printers: PrinterChoice[];
  problem: string | null;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} error={error} {...(printers.length === 0 ? { hint: problem ?? t('printers.noPrinters') } : {})}>
      {(a11y) => (
        <select {...a11y} {...register(name)}>
          <option value="">{t('printers.choose')}</option>
          {printers.map((p) => (
            <option key={p.name} value={p.name}>
              {p.isDefault ? t('printers.isDefault', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function TestResult({ outcome }: { outcome: TestPrintOutcome | 'running' | undefined }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!outcome || outcome === 'running' || outcome.outcome !== 'download') return undefined;
    const made = pdfObjectUrl(outcome.pdfBase64);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [outcome]);
  return (
    <div role="status" className={outcome && outcome !== 'running' && outcome.outcome === 'failed' ? 'tag-warning' : undefined}>
      {outcome === 'running' ? t('printers.testing') : null}
      {outcome && outcome !== 'running' && outcome.outcome === 'printed' ? t('printers.testPrinted', { printer: outcome.printer }) : null}
      {outcome && outcome !== 'running' && outcome.outcome === 'failed'
        ? t('printers.testFailed', { reason: wordReason(outcome.reason, outcome.message, i18n.language) })
        : null}
      {outcome && outcome !== 'running' && outcome.outcome === 'download' ? (
        <>
          {t('printers.testPdf')}{' '}
          {url ? (
            <a href={url} download={outcome.fileName}>
              {t('printers.openPdf', { file: outcome.fileName })}
            </a>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
