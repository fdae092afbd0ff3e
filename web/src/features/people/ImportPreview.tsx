import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Alert } from '../../components/Alert';
import type { ImportAction, ImportReport } from '../../domain/directory';

export interface ImportPreviewMessages {
  readonly countsHeading: string;
  readonly rows: string;
  readonly creates: string;
  readonly updates: string;
  readonly unchanged: string;
  readonly deactivations: string;
  readonly reactivations: string;
  readonly errorsHeading: (count: number) => string;
  readonly errorsLead: string;
  readonly errorsCaption: string;
  readonly line: string;
  readonly field: string;
  readonly message: string;
  readonly wholeRow: string;
  readonly changesHeading: (count: number) => string;
  readonly changesCaption: string;
  readonly noChanges: string;
  readonly employeeId: string;
  readonly action: string;
  readonly changedFields: string;
  readonly actions: Readonly<Record<ImportAction, string>>;
  readonly showAll: (count: number) => string;
  readonly safetyStopHeading: string;
  readonly safetyStop: (deactivations: number) => string;
  readonly force: string;
  readonly forceHint: string;
  readonly formatCount: (n: number) => string;
}

/** Long change lists show this many rows until the reader asks for all. */
export const kChangesShown = 50;

/**
 * The report of a dry run (or of a refused real run): counts, per-row errors,
 * the list of changes, and the safety-stop warning with its "force" checkbox.
 */
export function ImportPreview({
  report,
  force,
  onForceChange,
  actions,
  messages: m,
}: {
  report: ImportReport;
  force: boolean;
  onForceChange?: (force: boolean) => void;
  /** Shown after the summary, warnings and errors, before the (long) list of changes. */
  actions?: ComponentChildren;
  messages: ImportPreviewMessages;
}) {
  const [showAll, setShowAll] = useState(false);
  const changes = showAll ? report.changes : report.changes.slice(0, kChangesShown);
  const counts: readonly [string, number, string][] = [
    [m.rows, report.rows, 'rows'],
    [m.creates, report.creates, 'creates'],
    [m.updates, report.updates, 'updates'],
    [m.unchanged, report.unchanged, 'unchanged'],
    [m.deactivations, report.deactivations, 'deactivations'],
    [m.reactivations, report.reactivations, 'reactivations'],
  ];
  return (
    <div class="import-preview">
      <section aria-labelledby="import-counts">
        <h3 id="import-counts" class="subsection-title">
          {m.countsHeading}
        </h3>
        <dl class="stats">
          {counts.map(([label, value, key]) => (
            <div key={key} class="stats__item" data-kind={key}>
              <dt>{label}</dt>
              <dd>{m.formatCount(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      {report.safetyStop && (
        <section class="safety-stop" aria-labelledby="import-safety">
          <Alert tone="warning">
            <h3 id="import-safety" class="alert__title">
              {m.safetyStopHeading}
            </h3>
            <p>{m.safetyStop(report.deactivations)}</p>
            {onForceChange !== undefined && (
              <div class="field field--check">
                <input
                  id="import-force"
                  type="checkbox"
                  class="checkbox"
                  checked={force}
                  aria-describedby="import-force-hint"
                  onChange={(event) => {
                    onForceChange(event.currentTarget.checked);
                  }}
                />
                <label for="import-force">{m.force}</label>
                <p id="import-force-hint" class="field__hint">
                  {m.forceHint}
                </p>
              </div>
            )}
          </Alert>
        </section>
      )}

      {report.errors.length > 0 && (
        <section aria-labelledby="import-errors">
          <h3 id="import-errors" class="subsection-title">
            {m.errorsHeading(report.errors.length)}
          </h3>
          <p class="muted">{m.errorsLead}</p>
          <div class="table-wrap" role="region" aria-labelledby="import-errors" tabIndex={0}>
            <table class="table table--errors">
              <caption class="visually-hidden">{m.errorsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {m.line}
                  </th>
                  <th scope="col">{m.field}</th>
                  <th scope="col">{m.message}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.line}-${e.field}-${i}`}>
                    <td class="num">{e.line > 0 ? e.line : ''}</td>
                    <td>{e.field === '' ? m.wholeRow : <code>{e.field}</code>}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {actions}

      <section aria-labelledby="import-changes">
        <h3 id="import-changes" class="subsection-title">
          {m.changesHeading(report.changes.length)}
        </h3>
        {report.changes.length === 0 ? (
          <p class="muted">{m.noChanges}</p>
        ) : (
          <>
            <div class="table-wrap" role="region" aria-labelledby="import-changes" tabIndex={0}>
              <table class="table">
                <caption class="visually-hidden">{m.changesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      {m.line}
                    </th>
                    <th scope="col">{m.employeeId}</th>
                    <th scope="col">{m.action}</th>
                    <th scope="col">{m.changedFields}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c, i) => (
                    <tr key={`${c.employeeId}-${c.action}-${i}`}>
                      <td class="num">{c.line > 0 ? c.line : ''}</td>
                      <td>
                        <code>{c.employeeId}</code>
                      </td>
                      <td>
                        <span class={`tag tag--${c.action}`}>{m.actions[c.action]}</span>
                      </td>
                      <td>{c.fields.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {!showAll && report.changes.length > kChangesShown && (
              <button
                type="button"
                class="button button--secondary list-more"
                onClick={() => {
                  setShowAll(true);
                }}
              >
                {m.showAll(report.changes.length)}
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
