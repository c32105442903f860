import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { translateMessage } from './messages.ts';

export interface FieldA11y {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}

/** A visible label tied to its control, with its hint and error read out with it. */
export function Field({ label, error, hint, optional, className, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> ({t('common.optional')})</span> : null}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="error" id={errorId}>
          {translateMessage(error)}
        </div>
      ) : null}
    </div>
  );
}

/** The form's general message; always in the DOM so screen readers notice when it fills. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div className={message ? 'alert' : 'alert alert-empty'} role="alert">
      {message}
    </div>
  );
}
