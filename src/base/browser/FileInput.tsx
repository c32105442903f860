import { useRef, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A file picker whose button speaks the app's language: the browser's own ("Choose Files", "No
 * file chosen") speaks the browser's. The input stays, labelled by its field, for screen readers'
 * forms and drops; the button beside it opens it.
 */
export function FileInput(props: Omit<ComponentProps<'input'>, 'type'>) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="file-input">
      <input {...props} ref={input} type="file" className="file-input-native" tabIndex={-1} />
      <button type="button" disabled={props.disabled} aria-describedby={props['aria-describedby']} onClick={() => input.current?.click()}>
        {t(props.multiple ? 'common.chooseFiles' : 'common.chooseFile')}
      </button>
    </span>
  );
}
