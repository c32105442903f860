import { useController, type Control, type FieldErrors, type Path, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { packagingStates, type Accessory, type conditionSchema } from '../common/receiving.ts';
import { Field } from '../../../base/browser/Field.tsx';

/** A form that records a unit's condition under `condition` (one unit, or a box of many). */
export type WithCondition = { condition: z.input<typeof conditionSchema> };

interface Props<T extends WithCondition> {
  register: UseFormRegister<T>;
  control: Control<T>;
  errors: FieldErrors<WithCondition>;
  /** The accessories to check off: the model's, or every kind when it has none listed. */
  offered: readonly Accessory[];
  legend: string;
}

/** The packaging, damage, accessories and note the dock records of what it received. */
export function ConditionFields<T extends WithCondition>({ register, control, errors, offered, legend }: Props<T>) {
  const { t } = useTranslation();
  const path = (name: string) => `condition.${name}` as Path<T>;
  const accessories = useController({ control, name: path('accessories') });
  const checked = accessories.field.value as Accessory[];
  const toggle = (kind: Accessory, on: boolean) => accessories.field.onChange(on ? [...checked, kind] : checked.filter((k) => k !== kind));
  const e = errors.condition;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <Field label={t('receiving.packaging')} error={e?.packaging?.message}>
        {(p) => (
          <select {...p} {...register(path('packaging'))}>
            {packagingStates.map((s) => (
              <option key={s} value={s}>
                {t(`receiving.packagingState.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="checks">
        <label className="check">
          <input type="checkbox" {...register(path('physicalDamage'))} />
          {t('receiving.physicalDamage')}
        </label>
        <label className="check">
          <input type="checkbox" {...register(path('liquidDamage'))} />
          {t('receiving.liquidDamage')}
        </label>
      </div>
      <fieldset className="checks-group">
        <legend>{t('receiving.accessories')}</legend>
        <div className="checks">
          {offered.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={checked.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
              {t(`receiving.accessory.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('receiving.otherAccessories')} error={e?.otherAccessories?.message} optional>
        {(p) => <input {...p} {...register(path('otherAccessories'))} autoComplete="off" />}
      </Field>
      <Field label={t('field.note')} error={e?.note?.message} optional>
        {(p) => <input {...p} {...register(path('note'))} autoComplete="off" />}
      </Field>
    </fieldset>
  );
}
