import type { InputHTMLAttributes } from 'preact';

type InputProps = Omit<InputHTMLAttributes, 'id' | 'value' | 'onInput' | 'class' | 'ref'>;

/** A labelled text input with an optional hint and error, both tied to it for screen readers. */
export function TextField({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  ...rest
}: InputProps & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? '' : hintId, error === undefined ? '' : errorId]
    .filter((x) => x !== '')
    .join(' ');
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        class="input"
        value={value}
        onInput={(event) => {
          onValue(event.currentTarget.value);
        }}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        {...rest}
      />
      {error !== undefined && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
