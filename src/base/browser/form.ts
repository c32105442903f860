import { useMemo } from 'react';
import {
  useForm,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormHandleSubmit,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';

/**
 * Depot's forms: react-hook-form, except that a refused submit moves focus to its first field in
 * error at once and only then. The library also refocuses on a later timer; on a busy desk that
 * timer fires after the person (or the scanner) has gone on typing, and takes the next keystrokes
 * into another field.
 */
export function useDepotForm<T extends FieldValues, C = unknown, R = T>(props: UseFormProps<T, C, R> = {}): UseFormReturn<T, C, R> {
  const form = useForm<T, C, R>({ ...props, shouldFocusError: false });
  const { handleSubmit: submitOf, setFocus } = form;
  const handleSubmit = useMemo<UseFormHandleSubmit<T, R>>(
    () => (onValid, onInvalid) =>
      submitOf(onValid, (errors, event) => {
        focusFirstInvalid(errors, event?.target, setFocus);
        return onInvalid?.(errors, event);
      }),
    [submitOf, setFocus],
  );
  return { ...form, handleSubmit };
}

/** The first field in error in the form's own order (the order the person reads it), else in the errors' order. */
function focusFirstInvalid<T extends FieldValues>(errors: FieldErrors<T>, target: unknown, setFocus: (name: Path<T>) => void): void {
  const paths = errorPaths(errors);
  if (paths.length === 0) return;
  if (target instanceof HTMLFormElement) {
    for (const element of Array.from(target.elements)) {
      const name = element.getAttribute('name');
      if (name && paths.includes(name) && element instanceof HTMLElement) {
        element.focus();
        return;
      }
    }
  }
  setFocus(paths[0] as Path<T>);
}

/** The dotted paths of the fields an errors object names (`returnAddress.city`, `lines.2.sku`). */
function errorPaths(errors: object, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    // A field's own error has a string `type`; a group of fields (which may have a field named `type`) does not.
    if (typeof (value as { type?: unknown }).type === 'string') paths.push(path);
    else paths.push(...errorPaths(value, path));
  }
  return paths;
}
