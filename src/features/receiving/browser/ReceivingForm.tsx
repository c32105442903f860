import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  accessoryKinds,
  receiveInput,
  setAsideInput,
  type Accessory,
  type ExpectedUnit,
  type PhotoInfo,
  type ReceiveOutcome,
  type ShelfParcel,
} from '../common/receiving.ts';
import { normalizeSerial } from '../../../base/common/schemas.ts';
import { api } from '../../../base/browser/api.ts';
import { Field, FormAlert } from '../../../base/browser/Field.tsx';
import { Modal } from '../../../base/browser/Modal.tsx';
import { applyServerError } from '../../../base/browser/serverErrors.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { CasePhotos } from '../../photos/browser/index.ts';
import { useStationPlace } from '../../locations/browser/index.ts';
import { ShelfWhere } from './Unmatched.tsx';
import { ConditionFields } from './ConditionFields.tsx';
import { zodMessage } from '../../../base/common/messages.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { useDepotForm } from '../../../base/browser/form.ts';
import { mark, markPainted } from '../../../base/browser/timing.ts';

type ReceiveForm = z.input<typeof receiveInput>;
type Receipt = z.output<typeof receiveInput>;

const differs = (scanned: string, expected: string) => normalizeSerial(scanned) !== normalizeSerial(expected);

/** The core accepts a serial that is not the RMA's only with a reason; say so before asking it. */
const schemaFor = (expected: string) =>
  receiveInput.superRefine((value, ctx) => {
    if (differs(value.serial, expected) && !value.mismatchReason) {
      ctx.addIssue({ code: 'custom', path: ['mismatchReason'], message: zodMessage(casesMessages.giveReason()) });
    }
  });

const serverFields = [
  'serial',
  'mismatchReason',
  'condition.packaging',
  'condition.accessories',
  'condition.otherAccessories',
  'condition.note',
] as const;

interface Props {
  unit: ExpectedUnit;
  /** The code scanned on the parcel. */
  code: string;
  /** The parcel is on the shelf already (it was set aside, or came early): receiving takes it off. */
  shelved: ShelfParcel | null;
  onReceived: (outcome: ReceiveOutcome, serial: string) => void;
  onSetAside: (parcel: ShelfParcel) => void;
}

/** One unit at the dock: serial check, condition, accessories and photos, then Enter receives it (or set it aside). */
export function ReceiveForm({ unit, code, shelved, onReceived, onSetAside }: Props) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const place = useStationPlace('receiving');
  const [settingAside, setSettingAside] = useState(false);
  // The photos taken of this unit here: they go with the parcel if it is set aside.
  const [photosTaken, setPhotosTaken] = useState<PhotoInfo[]>([]);
  // The serial is judged once it is complete (Enter, or leaving the field), not while it is typed.
  const [serialDone, setSerialDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    trigger,
    getValues,
    control,
    formState: { errors, isSubmitting },
  } = useDepotForm<ReceiveForm, unknown, Receipt>({
    resolver: zodResolver(schemaFor(unit.serial)),
    defaultValues: {
      rma: unit.rma,
      version: unit.version,
      serial: '',
      mismatchReason: '',
      condition: {
        packaging: 'intact',
        physicalDamage: false,
        liquidDamage: false,
        accessories: [],
        otherAccessories: '',
        note: '',
      },
    },
  });
  const [focusNext, setFocusNext] = useState<'serial' | 'mismatchReason' | null>(null);
  // Read, not watched: the form draws again when the serial is done or edited anew, never per keystroke.
  const serial = getValues('serial');
  const mismatch = serialDone && serial.trim() !== '' && differs(serial, unit.serial);
  const offered: Accessory[] = unit.accessories.length > 0 ? [...new Set([...unit.accessories, 'other' as const])] : [...accessoryKinds];

  useEffect(() => markPainted('receiving.formShown'), []);

  const receive = handleSubmit(async (input) => {
    setAlert(null);
    const mismatched = differs(input.serial, unit.serial);
    const result = await api['receiving.receive']({
      ...input,
      mismatchReason: mismatched ? input.mismatchReason : null,
      parcelId: shelved?.id ?? null,
      placeAt: place.placeAt(),
    });
    if (result.ok) {
      onReceived(result.value, input.serial);
    } else if (place.refused(result.error)) {
      return;
    } else if (result.error.code === 'conflict') {
      setAlert(t('receiving.conflict', { rma: unit.rma }));
    } else {
      if (result.error.fields?.serial) setSerialDone(true);
      setAlert(applyServerError(result.error, setError, serverFields, t));
    }
  });

  /** A scanner ends the serial with Enter: check it, then go on to the reason or the condition. */
  const serialKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    // Checked here and now, not by the form's asynchronous validation: the Enter that follows the
    // scanner's must find focus already moved on, not still in the serial field.
    const typed = event.currentTarget.value;
    const complete = receiveInput.shape.serial.safeParse(typed).success;
    void trigger('serial');
    if (!complete) return;
    setSerialDone(true);
    // The reason field is drawn by the next render; the packaging is there now.
    if (differs(typed, unit.serial)) setFocusNext('mismatchReason');
    else {
      const packaging = event.currentTarget.form?.elements.namedItem('condition.packaging');
      if (packaging instanceof HTMLElement) packaging.focus();
    }
  };

  // After the render that shows the reason field, when the serial needs one.
  useEffect(() => {
    if (!focusNext) return;
    setFocus(focusNext);
    setFocusNext(null);
  }, [focusNext, setFocus]);

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    mark('receiving.receiveSubmitted');
    return receive(event);
  };

  /** Enter anywhere else (not in a button or the file picker) receives the unit. */
  const formKeys = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLButtonElement || target instanceof HTMLTextAreaElement) return;
    if (target instanceof HTMLInputElement && target.type === 'file') return;
    event.preventDefault();
    void submit();
  };

  return (
    <>
      <form className="receive-form panel" onSubmit={submit} onKeyDown={formKeys} noValidate aria-labelledby="receive-title">
        <h2 id="receive-title">{t('receiving.expected')}</h2>
        <dl className="facts unit-facts">
          <div className="fact">
            <dt>{t('receiving.rma')}</dt>
            <dd className="mono unit-rma">{unit.rma}</dd>
          </div>
          <div className="fact">
            <dt>{t('receiving.customer')}</dt>
            <dd>{unit.customerName}</dd>
          </div>
          <div className="fact">
            <dt>{t('receiving.product')}</dt>
            <dd>
              <strong>{unit.model ?? t('common.none')}</strong>
              {unit.productName ? ` · ${unit.productName}` : ''}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('receiving.expectedSerial')}</dt>
            <dd className="mono">{unit.serial}</dd>
          </div>
          <div className="fact">
            <dt>{t('cases.status')}</dt>
            <dd>
              <span className={`badge badge-${unit.status}`}>{t(`status.${unit.status}`)}</span>
            </dd>
          </div>
        </dl>
        {shelved ? (
          <p className="notice">
            {t('receiving.shelvedHere')} <ShelfWhere parcel={shelved} />
          </p>
        ) : null}
        <FormAlert message={alert} />
        <div className="receive-columns">
          <div>
            <Field label={t('field.serial')} error={errors.serial?.message} hint={t('receiving.serialHint')}>
              {(p) => (
                <input
                  {...p}
                  {...register('serial', { onChange: () => setSerialDone(false), onBlur: () => setSerialDone(true) })}
                  autoFocus
                  autoComplete="off"
                  spellCheck={false}
                  className="mono scan-input"
                  onKeyDown={serialKeys}
                />
              )}
            </Field>
            {mismatch ? (
              <div className="mismatch" role="alert">
                <strong>{t('receiving.mismatchTitle')}</strong>
                <p>{t('receiving.mismatch', { scanned: serial.trim(), expected: unit.serial })}</p>
                <Field label={t('field.reason')} error={errors.mismatchReason?.message}>
                  {(p) => <input {...p} {...register('mismatchReason')} autoComplete="off" />}
                </Field>
              </div>
            ) : null}
            <CasePhotos rma={unit.rma} onAdded={(added) => setPhotosTaken((before) => [...before, ...added])} />
            {/* Beside the condition rather than under it, so the dock's actions stay above the fold. */}
            {place.field}
          </div>
          <ConditionFields register={register} control={control} errors={errors} offered={offered} legend={t('receiving.condition')} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('receiving.receive')}
          </button>
          <button type="button" onClick={() => setSettingAside(true)}>
            {t('receiving.setAside')}
          </button>
          <span className="hint">{t('receiving.enterHint')}</span>
        </div>
      </form>
      {settingAside ? (
        <SetAsideDialog
          unit={unit}
          code={code}
          shelved={shelved}
          serial={serial.trim() !== '' && differs(serial, unit.serial) ? serial.trim() : null}
          photos={photosTaken}
          mismatchReason={getValues('mismatchReason') ?? ''}
          onClose={() => {
            setSettingAside(false);
            // Back to this unit's scan field: the next thing scanned is its serial again.
            setFocusNext('serial');
          }}
          onSetAside={onSetAside}
        />
      ) : null}
    </>
  );
}

type SetAsideForm = z.input<typeof setAsideInput>;

interface SetAsideProps {
  unit: ExpectedUnit;
  code: string;
  shelved: ShelfParcel | null;
  /** The serial scanned when it is not the RMA's; null when the serial is not the question. */
  serial: string | null;
  photos: PhotoInfo[];
  mismatchReason: string;
  onClose: () => void;
  onSetAside: (parcel: ShelfParcel) => void;
}

/** Puts the unit's parcel on the shelf for its case: the serial scanned, the photos taken, where it is and why. */
function SetAsideDialog({ unit, code, shelved, serial, photos, mismatchReason, onClose, onSetAside }: SetAsideProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useDepotForm<SetAsideForm, unknown, z.output<typeof setAsideInput>>({
    resolver: zodResolver(setAsideInput),
    defaultValues: {
      rma: unit.rma,
      tracking: shelved?.tracking ?? code,
      serial,
      photoIds: photos.map((p) => p.id),
      shelf: shelved?.shelf ?? '',
      note: mismatchReason,
      parcelId: shelved?.id ?? null,
    },
  });

  const submit = handleSubmit(async (input) => {
    setAlert(null);
    const result = await api['receiving.setAside'](input);
    if (!result.ok) {
      setAlert(applyServerError(result.error, setError, ['shelf', 'note'], t));
      return;
    }
    announce(t('receiving.setAsideDone', { tracking: result.value.tracking, rma: unit.rma }));
    onSetAside(result.value);
  });

  return (
    <Modal titleId="set-aside-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="set-aside-title">{t('receiving.setAsideTitle', { rma: unit.rma })}</h2>
        <p>{serial ? t('receiving.setAsideMismatch', { rma: unit.rma, serial }) : t('receiving.setAsideWhy')}</p>
        {photos.length > 0 ? <p className="muted">{t('receiving.setAsidePhotos', { count: photos.length })}</p> : null}
        <FormAlert message={alert} />
        <Field label={t('unmatched.shelf')} error={errors.shelf?.message} optional>
          {(p) => <input {...p} {...register('shelf')} autoFocus autoComplete="off" />}
        </Field>
        <Field label={t('field.note')} error={errors.note?.message} optional={Boolean(serial)}>
          {(p) => <input {...p} {...register('note')} autoComplete="off" />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('receiving.setAsideConfirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
