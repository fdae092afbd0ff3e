// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../app/messages/en';
import type { ImportReport } from '../../domain/directory';
import { ImportPreview, kChangesShown } from './ImportPreview';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

const m = en.import.preview;

const kReport: ImportReport = {
  dryRun: true,
  applied: false,
  rows: 4,
  creates: 1,
  updates: 1,
  unchanged: 1,
  deactivations: 1,
  reactivations: 0,
  changes: [
    { line: 2, employeeId: 'E1', action: 'create', fields: [] },
    { line: 3, employeeId: 'E2', action: 'update', fields: ['job_title', 'team'] },
    { line: 0, employeeId: 'E9', action: 'deactivate', fields: [] },
  ],
  errors: [],
  safetyStop: false,
};

async function show(report: ImportReport, onForceChange?: (force: boolean) => void) {
  await act(() => {
    render(
      <ImportPreview
        report={report}
        force={false}
        messages={m}
        {...(onForceChange === undefined ? {} : { onForceChange })}
      />,
      container,
    );
  });
}

/** The text of every cell, row by row, of the table under the heading `heading`. */
function tableUnder(heading: string): string[][] {
  const section = [...container.querySelectorAll('section')].find(
    (s) => s.querySelector('h3')?.textContent === heading,
  );
  const rows = section?.querySelectorAll('tbody tr') ?? [];
  return [...rows].map((row) => [...row.children].map((cell) => cell.textContent.trim()));
}

describe('ImportPreview', () => {
  it('shows the counts', async () => {
    await show(kReport);
    const stats = [...container.querySelectorAll('.stats__item')].map((item) => [
      item.querySelector('dt')?.textContent,
      item.querySelector('dd')?.textContent,
    ]);
    expect(stats).toStrictEqual([
      ['Rows in the file', '4'],
      ['New people', '1'],
      ['Updated', '1'],
      ['Unchanged', '1'],
      ['Deactivated', '1'],
      ['Reactivated', '0'],
    ]);
  });

  it('lists each change with its action and changed fields', async () => {
    await show(kReport);
    expect(tableUnder('Changes (3)')).toStrictEqual([
      ['2', 'E1', 'New', ''],
      ['3', 'E2', 'Update', 'job_title, team'],
      ['', 'E9', 'Deactivate', ''],
    ]);
    expect(container.textContent).not.toContain('error');
    expect(container.querySelector('#import-force')).toBeNull();
  });

  it('lists per-row errors with line, column and message', async () => {
    await show({
      ...kReport,
      errors: [
        { line: 7, field: 'hire_date', message: 'not a date: 2024-13-45' },
        { line: 9, field: '', message: 'duplicate employee_id E1' },
      ],
    });
    expect(tableUnder('2 errors')).toStrictEqual([
      ['7', 'hire_date', 'not a date: 2024-13-45'],
      ['9', 'Whole row', 'duplicate employee_id E1'],
    ]);
  });

  it('warns about the safety stop and offers the force checkbox', async () => {
    const onForceChange = vi.fn();
    await show({ ...kReport, deactivations: 1100, safetyStop: true }, onForceChange);
    const warning = container.querySelector('.safety-stop');
    expect(warning?.querySelector('h3')?.textContent).toBe(m.safetyStopHeading);
    expect(warning?.textContent).toContain('1,100 people in Rapport are not in this file');
    const force = container.querySelector<HTMLInputElement>('#import-force');
    expect(force?.checked).toBe(false);
    expect(container.querySelector('label[for="import-force"]')?.textContent).toBe(m.force);
    await act(() => {
      force?.click();
    });
    expect(onForceChange).toHaveBeenCalledWith(true);
  });

  it('shows the warning without the checkbox when nothing can be forced', async () => {
    await show({ ...kReport, safetyStop: true });
    expect(container.querySelector('.safety-stop')).not.toBeNull();
    expect(container.querySelector('#import-force')).toBeNull();
  });

  it('shows a long change list in part until asked for all', async () => {
    const changes = Array.from({ length: kChangesShown + 5 }, (_, i) => ({
      line: i + 2,
      employeeId: `E${i}`,
      action: 'create' as const,
      fields: [],
    }));
    await show({ ...kReport, changes });
    expect(container.querySelectorAll('tbody tr')).toHaveLength(kChangesShown);
    const more = [...container.querySelectorAll('button')].find((b) =>
      b.textContent.startsWith('Show all'),
    );
    expect(more?.textContent).toBe(`Show all ${kChangesShown + 5} changes`);
    await act(() => {
      more?.click();
    });
    expect(container.querySelectorAll('tbody tr')).toHaveLength(kChangesShown + 5);
  });

  it('says so when there are no changes', async () => {
    await show({ ...kReport, changes: [] });
    expect(container.textContent).toContain(m.noChanges);
  });
});
