// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { en } from '../../app/messages/en';
import { ImportPage } from './ImportPage';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

const kBase = {
  applied: false,
  rows: 2,
  creates: 2,
  updates: 0,
  unchanged: 0,
  deactivations: 1200,
  reactivations: 0,
  changes: [],
  errors: [],
  safety_stop: false,
};

const kCsv = 'employee_id,name\nX1,Ada\nX2,Bo\n';

async function settle(check: () => void): Promise<void> {
  await vi.waitFor(async () => {
    await act(async () => {
      await Promise.resolve();
    });
    check();
  });
}

function button(label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (b) => b.textContent.trim() === label,
  );
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

/** Chooses `csv` in the file input, as a person picking a file would. */
async function chooseFile(csv: string): Promise<void> {
  const input = container.querySelector<HTMLInputElement>('#import-file');
  if (input === null) throw new Error('no file input');
  const file = new File([csv], 'people.csv', { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle(() => {
    expect(button(en.import.check).disabled).toBe(false);
  });
}

describe('ImportPage', () => {
  it('checks the file with a dry run and blocks applying while it has errors', async () => {
    const { api, calls } = fakeApi({
      'POST /people/import': () =>
        jsonResponse(200, {
          ...kBase,
          dry_run: true,
          deactivations: 0,
          errors: [{ line: 3, field: 'hire_date', message: 'not a date' }],
        }),
    });
    await act(() => {
      render(<ImportPage api={api} canExport={false} messages={en.import} />, container);
    });
    expect(button(en.import.check).disabled).toBe(true);
    await chooseFile(kCsv);
    await act(() => {
      button(en.import.check).click();
    });
    await settle(() => {
      expect(container.querySelector('#import-step-heading')?.textContent).toBe(
        en.import.previewHeading,
      );
    });
    const [call] = calls as [FakeCall];
    expect(call.url).toBe('/people/import?dry_run=true');
    expect(call.headers['Content-Type']).toBe('text/csv; charset=utf-8');
    expect(call.body).toBe(kCsv);
    expect(container.textContent).toContain('not a date');
    expect(button(en.import.apply).disabled).toBe(true);
    expect(container.textContent).toContain(en.import.hasErrors);
  });

  it('needs the force checkbox for the safety stop, then applies with force=true', async () => {
    const { api, calls } = fakeApi({
      'POST /people/import': (call) =>
        call.url.includes('dry_run=true')
          ? jsonResponse(200, { ...kBase, dry_run: true, safety_stop: true })
          : jsonResponse(200, { ...kBase, dry_run: false, applied: true, safety_stop: true }),
    });
    await act(() => {
      render(<ImportPage api={api} canExport={false} messages={en.import} />, container);
    });
    await chooseFile(kCsv);
    await act(() => {
      button(en.import.check).click();
    });
    await settle(() => {
      expect(container.querySelector('.safety-stop')).not.toBeNull();
    });
    expect(button(en.import.apply).disabled).toBe(true);
    expect(container.textContent).toContain(en.import.needsForce);
    await act(() => {
      container.querySelector<HTMLInputElement>('#import-force')?.click();
    });
    expect(button(en.import.apply).disabled).toBe(false);
    await act(() => {
      button(en.import.apply).click();
    });
    await settle(() => {
      expect(container.querySelector('#import-step-heading')?.textContent).toBe(
        en.import.resultHeading,
      );
    });
    expect(calls.map((c) => c.url)).toStrictEqual([
      '/people/import?dry_run=true',
      '/people/import?dry_run=false&force=true',
    ]);
  });

  it('stays on the preview when the real run is refused', async () => {
    const { api } = fakeApi({
      'POST /people/import': (call) =>
        call.url.includes('dry_run=true')
          ? jsonResponse(200, { ...kBase, dry_run: true, deactivations: 0 })
          : jsonResponse(409, { ...kBase, dry_run: false, safety_stop: true }),
    });
    await act(() => {
      render(<ImportPage api={api} canExport={false} messages={en.import} />, container);
    });
    await chooseFile(kCsv);
    await act(() => {
      button(en.import.check).click();
    });
    await settle(() => {
      expect(button(en.import.apply).disabled).toBe(false);
    });
    await act(() => {
      button(en.import.apply).click();
    });
    await settle(() => {
      expect(container.querySelector('[role="alert"]')?.textContent).toContain(
        en.import.notApplied,
      );
    });
    expect(container.querySelector('.safety-stop')).not.toBeNull();
    expect(button(en.import.apply).disabled).toBe(true);
  });
});
