import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { importKnowledge, kKnowledgeExportUrl } from '../../api/knowledge';
import { Alert } from '../../components/Alert';
import { Icon } from '../../components/Icon';
import {
  ApplyBar,
  CheckForm,
  DoneActions,
  FileField,
  ImportWizard,
} from '../../components/ImportWizard';
import { PageHeader } from '../../components/PageHeader';
import {
  bundleReadiness,
  kVisibilities,
  type BundleImportReport,
  type BundleProblem,
  type Visibility,
} from '../../domain/knowledge';
import type { KbMessages } from './shared';

export interface KbImportMessages {
  readonly title: string;
  readonly lead: string;
  readonly steps: readonly [string, string, string];
  readonly stepLabel: string;
  readonly chooseHeading: string;
  readonly chooseLead: string;
  readonly frontMatter: string;
  readonly file: string;
  readonly fileHint: string;
  readonly fileChosen: (name: string, size: string) => string;
  readonly visibility: string;
  readonly visibilityHint: string;
  readonly publish: string;
  readonly publishHint: string;
  readonly language: string;
  readonly languageHint: string;
  readonly check: string;
  readonly checking: string;
  readonly previewHeading: string;
  readonly previewLead: string;
  readonly countsHeading: string;
  readonly counts: {
    readonly files: string;
    readonly articlesCreated: string;
    readonly articlesUpdated: string;
    readonly articlesUnchanged: string;
    readonly categoriesCreated: string;
    readonly categoriesUpdated: string;
    readonly attachmentsCreated: string;
  };
  readonly errorsHeading: (n: number) => string;
  readonly warningsHeading: (n: number) => string;
  readonly warningsLead: string;
  readonly path: string;
  readonly line: string;
  readonly problem: string;
  readonly hasErrors: string;
  readonly nothingToDo: string;
  readonly apply: string;
  readonly applying: string;
  readonly chooseAnother: string;
  readonly resultHeading: string;
  readonly applied: (report: BundleImportReport) => string;
  readonly notApplied: string;
  readonly importAnother: string;
  readonly toKnowledge: string;
  readonly exportHeading: string;
  readonly exportLead: string;
  readonly export: string;
  readonly kb: KbMessages;
}

type Step =
  | { readonly step: 'choose' }
  | { readonly step: 'preview'; readonly report: BundleImportReport }
  | { readonly step: 'done'; readonly report: BundleImportReport };

const kAccept = '.zip,.tar,.tgz,.tar.gz,.tar.bz2,.tar.xz,application/zip,application/x-tar';

/** The per-file problems of a report, as a table. */
function ProblemTable({
  id,
  title,
  lead,
  problems,
  m,
}: {
  id: string;
  title: string;
  lead?: string;
  problems: readonly BundleProblem[];
  m: KbImportMessages;
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} class="subsection-title">
        {title}
      </h3>
      {lead !== undefined && <p class="muted">{lead}</p>}
      <div class="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table class="table table--errors">
          <thead>
            <tr>
              <th scope="col">{m.path}</th>
              <th scope="col" class="num">
                {m.line}
              </th>
              <th scope="col">{m.problem}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={`${p.path}-${p.line}-${i}`}>
                <td>
                  <code>{p.path}</code>
                </td>
                <td class="num">{p.line > 0 ? p.line : ''}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReportCounts({ report, m }: { report: BundleImportReport; m: KbImportMessages }) {
  const c = m.counts;
  const counts: readonly [string, number, string][] = [
    [c.files, report.files, 'files'],
    [c.articlesCreated, report.articlesCreated, 'articles-created'],
    [c.articlesUpdated, report.articlesUpdated, 'articles-updated'],
    [c.articlesUnchanged, report.articlesUnchanged, 'articles-unchanged'],
    [c.categoriesCreated, report.categoriesCreated, 'categories-created'],
    [c.categoriesUpdated, report.categoriesUpdated, 'categories-updated'],
    [c.attachmentsCreated, report.attachmentsCreated, 'attachments-created'],
  ];
  return (
    <section aria-labelledby="kb-import-counts">
      <h3 id="kb-import-counts" class="subsection-title">
        {m.countsHeading}
      </h3>
      <dl class="stats">
        {counts.map(([label, value, key]) => (
          <div key={key} class="stats__item" data-kind={key}>
            <dt>{label}</dt>
            <dd>{m.kb.common.formatCount(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * /knowledge/import: upload a zip or tar of Markdown and HTML files, check it
 * with a dry run (per-file errors and warnings), then import it; and download
 * the whole knowledge base in the same format.
 */
export function KnowledgeImportPage({
  api,
  messages: m,
}: {
  api: ApiClient;
  messages: KbImportMessages;
}) {
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [file, setFile] = useState<File | undefined>(undefined);
  const [visibility, setVisibility] = useState<Visibility | ''>('');
  const [publish, setPublish] = useState(false);
  const [language, setLanguage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async (dryRun: boolean) => {
    if (file === undefined || busy) return;
    setBusy(true);
    setError(undefined);
    const result = await importKnowledge(api, file, {
      dryRun,
      publish,
      visibility: visibility === '' ? undefined : visibility,
      language: language.trim() === '' ? undefined : language.trim(),
    });
    setBusy(false);
    if (!result.ok) {
      setError(m.kb.common.describeError(result.error));
      return;
    }
    if (!dryRun && result.value.applied) {
      setState({ step: 'done', report: result.value });
      return;
    }
    setState({ step: 'preview', report: result.value });
    // A real run that was refused wrote nothing; the report says why.
    if (!dryRun) setError(m.notApplied);
  };

  const restart = () => {
    setState({ step: 'choose' });
    setFile(undefined);
    setError(undefined);
  };

  const readiness = state.step === 'preview' ? bundleReadiness(state.report) : undefined;
  const blocked =
    readiness === 'has_errors'
      ? m.hasErrors
      : readiness === 'nothing_to_do'
        ? m.nothingToDo
        : undefined;

  const warnings = state.step !== 'choose' && state.report.warnings.length > 0 && (
    <ProblemTable
      id="kb-import-warnings"
      title={m.warningsHeading(state.report.warnings.length)}
      lead={m.warningsLead}
      problems={state.report.warnings}
      m={m}
    />
  );

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <ImportWizard step={state.step} messages={m} headingId="kb-import-step-heading">
        {state.step === 'choose' && (
          <>
            <p class="muted">{m.chooseLead}</p>
            <p class="muted small">{m.frontMatter}</p>
            <CheckForm
              error={error}
              busy={busy}
              ready={file !== undefined}
              labels={m}
              onCheck={() => {
                void run(true);
              }}
            >
              <FileField
                id="kb-import-file"
                label={m.file}
                hint={m.fileHint}
                accept={kAccept}
                chosen={
                  file === undefined
                    ? undefined
                    : m.fileChosen(file.name, m.kb.common.formatSize(file.size))
                }
                onChoose={(input) => {
                  setError(undefined);
                  setFile(input.files?.[0]);
                }}
              />
              <div class="field">
                <label class="field__label" for="kb-import-visibility">
                  {m.visibility}
                </label>
                <p id="kb-import-visibility-hint" class="field__hint">
                  {m.visibilityHint}
                </p>
                <select
                  id="kb-import-visibility"
                  class="input"
                  value={visibility}
                  aria-describedby="kb-import-visibility-hint"
                  onChange={(event) => {
                    const v = event.currentTarget.value;
                    setVisibility(kVisibilities.find((k) => k === v) ?? '');
                  }}
                >
                  <option value="">{m.kb.visibilities.internal}</option>
                  <option value="public">{m.kb.visibilities.public}</option>
                </select>
              </div>
              <div class="field field--check">
                <input
                  id="kb-import-publish"
                  type="checkbox"
                  class="checkbox"
                  checked={publish}
                  aria-describedby="kb-import-publish-hint"
                  onChange={(event) => {
                    setPublish(event.currentTarget.checked);
                  }}
                />
                <label for="kb-import-publish">{m.publish}</label>
                <p id="kb-import-publish-hint" class="field__hint">
                  {m.publishHint}
                </p>
              </div>
              <div class="field">
                <label class="field__label" for="kb-import-language">
                  {m.language}
                </label>
                <p id="kb-import-language-hint" class="field__hint">
                  {m.languageHint}
                </p>
                <input
                  id="kb-import-language"
                  class="input input--short"
                  type="text"
                  value={language}
                  placeholder="en"
                  autoComplete="off"
                  spellcheck={false}
                  aria-describedby="kb-import-language-hint"
                  onInput={(event) => {
                    setLanguage(event.currentTarget.value);
                  }}
                />
              </div>
            </CheckForm>
          </>
        )}

        {state.step === 'preview' && (
          <>
            <p class="muted">{m.previewLead}</p>
            <div class="import-preview">
              <ReportCounts report={state.report} m={m} />
              {state.report.errors.length > 0 && (
                <ProblemTable
                  id="kb-import-errors"
                  title={m.errorsHeading(state.report.errors.length)}
                  problems={state.report.errors}
                  m={m}
                />
              )}
              <ApplyBar
                error={error}
                blocked={blocked}
                blockedId="kb-import-blocked"
                busy={busy}
                ready={readiness === 'ready'}
                labels={m}
                onApply={() => {
                  void run(false);
                }}
                onRestart={restart}
              />
              {warnings}
            </div>
          </>
        )}

        {state.step === 'done' && (
          <>
            <Alert tone="ok">
              <p>{m.applied(state.report)}</p>
            </Alert>
            {warnings}
            <DoneActions
              again={m.importAnother}
              onAgain={restart}
              href="/knowledge"
              onward={m.toKnowledge}
            />
          </>
        )}
      </ImportWizard>

      <section class="section" aria-labelledby="kb-export-heading">
        <h2 id="kb-export-heading" class="section-title">
          {m.exportHeading}
        </h2>
        <p class="section-lead">{m.exportLead}</p>
        {/* A plain download: the browser streams the zip to disk with the session cookie. */}
        <a class="button button--secondary" href={kKnowledgeExportUrl} download>
          <Icon name="download" />
          {m.export}
        </a>
      </section>
    </>
  );
}
