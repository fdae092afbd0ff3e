import { diffRows, type Diff } from '../../domain/knowledge';

export interface DiffMessages {
  readonly heading: (from: number, to: number) => string;
  readonly fieldsCaption: string;
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly fieldNames: Readonly<Record<string, string>>;
  readonly bodyHeading: string;
  readonly legend: string;
  readonly added: string;
  readonly removed: string;
  readonly skipped: (count: number) => string;
  readonly noChanges: string;
  readonly empty: string;
}

/**
 * The changes between two revisions: the changed fields as a table, then the
 * body line by line. Added and removed lines carry a spoken prefix as well as
 * colour and a +/− sign, so the difference never rests on colour alone.
 */
export function DiffView({
  diff,
  headingRef,
  messages: m,
}: {
  diff: Diff;
  headingRef: { current: HTMLHeadingElement | null };
  messages: DiffMessages;
}) {
  const rows = diffRows(diff.lines);
  const changed = diff.lines.some((line) => line.op !== 'equal');
  return (
    <section class="section kb-diff" aria-labelledby="kb-diff-title">
      <h2 id="kb-diff-title" class="section-title" tabIndex={-1} ref={headingRef}>
        {m.heading(diff.from, diff.to)}
      </h2>
      {diff.fields.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="kb-diff-fields" tabIndex={0}>
          <table class="table table--dense">
            <caption id="kb-diff-fields" class="visually-hidden">
              {m.fieldsCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.field}</th>
                <th scope="col">{m.before}</th>
                <th scope="col">{m.after}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{m.fieldNames[f.field] ?? f.field}</th>
                  <td class="kb-diff__old">{f.from === '' ? m.empty : f.from}</td>
                  <td class="kb-diff__new">{f.to === '' ? m.empty : f.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 class="subsection-title kb-diff__body-title">{m.bodyHeading}</h3>
      {!changed ? (
        <p class="muted">{m.noChanges}</p>
      ) : (
        <>
          <p id="kb-diff-legend" class="muted small">
            {m.legend}
          </p>
          <ol class="diff" aria-describedby="kb-diff-legend">
            {rows.map((row, index) =>
              row.kind === 'skip' ? (
                <li key={index} class="diff__skip">
                  {m.skipped(row.count)}
                </li>
              ) : (
                <li key={index} class={`diff__line diff__line--${row.op}`}>
                  <span class="diff__mark" aria-hidden="true">
                    {row.op === 'insert' ? '+' : row.op === 'delete' ? '−' : ' '}
                  </span>
                  {row.op !== 'equal' && (
                    <span class="visually-hidden">{row.op === 'insert' ? m.added : m.removed}</span>
                  )}
                  {row.op === 'insert' ? (
                    <ins class="diff__text">{row.text}</ins>
                  ) : row.op === 'delete' ? (
                    <del class="diff__text">{row.text}</del>
                  ) : (
                    <span class="diff__text">{row.text}</span>
                  )}
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}
