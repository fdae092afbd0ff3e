// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse } from '../../api/fake-server';
import { articleJson, kArticleId, revisionJson } from '../../api/knowledge-fixtures';
import { en } from '../../app/messages/en';
import { HistoryPage } from './HistoryPage';
import { buttonIn, click, createContainer, mount, removeContainer, settle } from './test-support';

const m = en.knowledge.history;
const path = `/articles/${kArticleId}`;
let container: HTMLElement;

beforeEach(() => {
  container = createContainer();
});

afterEach(() => {
  removeContainer(container);
});

const kDiff = {
  from: 1,
  to: 3,
  fields: [{ field: 'title', from: 'Expenses', to: 'Expense claims' }],
  lines: [
    { op: 'equal', text: '## Before you travel' },
    { op: 'delete', text: 'Ask HR.' },
    { op: 'insert', text: 'Ask your manager.' },
  ],
};

function server(revisions: unknown[] = [revisionJson(3), revisionJson(2), revisionJson(1)]) {
  let list = revisions;
  return fakeApi({
    [`GET ${path}/revisions`]: () => jsonResponse(200, { revisions: list }),
    [`GET ${path}/diff`]: () => jsonResponse(200, kDiff),
    [`POST ${path}/restore`]: () => {
      list = [revisionJson(4, { note: 'Restored revision 1' }), ...list];
      return jsonResponse(200, articleJson({ head_revision: 4, status: 'draft' }));
    },
  });
}

const radio = (label: string) => {
  const found = container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
  if (found === null) throw new Error(`no radio "${label}"`);
  return found;
};

describe('HistoryPage', () => {
  it('lists revisions and compares the newest two by default', async () => {
    const { api, calls } = server();
    await mount(<HistoryPage api={api} id={kArticleId} messages={m} />, container);
    await settle(() => {
      expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
    });
    expect(container.querySelector('h1')?.textContent).toBe(m.title('Expense claims'));
    expect(radio(m.compareFrom(2)).checked).toBe(true);
    expect(radio(m.compareTo(3)).checked).toBe(true);
    // No restore for the newest revision: it is the current one.
    expect(container.querySelector(`[aria-label="${m.restoreLabel(3)}"]`)).toBeNull();

    await click(radio(m.compareFrom(1)));
    await click(buttonIn(container, m.showChanges));
    await settle(() => {
      expect(container.querySelector('.kb-diff')).not.toBeNull();
    });
    expect(calls.at(-1)?.url).toBe(`${path}/diff?from=1&to=3`);
    expect(document.activeElement?.textContent).toBe(m.diff.heading(1, 3));
  });

  it('renders a diff with markers that do not rely on colour', async () => {
    const { api } = server();
    await mount(<HistoryPage api={api} id={kArticleId} messages={m} />, container);
    await settle(() => {
      expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
    });
    await click(buttonIn(container, m.showChanges));
    await settle(() => {
      expect(container.querySelector('.diff')).not.toBeNull();
    });
    const fieldRow = container.querySelector('.kb-diff tbody tr');
    expect([...(fieldRow?.children ?? [])].map((c) => c.textContent)).toStrictEqual([
      m.diff.fieldNames.title,
      'Expenses',
      'Expense claims',
    ]);
    const lines = [...container.querySelectorAll('.diff > li')];
    expect(lines.map((l) => l.className)).toStrictEqual([
      'diff__line diff__line--equal',
      'diff__line diff__line--delete',
      'diff__line diff__line--insert',
    ]);
    expect(lines.map((l) => l.textContent)).toStrictEqual([
      ' ## Before you travel',
      `−${m.diff.removed}Ask HR.`,
      `+${m.diff.added}Ask your manager.`,
    ]);
    expect(lines[1]?.querySelector('del')?.textContent).toBe('Ask HR.');
    expect(lines[2]?.querySelector('ins')?.textContent).toBe('Ask your manager.');
    expect(lines[2]?.querySelector('.diff__mark')?.getAttribute('aria-hidden')).toBe('true');
    expect(lines[2]?.querySelector('.visually-hidden')?.textContent).toBe(m.diff.added);
  });

  it('restores an earlier revision as a new draft after confirmation', async () => {
    const { api, calls } = server();
    await mount(<HistoryPage api={api} id={kArticleId} messages={m} />, container);
    await settle(() => {
      expect(container.querySelectorAll('tbody tr')).toHaveLength(3);
    });
    await click(buttonIn(container, m.restoreLabel(1)));
    expect(document.activeElement?.textContent).toBe(m.confirm);
    await click(buttonIn(container, m.confirm));
    await settle(() => {
      expect(container.querySelectorAll('tbody tr')).toHaveLength(4);
    });
    expect(JSON.parse(calls.find((c) => c.method === 'POST')?.body ?? '{}')).toStrictEqual({
      revision: 1,
    });
    expect(container.querySelector('[role="status"]')?.textContent).toBe(m.restored(1, 4));
  });

  it('offers no comparison for a single revision', async () => {
    const { api } = server([revisionJson(1)]);
    await mount(<HistoryPage api={api} id={kArticleId} messages={m} />, container);
    await settle(() => {
      expect(container.querySelectorAll('tbody tr')).toHaveLength(1);
    });
    expect(container.querySelector('input[type="radio"]')).toBeNull();
    expect(container.textContent).not.toContain(m.showChanges);
  });
});
