import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { importPeople } from '../../api/directory';
import { Alert, AlertRegion } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';
import { importReadiness, type ImportReport } from '../../domain/directory';
import { ExportButton, type ExportMessages } from './ExportButton';
import { ImportPreview, type ImportPreviewMessages } from './ImportPreview';

export interface ImportMessages {
  readonly title: string;
  readonly lead: string;
  readonly steps: readonly [string, string, string];
  readonly stepLabel: string;
  readonly chooseHeading: string;
  readonly chooseLead: string;
  readonly columns: string;
  readonly file: string;
  readonly fileHint: string;
  readonly fileChosen: (name: string, size: string) => string;
  readonly readFailed: string;
  readonly emptyFile: string;
  readonly check: string;
  readonly checking: string;
  readonly previewHeading: string;
  readonly previewLead: string;
  readonly hasErrors: string;
  readonly needsForce: string;
  readonly nothingToDo: string;
  readonly apply: string;
  readonly applying: string;
  readonly chooseAnother: string;
  readonly resultHeading: string;
  readonly applied: (
    creates: number,
    updates: number,
    deactivations: number,
    reactivations: number,
  ) => string;
  readonly notApplied: string;
  readonly importAnother: string;
  readonly toDirectory: string;
  readonly exportHeading: string;
  readonly exportLead: string;
  readonly formatSize: (bytes: number) => string;
  readonly preview: ImportPreviewMessages;
  readonly exportButton: ExportMessages;
  readonly common: CommonMessages;
}

type Step =
  | { readonly step: 'choose' }
  | { readonly step: 'preview'; readonly report: ImportReport }
  | { readonly step: 'done'; readonly report: ImportReport };

interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly text: string;
}

const kStepIndex = { choose: 0, preview: 1, done: 2 } as const;

/**
 * /people/import: choose a CSV file, check it with a dry run, then apply it.
 * The file is the whole directory, so the preview shows every deactivation.
 */
export function ImportPage({
  api,
  canExport,
  messages: m,
}: {
  api: ApiClient;
  canExport: boolean;
  messages: ImportMessages;
}) {
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [file, setFile] = useState<ChosenFile | undefined>(undefined);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  // Each step starts at its heading, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [state.step]);

  const choose = async (input: HTMLInputElement) => {
    setError(undefined);
    const chosen = input.files?.[0];
    if (chosen === undefined) {
      setFile(undefined);
      return;
    }
    try {
      const text = await chosen.text();
      setFile({ name: chosen.name, size: chosen.size, text });
      if (text.trim() === '') setError(m.emptyFile);
    } catch {
      setFile(undefined);
      setError(m.readFailed);
    }
  };

  const run = async (dryRun: boolean) => {
    if (file === undefined || busy) return;
    setBusy(true);
    setError(undefined);
    const result = await importPeople(api, file.text, { dryRun, force: !dryRun && force });
    setBusy(false);
    if (!result.ok) {
      setError(m.common.describeError(result.error));
      return;
    }
    if (dryRun) {
      setForce(false);
      setState({ step: 'preview', report: result.value });
    } else if (result.value.applied) {
      setState({ step: 'done', report: result.value });
    } else {
      // Refused (errors, or the safety stop without force): nothing changed; show why.
      setState({ step: 'preview', report: result.value });
      setError(m.notApplied);
    }
  };

  const restart = () => {
    setState({ step: 'choose' });
    setFile(undefined);
    setForce(false);
    setError(undefined);
  };

  const current = kStepIndex[state.step];
  const readiness = state.step === 'preview' ? importReadiness(state.report, force) : undefined;
  const blocked =
    readiness === 'has_errors'
      ? m.hasErrors
      : readiness === 'needs_force'
        ? m.needsForce
        : readiness === 'nothing_to_do'
          ? m.nothingToDo
          : undefined;

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <nav aria-label={m.stepLabel}>
        <ol class="steps">
          {m.steps.map((label, i) => (
            <li
              key={label}
              class="steps__item"
              data-state={i < current ? 'done' : i === current ? 'current' : 'todo'}
              aria-current={i === current ? 'step' : undefined}
            >
              <span class="steps__number" aria-hidden="true">
                {i < current ? <Icon name="check" /> : i + 1}
              </span>
              {label}
            </li>
          ))}
        </ol>
      </nav>

      <section class="card wizard" aria-labelledby="import-step-heading">
        {state.step === 'choose' && (
          <>
            <h2 id="import-step-heading" class="card__title" tabIndex={-1} ref={heading}>
              {m.chooseHeading}
            </h2>
            <p class="muted">{m.chooseLead}</p>
            <p class="muted small">{m.columns}</p>
            <form
              class="form"
              onSubmit={(event) => {
                event.preventDefault();
                void run(true);
              }}
            >
              <div class="field">
                <label class="field__label" for="import-file">
                  {m.file}
                </label>
                <p id="import-file-hint" class="field__hint">
                  {m.fileHint}
                </p>
                <input
                  id="import-file"
                  class="input input--file"
                  type="file"
                  accept=".csv,text/csv"
                  aria-describedby="import-file-hint"
                  onChange={(event) => {
                    void choose(event.currentTarget);
                  }}
                />
                {file !== undefined && (
                  <p class="field__hint">{m.fileChosen(file.name, m.formatSize(file.size))}</p>
                )}
              </div>
              <AlertRegion>{error}</AlertRegion>
              <div class="form__actions">
                <button
                  type="submit"
                  class="button button--primary"
                  disabled={busy || file === undefined || file.text.trim() === ''}
                >
                  {busy ? m.checking : m.check}
                </button>
              </div>
            </form>
          </>
        )}

        {state.step === 'preview' && (
          <>
            <h2 id="import-step-heading" class="card__title" tabIndex={-1} ref={heading}>
              {m.previewHeading}
            </h2>
            <p class="muted">{m.previewLead}</p>
            <ImportPreview
              report={state.report}
              force={force}
              onForceChange={setForce}
              messages={m.preview}
              actions={
                <div class="wizard__actions">
                  <AlertRegion>{error}</AlertRegion>
                  {blocked !== undefined && (
                    <p id="import-blocked" class="form__note">
                      {blocked}
                    </p>
                  )}
                  <div class="form__actions">
                    <button
                      type="button"
                      class="button button--primary"
                      disabled={busy || readiness !== 'ready'}
                      aria-describedby={blocked === undefined ? undefined : 'import-blocked'}
                      onClick={() => {
                        void run(false);
                      }}
                    >
                      {busy ? m.applying : m.apply}
                    </button>
                    <button type="button" class="button button--secondary" onClick={restart}>
                      {m.chooseAnother}
                    </button>
                  </div>
                </div>
              }
            />
          </>
        )}

        {state.step === 'done' && (
          <>
            <h2 id="import-step-heading" class="card__title" tabIndex={-1} ref={heading}>
              {m.resultHeading}
            </h2>
            <Alert tone="ok">
              <p>
                {m.applied(
                  state.report.creates,
                  state.report.updates,
                  state.report.deactivations,
                  state.report.reactivations,
                )}
              </p>
            </Alert>
            <div class="form__actions">
              <button type="button" class="button button--primary" onClick={restart}>
                {m.importAnother}
              </button>
              <Link class="button button--secondary" href="/people">
                {m.toDirectory}
              </Link>
            </div>
          </>
        )}
      </section>

      {canExport && (
        <section class="section" aria-labelledby="export-heading">
          <h2 id="export-heading" class="section-title">
            {m.exportHeading}
          </h2>
          <p class="section-lead">{m.exportLead}</p>
          <ExportButton api={api} messages={m.exportButton} />
        </section>
      )}
    </>
  );
}
