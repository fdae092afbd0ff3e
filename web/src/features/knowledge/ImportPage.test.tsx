// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall } from '../../api/fake-server';
import { en } from '../../app/messages/en';
import { KnowledgeImportPage } from './ImportPage';
import {
  buttonIn,
  choose,
  click,
  createContainer,
  mount,
  removeContainer,
  settle,
  typeInto,
} from './test-support';

const m = en.knowledge.import;
let container: HTMLElement;

beforeEach(() => {
  container = createContainer();
});

afterEach(() => {
  removeContainer(container);
});

const kReport = {
  dry_run: true,
  applied: false,
  files: 3,
  articles_created: 2,
  articles_updated: 0,
  articles_unchanged: 0,
  categories_created: 1,
  categories_updated: 0,
  attachments_created: 1,
  errors: [],
  warnings: [],
};

const button = (label: string) => buttonIn(container, label);

function element(selector: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}
const stepHeading = () => container.querySelector('#kb-import-step-heading')?.textContent;

/** Picks `name` in the file input, as a person choosing a file would. */
async function chooseBundle(name: string): Promise<File> {
  const input = container.querySelector<HTMLInputElement>('#kb-import-file');
  if (input === null) throw new Error('no file input');
  const file = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], name, {
    type: 'application/zip',
  });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return file;
}

describe('KnowledgeImportPage', () => {
  it('uploads the bundle as a dry run with the chosen options, then imports it', async () => {
    const { api, calls } = fakeApi({
      'POST /kb/import': (call) =>
        call.url.includes('dry_run=true')
          ? jsonResponse(200, {
              ...kReport,
              warnings: [{ path: 'a.md', line: 4, message: 'no file "b.png" in the bundle' }],
            })
          : jsonResponse(200, { ...kReport, dry_run: false, applied: true }),
    });
    await mount(<KnowledgeImportPage api={api} messages={m} />, container);
    expect(button(m.check).disabled).toBe(true);
    const file = await chooseBundle('kb.zip');
    expect(button(m.check).disabled).toBe(false);
    await choose(element('#kb-import-visibility') as HTMLSelectElement, 'public');
    await click(element('#kb-import-publish'));
    await typeInto(element('#kb-import-language') as HTMLInputElement, ' de ');
    await click(button(m.check));
    await settle(() => {
      expect(stepHeading()).toBe(m.previewHeading);
    });
    const [dry] = calls as [FakeCall];
    expect(dry.url).toBe('/kb/import?dry_run=true&publish=true&visibility=public&language=de');
    expect(dry.headers['Content-Type']).toBe('application/zip');
    expect(dry.blob).toBe(file);
    expect(container.querySelector('[data-kind="articles-created"] dd')?.textContent).toBe('2');
    expect(container.textContent).toContain('no file "b.png" in the bundle');
    expect(button(m.apply).disabled).toBe(false);

    await click(button(m.apply));
    await settle(() => {
      expect(stepHeading()).toBe(m.resultHeading);
    });
    expect(calls.map((c) => c.url)).toStrictEqual([
      '/kb/import?dry_run=true&publish=true&visibility=public&language=de',
      '/kb/import?dry_run=false&publish=true&visibility=public&language=de',
    ]);
    expect(container.textContent).toContain(
      m.applied({
        dryRun: false,
        applied: true,
        files: 3,
        articlesCreated: 2,
        articlesUpdated: 0,
        articlesUnchanged: 0,
        categoriesCreated: 1,
        categoriesUpdated: 0,
        attachmentsCreated: 1,
        errors: [],
        warnings: [],
      }),
    );
  });

  it('lists per-file errors (a 422 report) and does not offer to import', async () => {
    const { api, calls } = fakeApi({
      'POST /kb/import': () =>
        jsonResponse(422, {
          ...kReport,
          errors: [
            { path: 'guides/setup.md', line: 2, message: 'front matter: unknown visibility' },
            { path: 'x.html', line: null, message: 'not UTF-8' },
          ],
        }),
    });
    await mount(<KnowledgeImportPage api={api} messages={m} />, container);
    await chooseBundle('kb.tar.gz');
    await click(button(m.check));
    await settle(() => {
      expect(stepHeading()).toBe(m.previewHeading);
    });
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.textContent)).toStrictEqual([
      'guides/setup.md2front matter: unknown visibility',
      'x.htmlnot UTF-8',
    ]);
    expect(button(m.apply).disabled).toBe(true);
    expect(container.textContent).toContain(m.hasErrors);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/kb/import?dry_run=true');
  });

  it('shows a refused upload (413) as an error and stays on the first step', async () => {
    const { api } = fakeApi({
      'POST /kb/import': () =>
        jsonResponse(413, {
          error: { code: 'payload_too_large', message: 'the body is over 8388608 bytes' },
        }),
    });
    await mount(<KnowledgeImportPage api={api} messages={m} />, container);
    await chooseBundle('huge.zip');
    await click(button(m.check));
    await settle(() => {
      expect(container.querySelector('[role="alert"]')?.textContent).toContain(
        'the body is over 8388608 bytes',
      );
    });
    expect(stepHeading()).toBe(m.chooseHeading);
  });

  it('offers the export as a plain download link', async () => {
    const { api } = fakeApi({});
    await mount(<KnowledgeImportPage api={api} messages={m} />, container);
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent === m.export);
    expect(link?.getAttribute('href')).toBe('/api/v1/kb/export');
    expect(link?.hasAttribute('download')).toBe(true);
  });
});
