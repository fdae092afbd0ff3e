import { useState } from 'preact/hooks';
import { Icon } from './Icon';

export interface CopyMessages {
  readonly copy: string;
  readonly copied: string;
  /** Clipboard access refused (e.g. not a secure context): the text is selected instead. */
  readonly copyFailed: string;
}

/**
 * A secret or link shown once: a read-only field (select it and copy by hand)
 * and a button that copies it to the clipboard, with the outcome announced.
 */
export function CopyField({
  id,
  label,
  value,
  messages: m,
}: {
  id: string;
  label: string;
  value: string;
  messages: CopyMessages;
}) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      document.getElementById(id)?.focus();
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setOutcome('failed');
    }
  };
  return (
    <div class="copy-field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <div class="copy-field__row">
        <input
          id={id}
          class="input input--mono"
          readOnly
          value={value}
          spellcheck={false}
          autoComplete="off"
          onFocus={(event) => {
            event.currentTarget.select();
          }}
        />
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            void copy();
          }}
        >
          <Icon name={outcome === 'copied' ? 'check' : 'copy'} />
          {m.copy}
        </button>
      </div>
      <p role="status" class="field__hint">
        {outcome === 'copied' ? m.copied : outcome === 'failed' ? m.copyFailed : ''}
      </p>
    </div>
  );
}
