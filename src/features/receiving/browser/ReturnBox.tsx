import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accessoryKinds, type Condition } from '../common/receiving.ts';
import type { BoxScan } from '../common/returns.ts';
import type { CustomerReturn } from '../common/receiving.ts';
import { receivingStatuses } from '../../cases/common/index.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { errorMessage } from '../../../base/browser/messages.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { useDepotForm } from '../../../base/browser/form.ts';
import { useStationPlace } from '../../locations/browser/index.ts';
import { ConditionFields } from './ConditionFields.tsx';

interface BoxForm {
  serial: string;
  /** The box's condition, which every unit takes; changed for one unit when `nextOnly` is checked. */
  condition: Condition;
  nextOnly: boolean;
}

const boxCondition: Condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [], otherAccessories: null, note: null };

/**
 * The box of a return of many units at the dock: one scan per unit's serial, each received with the
 * box's condition, or with its own where it differs. The scan field keeps focus and takes the next
 * serial while the last one is on its way; scans are sent one after another, in the order made.
 */
export function ReturnBox({ initial, onClose }: { initial: CustomerReturn; onClose: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const place = useStationPlace('receiving');
  const [ret, setRet] = useState(initial);
  const [alert, setAlert] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const queue = useRef(Promise.resolve());
  const { register, control, setError, clearErrors, getValues, setValue, setFocus, formState: { errors } } = useDepotForm<BoxForm>({
    defaultValues: { serial: '', condition: boxCondition, nextOnly: false },
  });
  // The box's own condition while one unit's differs.
  const kept = useRef<Condition | null>(null);

  useEffect(() => setFocus('serial'), [setFocus]);

  const received = ret.units.filter((u) => !receivingStatuses.includes(u.status)).length;
  const open = ret.boxDoneAt === null;

  const said = (answer: BoxScan) => {
    const text =
      answer.kind === 'received'
        ? t('box.unitReceived', { rma: answer.rma, count: answer.ret.units.filter((u) => !receivingStatuses.includes(u.status)).length, total: answer.ret.units.length })
        : t('box.strayRecorded', { serial: answer.serial });
    setLast(text);
    announce(text);
  };

  const send = async (serial: string) => {
    const { condition, nextOnly } = getValues();
    const result = await api['receiving.receiveInReturn']({ returnId: ret.id, serial, condition, placeAt: place.placeAt() });
    if (!result.ok) {
      if (place.refused(result.error)) return;
      setLast(null);
      setAlert(applyServerError(result.error, setError, ['serial', 'condition.otherAccessories', 'condition.note'], t));
      return;
    }
    setAlert(null);
    setRet(result.value.ret);
    said(result.value);
    // One unit's own condition goes with that unit only; the next takes the box's again.
    if (nextOnly && result.value.kind === 'received' && kept.current) {
      setValue('condition', kept.current);
      setValue('nextOnly', false);
      kept.current = null;
    }
  };

  /** A scanner ends each serial with Enter: the field is emptied at once for the next, and the scan queued. */
  const serialKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const serial = event.currentTarget.value.trim();
    if (serial === '') return;
    setValue('serial', '');
    clearErrors('serial');
    queue.current = queue.current.then(() => send(serial));
  };

  const nextOnly = register('nextOnly', {
    onChange: (event: { target: { checked: boolean } }) => {
      if (event.target.checked) kept.current = structuredClone(getValues('condition'));
      else if (kept.current) {
        setValue('condition', kept.current);
        kept.current = null;
      }
    },
  });

  const finish = async () => {
    const result = await api['receiving.finishBox']({ returnId: ret.id, version: ret.version });
    if (!result.ok) {
      setAlert(errorMessage(result.error, t));
      const now = await api['returns.get']({ number: ret.number });
      if (now.ok) setRet(now.value);
      return;
    }
    setRet(result.value);
    const missing = result.value.units.filter((u) => u.missing).length;
    const text = t('box.doneSaid', { count: missing });
    setLast(text);
    announce(text);
  };

  return (
    <section className="panel return-box" aria-labelledby="box-title">
      <div className="box-head">
        <h2 id="box-title">{t('box.title', { number: ret.number })}</h2>
        <span>{ret.customerName}</span>
        <strong className="box-progress">{t('box.progress', { count: received, total: ret.units.length })}</strong>
      </div>
      <FormAlert message={alert} />
      {last ? (
        // Said aloud by the status bar; shown here beside the box.
        <p className="notice">{last}</p>
      ) : null}
      <form className="receive-columns" noValidate onSubmit={(event) => event.preventDefault()}>
        <div>
          {open ? (
            <Field label={t('field.serial')} error={errors.serial?.message} hint={t('box.serialHint')}>
              {(p) => <input {...p} {...register('serial')} autoComplete="off" spellCheck={false} className="mono scan-input" onKeyDown={serialKeys} />}
            </Field>
          ) : (
            <p className="notice">{t('box.isDone')}</p>
          )}
          <label className="check">
            <input type="checkbox" {...nextOnly} />
            {t('box.nextOnly')}
          </label>
          {place.field}
          <div className="actions">
            {open ? (
              <button type="button" onClick={() => void finish()}>
                {t('box.finish')}
              </button>
            ) : null}
            <button type="button" onClick={onClose}>
              {t('box.close')}
            </button>
          </div>
        </div>
        <ConditionFields register={register} control={control} errors={errors} offered={accessoryKinds} legend={t('box.condition')} />
      </form>
      <ReturnUnits ret={ret} />
    </section>
  );
}

/** A return's units as they are now, with the missing marked, and what its box held besides. */
export function ReturnUnits({ ret }: { ret: CustomerReturn }) {
  const { t } = useTranslation();
  return (
    <>
      <table className="box-units" aria-label={t('box.units')}>
        <thead>
          <tr>
            <th>{t('receiving.rma')}</th>
            <th>{t('receiving.product')}</th>
            <th>{t('field.serial')}</th>
            <th>{t('cases.status')}</th>
          </tr>
        </thead>
        <tbody>
          {ret.units.map((u) => (
            <tr key={u.rma} className={u.missing ? 'missing' : undefined}>
              <td className="mono">
                <a href={href({ screen: 'case', rma: u.rma })}>{u.rma}</a>
              </td>
              <td>{u.model ?? t('common.none')}</td>
              <td className="mono">{u.serial}</td>
              <td>
                <span className={`badge badge-${u.status}`}>{t(`status.${u.status}`)}</span>
                {u.missing ? <span className="badge badge-missing">{t('box.missing')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ret.strays.length > 0 ? (
        <section aria-labelledby="box-strays">
          <h3 id="box-strays">{t('box.strays')}</h3>
          <ul className="box-strays">
            {ret.strays.map((s) => (
              <li key={s.serial}>
                <span className="mono">{s.serial}</span> · {s.scannedBy ?? t('common.none')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
