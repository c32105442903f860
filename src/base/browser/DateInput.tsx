import { useEffect, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { isCalendarDate } from '../common/dates.ts';

/*
 * Calendar dates are typed year first, as the site's calendar writes them (2026-11-20), in a text
 * field with a hint in the app's language. The browser's own date control would speak the
 * browser's language and order ("mm/dd/yyyy") whatever the app's, and makes typing slower.
 */

type InputProps = Omit<ComponentProps<'input'>, 'type'>;

/** A date field for a form (`{...register('day')}`); its value is what was typed. */
export function DateInput(props: InputProps) {
  const { t } = useTranslation();
  return <input type="text" inputMode="numeric" autoComplete="off" maxLength={10} placeholder={t('common.datePlaceholder')} className="date" {...props} />;
}

/** A date field that reports a day only once a whole, real one is typed, so a half-typed date never goes out as a filter. */
export function DateText({ value, onDate, ...props }: Omit<InputProps, 'value' | 'onChange'> & { value: string; onDate: (day: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <DateInput
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (isCalendarDate(e.target.value)) onDate(e.target.value);
      }}
      onBlur={() => setText(value)}
    />
  );
}
