import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  diagnoseInput,
  logWorkInput,
  recordDecisionInput,
  type BenchAction,
  type BenchCase,
  type WarrantyView,
} from '../common/bench.ts';
import type { CaseDetail } from '../../cases/common/index.ts';
import { formatMoney, parseMoney } from '../../../base/common/money.ts';
import type { Result } from '../../../base/common/result.ts';
import { benchStatuses } from '../../cases/common/index.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { errorMessage, saidIn, wordReason } from '../../../base/browser/messages.ts';
import { EstimateCard, EstimateForm } from '../../estimates/browser/index.ts';
import { DocumentButton } from '../../shipping/browser/index.ts';
import { Remedies } from '../../warranty/browser/index.ts';
import { coverageReasonIn, type Remedy } from '../../warranty/common/index.ts';
import { commonMessages, languageOf, zodMessage } from '../../../base/common/messages.ts';
import { shippedWord } from '../../../base/browser/shipped.ts';
import { DateInput } from '../../../base/browser/DateInput.tsx';
import { stationName } from '../../../base/browser/station.ts';
import { usePresenceOf, useSeen } from '../../users/browser/index.ts';
import { stationPlace } from '../../locations/browser/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';

interface Props {
  detail: CaseDetail;
  onChanged: () => void;
}

/** The bench on the case page: warranty with its reason, diagnosis, estimates, the customer's decision, repair and QA. */
export function BenchPanel({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const { user } = useSigned();
  const [bench, setBench] = useState<BenchCase | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api['bench.get']({ rma: detail.rma });
    if (result.ok) setBench(result.value);
  }, [detail.rma]);

  useEffect(() => {
    void load();
  }, [load, detail.version]);

  if (!bench) return null;
  const onBench = benchStatuses.includes(bench.status);
  if (!onBench && !bench.warranty && bench.estimates.length === 0) return null;

  /** After any bench call: show the new state here and reload the case page around it. */
  const changed = (next: BenchCase) => {
    setAlert(null);
    setBench(next);
    onChanged();
  };

  return (
    <section className="panel bench-panel" aria-labelledby="bench-panel">
      {/* The bench's first action stays above the fold at 1024 × 700: who has the case sits beside the
          heading, and the remedies beside the warranty. */}
      <div className="panel-head">
        <h2 id="bench-panel">{t('bench.panel')}</h2>
        <Assignment bench={bench} onChanged={changed} onError={setAlert} />
      </div>
      <FormAlert message={alert} />
      <div className="bench-decisions">
        <Warranty warranty={bench.warranty} />
        <Remedies decision={bench.remedies} chosen={bench.remedyChosen} onChoose={mayChooseRemedy(bench, user.role) ? (remedy) => chooseRemedy(bench, remedy, changed) : null} />
      </div>
      <Diagnosis bench={bench} onChanged={changed} />
      <NextStep bench={bench} onChanged={changed} onError={setAlert} />
      <Estimates bench={bench} onChanged={changed} />
      {bench.status === 'awaiting_customer' ? <CustomerDecision bench={bench} onChanged={changed} /> : null}
      {bench.status === 'repairing' ? <WorkForm bench={bench} onChanged={changed} /> : null}
      {bench.status === 'qa' ? <Qa bench={bench} onChanged={changed} /> : null}
      <WorkLog bench={bench} />
    </section>
  );
}

type Changed = (bench: BenchCase) => void;

/** The customer's choice of remedy is recorded by the bench or the desk while the unit is past receipt and still on the bench. */
const mayChooseRemedy = (bench: BenchCase, role: string) =>
  ['technician', 'clerk', 'admin'].includes(role) && benchStatuses.includes(bench.status) && bench.status !== 'received';

async function chooseRemedy(bench: BenchCase, remedy: Remedy, onChanged: Changed) {
  const result = await api['bench.chooseRemedy']({ rma: bench.rma, version: bench.version, remedy });
  if (result.ok) onChanged(result.value);
  return result;
}

function Warranty({ warranty }: { warranty: WarrantyView | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <div aria-labelledby="bench-warranty">
      <h3 id="bench-warranty">{t('bench.warranty')}</h3>
      {warranty ? (
        <p className={warranty.covered ? 'notice' : 'warning'}>
          <strong>{t(warranty.covered ? 'bench.covered' : 'bench.notCovered')}</strong>: {coverageReasonIn(languageOf(i18n.language), warranty)}{' '}
          <span className="muted">({t('bench.decidedOn', { date: format.date(warranty.decidedOn) })})</span>
        </p>
      ) : (
        <p className="muted">{t('bench.notDecided')}</p>
      )}
    </div>
  );
}

function Assignment({ bench, onChanged, onError }: { bench: BenchCase; onChanged: Changed; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const { user } = useSigned();
  const announce = useAnnounce();
  const mayWork = user.role === 'technician' || user.role === 'admin';
  const assigneeAt = usePresenceOf(bench.assignedTo?.id);
  const seen = useSeen();
  const run = async (call: Promise<Result<BenchCase>>, message: string) => {
    const result = await call;
    if (!result.ok) return onError(errorMessage(result.error, t));
    announce(message);
    onChanged(result.value);
  };
  if (!benchStatuses.includes(bench.status)) return null;
  return (
    <p className="assignment">
      {bench.assignedTo ? t('bench.assignment', { name: bench.assignedTo.name }) : t('bench.unassigned')}
      {/* Someone else has it: where they work on it, and whether they are at it now. */}
      {assigneeAt && bench.assignedTo?.id !== user.id ? <span className="muted"> · {stationName(assigneeAt.station, t)} · {seen(assigneeAt)}</span> : null}{' '}
      {mayWork && bench.assignedTo?.id !== user.id ? (
        <button type="button" onClick={() => void run(api['bench.take']({ rma: bench.rma, version: bench.version, placeAt: stationPlace('bench') }), t('bench.taken', { rma: bench.rma }))}>
          {t('bench.take', { rma: bench.rma })}
        </button>
      ) : null}
      {mayWork && bench.assignedTo && (bench.assignedTo.id === user.id || user.role === 'admin') ? (
        <button type="button" onClick={() => void run(api['bench.release']({ rma: bench.rma, version: bench.version }), t('bench.released', { rma: bench.rma }))}>
          {t('bench.release', { rma: bench.rma })}
        </button>
      ) : null}
    </p>
  );
}

type DiagnoseForm = z.input<typeof diagnoseInput>;
const diagnosisFields = [
  'diagnosis.symptomConfirmed',
  'diagnosis.faultCategory',
  'diagnosis.fault',
  'diagnosis.damageLevel',
  'diagnosis.testResults',
  'diagnosis.internalNotes',
  'diagnosis.customerNotes',
  'diagnosis.extendedUntil',
  'diagnosis.goodsReceivedOn',
] as const;

function Diagnosis({ bench, onChanged }: { bench: BenchCase; onChanged: Changed }) {
  const { t, i18n } = useTranslation();
  const { user } = useSigned();
  const format = useFormat();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const editable = bench.status === 'diagnosing' && (user.role === 'technician' || user.role === 'admin');
  const d = bench.diagnosis;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<DiagnoseForm, unknown, z.output<typeof diagnoseInput>>({
    resolver: zodResolver(diagnoseInput),
    values: {
      rma: bench.rma,
      version: bench.version,
      diagnosis: {
        ...d,
        fault: d.fault ?? '',
        testResults: d.testResults ?? '',
        internalNotes: d.internalNotes ?? '',
        customerNotes: d.customerNotes ?? '',
      },
    },
  });
  if (bench.status === 'received') return null;
  const e = errors.diagnosis;

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['bench.diagnose'](input);
    if (!result.ok) return setAlert(applyServerError(result.error, setError, diagnosisFields, t));
    announce(t('bench.diagnosisSaved', { rma: bench.rma }));
    onChanged(result.value);
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="bench-diagnosis">
      <div className="panel-head">
        <h3 id="bench-diagnosis">{t('bench.diagnosis')}</h3>
        {bench.diagnosed ? (
          <p className="muted">{t('bench.diagnosedBy', { when: format.dateTime(bench.diagnosed.at), name: bench.diagnosed.by ?? t('common.none') })}</p>
        ) : null}
      </div>
      <FormAlert message={alert} />
      <fieldset disabled={!editable} className="grid grid-3">
        <fieldset className="checks span-3">
          <label className="check">
            <input type="checkbox" {...register('diagnosis.symptomConfirmed')} /> {t('bench.symptomConfirmed')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.majorRepair')} /> {t('bench.majorRepair')}
          </label>
        </fieldset>
        <Field label={t('bench.faultCategory')} error={e?.faultCategory?.message} optional>
          {(p) => (
            <select {...p} {...register('diagnosis.faultCategory', { setValueAs: (v: string) => v || null })}>
              <option value="">{t('common.choose')}</option>
              {bench.faultCategories.map((c) => (
                <option key={c} value={c}>
                  {shippedWord(i18n.language, 'faultCategory', c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('bench.fault')} error={e?.fault?.message}>
          {(p) => <textarea {...p} rows={2} {...register('diagnosis.fault')} />}
        </Field>
        <Field label={t('bench.damageLevel')} error={e?.damageLevel?.message}>
          {(p) => (
            <select {...p} {...register('diagnosis.damageLevel', { setValueAs: (v: string | number | null) => (v === '' || v === null ? null : Number(v)) })}>
              <option value="">{t('bench.noLevel')}</option>
              {[1, 2, 3].map((level) => (
                <option key={level} value={level}>
                  {t('bench.level', { level })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="checks span-3">
          <legend>{t('bench.findings')}</legend>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.physicalDamage')} /> {t('bench.physicalDamage')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.liquidDamage')} /> {t('bench.liquidDamage')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.tampering')} /> {t('bench.tampering')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.proofOfPurchase')} /> {t('bench.proofOfPurchase')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('diagnosis.distanceSale')} /> {t('bench.distanceSale')}
          </label>
        </fieldset>
        <Field label={t('bench.extendedUntil')} error={e?.extendedUntil?.message} hint={t('common.dateHint')} optional>
          {(p) => <DateInput {...p} {...register('diagnosis.extendedUntil', { setValueAs: (v: string) => v || null })} />}
        </Field>
        <Field label={t('bench.goodsReceivedOn')} error={e?.goodsReceivedOn?.message} hint={t('common.dateHint')} optional>
          {(p) => <DateInput {...p} {...register('diagnosis.goodsReceivedOn', { setValueAs: (v: string) => v || null })} />}
        </Field>
        <Field label={t('bench.testResults')} error={e?.testResults?.message} optional>
          {(p) => <textarea {...p} rows={2} {...register('diagnosis.testResults')} />}
        </Field>
        <Field label={t('bench.internalNotes')} error={e?.internalNotes?.message} optional>
          {(p) => <textarea {...p} rows={2} {...register('diagnosis.internalNotes')} />}
        </Field>
        <Field label={t('bench.customerNotes')} error={e?.customerNotes?.message} optional>
          {(p) => <textarea {...p} rows={2} {...register('diagnosis.customerNotes')} />}
        </Field>
      </fieldset>
      {editable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('bench.saveDiagnosis')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function useAdvance(bench: BenchCase, onChanged: Changed, onError: (message: string) => void) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  return async (action: BenchAction, extra: { note?: string; resolution?: 'repaired' | 'replaced' } = {}) => {
    const result = await api['bench.advance']({ rma: bench.rma, version: bench.version, action, ...extra });
    if (!result.ok) {
      const note = result.error.fieldReasons?.note;
      onError(note ? wordReason(note, result.error.fields?.note ?? '', i18n.language) : errorMessage(result.error, t));
      return false;
    }
    announce(t('bench.done', { rma: bench.rma, status: t(`status.${result.value.status}`) }));
    onChanged(result.value);
    return true;
  };
}

function NextStep({ bench, onChanged, onError }: { bench: BenchCase; onChanged: Changed; onError: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const { user } = useSigned();
  const advance = useAdvance(bench, onChanged, onError);
  const tech = user.role === 'technician' || user.role === 'admin';
  if (!['diagnosing', 'awaiting_customer', 'waiting_parts'].includes(bench.status)) return null;
  const gate = bench.repairGate;
  const why = bench.repairGateSaid;
  return (
    <div aria-labelledby="bench-next">
      <h3 id="bench-next">{t('bench.next')}</h3>
      {why ? <p className="muted">{saidIn(why, i18n.language)}</p> : null}
      <div className="actions">
        {bench.status === 'waiting_parts' && tech ? (
          <button type="button" className="primary" onClick={() => void advance('resumeRepair')}>
            {t('bench.resumeRepair')}
          </button>
        ) : null}
        {bench.status !== 'waiting_parts' && (tech || bench.status === 'awaiting_customer') ? (
          <button type="button" className="primary" disabled={!gate.allowed} onClick={() => void advance('startRepair')}>
            {t('bench.startRepair')}
          </button>
        ) : null}
        {bench.status === 'diagnosing' && bench.warranty && !bench.diagnosis.symptomConfirmed && tech ? (
          <button type="button" onClick={() => void advance('noFault', { note: bench.diagnosis.testResults ?? undefined })}>
            {t('bench.noFault')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function Estimates({ bench, onChanged }: { bench: BenchCase; onChanged: Changed }) {
  const { t } = useTranslation();
  const { user } = useSigned();
  const canIssue = ['diagnosing', 'awaiting_customer'].includes(bench.status) && bench.warranty !== null && (user.role === 'technician' || user.role === 'admin');
  if (!canIssue && bench.estimates.length === 0) return null;
  return (
    <div aria-labelledby="bench-estimates">
      <h3 id="bench-estimates">{t('bench.estimates')}</h3>
      {bench.estimates.length === 0 ? <p className="muted">{t('bench.noEstimates')}</p> : null}
      {bench.estimates.map((estimate) => (
        <EstimateCard key={estimate.version} estimate={estimate} />
      ))}
      {bench.estimates.some((e) => e.state !== 'superseded') ? (
        <div className="actions">
          <DocumentButton rma={bench.rma} kind="estimate" label={t('bench.estimatePdf')} />
        </div>
      ) : null}
      {canIssue ? <EstimateForm key={bench.estimates.length} bench={bench} onIssued={onChanged} /> : null}
    </div>
  );
}

type DecisionForm = z.input<typeof recordDecisionInput>;

function CustomerDecision({ bench, onChanged }: { bench: BenchCase; onChanged: Changed }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const current = bench.estimates.find((e) => e.state !== 'superseded');
  const decision = useDepotForm<DecisionForm, unknown, z.output<typeof recordDecisionInput>>({
    resolver: zodResolver(recordDecisionInput),
    values: { rma: bench.rma, estimateVersion: current?.version ?? 0, decision: 'accepted', note: '' },
  });
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [paymentErrors, setPaymentErrors] = useState<Record<string, string>>({});
  const [returnNote, setReturnNote] = useState('');
  const advance = useAdvance(bench, onChanged, setAlert);
  if (!current) return null;
  const outstanding = current.totals.total - current.paid;

  const submitDecision = decision.handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['bench.recordDecision'](input);
    if (!result.ok) return setAlert(applyServerError(result.error, decision.setError, ['estimateVersion', 'decision', 'note'], t));
    announce(t('bench.decisionRecorded', { rma: bench.rma }));
    onChanged(result.value);
  });

  const submitPayment = async () => {
    setAlert(null);
    const minor = parseMoney(amount, bench.currency);
    if (minor === null) return setPaymentErrors({ amount: zodMessage(commonMessages.amount()) });
    const result = await api['bench.recordPayment']({ rma: bench.rma, estimateVersion: current.version, amount: minor, reference });
    if (!result.ok) {
      setPaymentErrors(result.error.fields ?? {});
      return setAlert(errorMessage(result.error, t));
    }
    setPaymentErrors({});
    announce(t('bench.paymentRecorded', { rma: bench.rma }));
    onChanged(result.value);
  };

  const undecided = current.decision === null && !current.expired;
  return (
    <div aria-labelledby="bench-decision">
      <h3 id="bench-decision">{t('bench.customerDecision')}</h3>
      <p className="muted">{t('bench.decisionHint')}</p>
      <FormAlert message={alert} />
      {undecided ? (
        <form onSubmit={submitDecision} noValidate className="grid">
          <Field label={t('bench.estimateVersion')} error={decision.formState.errors.estimateVersion?.message}>
            {(p) => (
              <select {...p} {...decision.register('estimateVersion', { valueAsNumber: true })}>
                {bench.estimates.map((e) => (
                  <option key={e.version} value={e.version}>
                    {t('bench.version', { version: e.version })} · {t(`bench.state.${e.state}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('bench.decision')} error={decision.formState.errors.decision?.message}>
            {(p) => (
              <select {...p} {...decision.register('decision')}>
                <option value="accepted">{t('bench.accepted')}</option>
                <option value="declined">{t('bench.declined')}</option>
              </select>
            )}
          </Field>
          <Field label={t('bench.decisionNote')} error={decision.formState.errors.note?.message} optional>
            {(p) => <input {...p} {...decision.register('note')} />}
          </Field>
          <div className="actions">
            <button type="submit" className="primary">
              {t('bench.recordDecision')}
            </button>
          </div>
        </form>
      ) : null}
      {current.state === 'accepted' && outstanding > 0 ? (
        <div className="grid" role="group" aria-label={t('bench.payment')}>
          <Field label={t('bench.amount')} error={paymentErrors.amount} hint={formatMoney(outstanding, bench.currency)}>
            {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
          <Field label={t('bench.paymentReference')} error={paymentErrors.reference}>
            {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void submitPayment()}>
              {t('bench.recordPayment')}
            </button>
          </div>
        </div>
      ) : null}
      {current.state === 'declined' || current.expired ? (
        <div className="grid" role="group" aria-label={t('bench.returnUnrepaired')}>
          <Field label={t('bench.returnReason')}>
            {(p) => <input {...p} value={returnNote} onChange={(e) => setReturnNote(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void advance('returnUnrepaired', { note: returnNote })}>
              {t('bench.returnUnrepaired')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

type WorkFormValues = z.input<typeof logWorkInput>;

function WorkForm({ bench, onChanged }: { bench: BenchCase; onChanged: Changed }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const [waitNote, setWaitNote] = useState('');
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useDepotForm<WorkFormValues, unknown, z.output<typeof logWorkInput>>({
    resolver: zodResolver(logWorkInput),
    defaultValues: { rma: bench.rma, version: bench.version, workDone: '', minutes: 0, parts: [], stockReason: '', replacementSerial: null },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'parts' });
  const advance = useAdvance(bench, onChanged, setAlert);

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['bench.logWork']({ ...input, version: bench.version });
    const paths = ['workDone', 'minutes', 'stockReason', 'replacementSerial', ...fields.flatMap((_, i) => [`parts.${i}.sku`, `parts.${i}.quantity`])];
    if (!result.ok) return setAlert(applyServerError(result.error, setError, paths, t));
    announce(t('bench.workRecorded', { rma: bench.rma }));
    reset({ rma: bench.rma, version: result.value.version, workDone: '', minutes: 0, parts: [], stockReason: '', replacementSerial: null });
    onChanged(result.value);
  });

  return (
    <div aria-labelledby="bench-repair">
      <h3 id="bench-repair">{t('bench.repair')}</h3>
      <FormAlert message={alert} />
      <form onSubmit={submit} noValidate className="grid">
        <Field label={t('bench.workDone')} error={errors.workDone?.message}>
          {(p) => <textarea {...p} rows={2} {...register('workDone')} />}
        </Field>
        <Field label={t('bench.minutes')} error={errors.minutes?.message}>
          {(p) => <input {...p} type="number" min={0} {...register('minutes', { valueAsNumber: true })} />}
        </Field>
        {fields.map((field, i) => (
          <div key={field.id} className="grid">
            <Field label={t('bench.lineField', { field: t('bench.partSku'), n: i + 1 })} error={errors.parts?.[i]?.sku?.message}>
              {(p) => <input {...p} {...register(`parts.${i}.sku`)} autoComplete="off" />}
            </Field>
            <Field label={t('bench.lineField', { field: t('bench.quantity'), n: i + 1 })} error={errors.parts?.[i]?.quantity?.message}>
              {(p) => <input {...p} type="number" {...register(`parts.${i}.quantity`, { valueAsNumber: true })} />}
            </Field>
            <button type="button" onClick={() => remove(i)}>
              {t('bench.removeLine', { n: i + 1 })}
            </button>
          </div>
        ))}
        <div className="actions">
          <button type="button" onClick={() => append({ sku: '', quantity: 1 })}>
            {t('bench.addPartUsed')}
          </button>
        </div>
        <Field label={t('bench.stockReason')} hint={t('bench.stockReasonHint')} error={errors.stockReason?.message} optional>
          {(p) => <input {...p} {...register('stockReason')} />}
        </Field>
        <Field label={t('bench.replacementSerial')} hint={t('bench.replacementHint')} error={errors.replacementSerial?.message} optional>
          {(p) => <input {...p} {...register('replacementSerial', { setValueAs: (v: string | null) => v || null })} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('bench.recordWork')}
          </button>
          <button type="button" disabled={bench.work.length === 0} onClick={() => void advance('toQa')}>
            {t('bench.toQa')}
          </button>
        </div>
      </form>
      <div className="grid" role="group" aria-label={t('bench.waitParts')}>
        <Field label={t('bench.waitNote')} optional>
          {(p) => <input {...p} value={waitNote} onChange={(e) => setWaitNote(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="button" onClick={() => void advance('waitParts', waitNote ? { note: waitNote } : {})}>
            {t('bench.waitParts')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Qa({ bench, onChanged }: { bench: BenchCase; onChanged: Changed }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const replaced = bench.work.some((w) => w.kind === 'replacement');
  const [resolution, setResolution] = useState<'repaired' | 'replaced'>(replaced ? 'replaced' : 'repaired');
  const [failNote, setFailNote] = useState('');
  const advance = useAdvance(bench, onChanged, setAlert);
  return (
    <div aria-labelledby="bench-qa">
      <h3 id="bench-qa">{t('bench.qa')}</h3>
      <FormAlert message={alert} />
      <div className="grid">
        <Field label={t('bench.qaResolution')}>
          {(p) => (
            <select {...p} value={resolution} onChange={(e) => setResolution(e.target.value as 'repaired' | 'replaced')}>
              <option value="repaired">{t('resolution.repaired')}</option>
              <option value="replaced">{t('resolution.replaced')}</option>
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void advance('qaPass', { resolution })}>
            {t('bench.qaPass')}
          </button>
        </div>
        <Field label={t('bench.qaFailNote')}>
          {(p) => <input {...p} value={failNote} onChange={(e) => setFailNote(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="button" className="danger" onClick={() => void advance('qaFail', { note: failNote })}>
            {t('bench.qaFail')}
          </button>
        </div>
      </div>
    </div>
  );
}

function WorkLog({ bench }: { bench: BenchCase }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (bench.work.length === 0) return null;
  return (
    <div aria-labelledby="bench-worklog">
      <h3 id="bench-worklog">
        {t('bench.workLog')} · {t('bench.minutesSpent', { count: bench.minutesSpent })}
      </h3>
      <ul>
        {bench.work.map((w) => (
          <li key={w.id}>
            {format.dateTime(w.at)} · {w.userName ?? t('common.none')} · {w.workDone} ({t('age.minutes', { count: w.minutes })})
            {w.newSerial ? ` · ${t('bench.replaced', { serial: w.newSerial })}` : ''}
            {w.parts.map((p) => (
              <div key={p.sku}>
                {t('bench.partUse', { quantity: p.quantity, sku: p.sku, name: p.name })}
                {p.stockReason ? ` (${t('bench.stockNote', { reason: p.stockReason })})` : ''}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
