import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { zodMessage } from '../common/messages.ts';
import type { ApiError } from '../common/result.ts';
import { errorMessage } from './messages.ts';

/**
 * Puts each field message of a failed call at its field (the API names fields as react-hook-form
 * does) and returns the general message for the form's alert. A field keeps the message's code
 * and params, as the form's own checks do, so `Field` words it in the reader's language.
 */
export function applyServerError<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  t: TFunction,
): string {
  let first = true;
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    if (!fields.includes(path)) continue;
    const reason = error.fieldReasons?.[path];
    const kept = reason ? zodMessage({ ...reason, text: message }) : message;
    setError(path as Path<T>, { type: 'server', message: kept }, { shouldFocus: first });
    first = false;
  }
  return errorMessage(error, t);
}
