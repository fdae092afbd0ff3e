import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { AlertRegion } from './Alert';
import { Link } from './router';
import { WizardSteps } from './WizardSteps';

/** The steps of every import: choose a file, check the dry run's report, done. */
export type ImportStep = 'choose' | 'preview' | 'done';

const kStepIndex: Readonly<Record<ImportStep, number>> = { choose: 0, preview: 1, done: 2 };

export interface ImportWizardMessages {
  readonly steps: readonly [string, string, string];
  readonly stepLabel: string;
  readonly chooseHeading: string;
  readonly previewHeading: string;
  readonly resultHeading: string;
}

/**
 * The frame of an import: the numbered steps and one card whose heading names
 * the current step and takes the focus when the step changes, so keyboard and
 * screen-reader users land on it.
 */
export function ImportWizard({
  step,
  messages: m,
  headingId,
  children,
}: {
  step: ImportStep;
  messages: ImportWizardMessages;
  headingId: string;
  children: ComponentChildren;
}) {
  const title =
    step === 'choose' ? m.chooseHeading : step === 'preview' ? m.previewHeading : m.resultHeading;
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);
  return (
    <>
      <WizardSteps steps={m.steps} current={kStepIndex[step]} label={m.stepLabel} />
      <section class="card wizard" aria-labelledby={headingId}>
        <h2 id={headingId} class="card__title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        {children}
      </section>
    </>
  );
}

/** The first step's form: the fields, what went wrong, and the button that starts the dry run. */
export function CheckForm({
  error,
  busy,
  ready,
  labels,
  onCheck,
  children,
}: {
  error: string | undefined;
  busy: boolean;
  ready: boolean;
  labels: { readonly check: string; readonly checking: string };
  onCheck: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        onCheck();
      }}
    >
      {children}
      <AlertRegion>{error}</AlertRegion>
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={busy || !ready}>
          {busy ? labels.checking : labels.check}
        </button>
      </div>
    </form>
  );
}

/** The file input of an import's first step, with the chosen file's name and size. */
export function FileField({
  id,
  label,
  hint,
  accept,
  chosen,
  onChoose,
}: {
  id: string;
  label: string;
  hint: string;
  accept: string;
  /** What to say about the chosen file, if there is one. */
  chosen: string | undefined;
  onChoose: (input: HTMLInputElement) => void;
}) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
      <input
        id={id}
        class="input input--file"
        type="file"
        accept={accept}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          onChoose(event.currentTarget);
        }}
      />
      {chosen !== undefined && <p class="field__hint">{chosen}</p>}
    </div>
  );
}

/**
 * Below a dry run's report: why it cannot be applied (if so), the apply
 * button, and a way back to choose another file.
 */
export function ApplyBar({
  error,
  blocked,
  blockedId,
  busy,
  ready,
  labels,
  onApply,
  onRestart,
}: {
  error: string | undefined;
  blocked: string | undefined;
  blockedId: string;
  busy: boolean;
  ready: boolean;
  labels: { readonly apply: string; readonly applying: string; readonly chooseAnother: string };
  onApply: () => void;
  onRestart: () => void;
}) {
  return (
    <div class="wizard__actions">
      <AlertRegion>{error}</AlertRegion>
      {blocked !== undefined && (
        <p id={blockedId} class="form__note">
          {blocked}
        </p>
      )}
      <div class="form__actions">
        <button
          type="button"
          class="button button--primary"
          disabled={busy || !ready}
          aria-describedby={blocked === undefined ? undefined : blockedId}
          onClick={onApply}
        >
          {busy ? labels.applying : labels.apply}
        </button>
        <button type="button" class="button button--secondary" onClick={onRestart}>
          {labels.chooseAnother}
        </button>
      </div>
    </div>
  );
}

/** After an import: start another, or go to what was imported. */
export function DoneActions({
  again,
  onAgain,
  href,
  onward,
}: {
  again: string;
  onAgain: () => void;
  href: string;
  onward: string;
}) {
  return (
    <div class="form__actions">
      <button type="button" class="button button--primary" onClick={onAgain}>
        {again}
      </button>
      <Link class="button button--secondary" href={href}>
        {onward}
      </Link>
    </div>
  );
}
