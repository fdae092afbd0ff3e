import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { importPeople } from '../../api/directory';
import { Alert } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import {
  ApplyBar,
  CheckForm,
  DoneActions,
  FileField,
  ImportWizard,
} from '../../components/ImportWizard';
import { PageHeader } from '../../components/PageHeader';
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
      <ImportWizard step={state.step} messages={m} headingId="import-step-heading">
        {state.step === 'choose' && (
          <>
            <p class="muted">{m.chooseLead}</p>
            <p class="muted small">{m.columns}</p>
            <CheckForm
              error={error}
              busy={busy}
              ready={file !== undefined && file.text.trim() !== ''}
              labels={m}
              onCheck={() => {
                void run(true);
              }}
            >
              <FileField
                id="import-file"
                label={m.file}
                hint={m.fileHint}
                accept=".csv,text/csv"
                chosen={
                  file === undefined
                    ? undefined
                    : m.fileChosen(file.name, m.common.formatSize(file.size))
                }
                onChoose={(input) => {
                  void choose(input);
                }}
              />
            </CheckForm>
          </>
        )}

        {state.step === 'preview' && (
          <>
            <p class="muted">{m.previewLead}</p>
            <ImportPreview
              report={state.report}
              force={force}
              onForceChange={setForce}
              messages={m.preview}
              actions={
                <ApplyBar
                  error={error}
                  blocked={blocked}
                  blockedId="import-blocked"
                  busy={busy}
                  ready={readiness === 'ready'}
                  labels={m}
                  onApply={() => {
                    void run(false);
                  }}
                  onRestart={restart}
                />
              }
            />
          </>
        )}

        {state.step === 'done' && (
          <>
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
            <DoneActions
              again={m.importAnother}
              onAgain={restart}
              href="/people"
              onward={m.toDirectory}
            />
          </>
        )}
      </ImportWizard>

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
