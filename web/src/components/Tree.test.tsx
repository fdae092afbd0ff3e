// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Tree } from './Tree';
import type { TreeNode } from './tree';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

const kNodes: TreeNode<string>[] = [
  {
    id: 'ceo',
    data: 'Chief',
    expandable: true,
    children: [
      { id: 'ana', data: 'Ana', expandable: false },
      {
        id: 'bo',
        data: 'Bo',
        expandable: true,
        children: [{ id: 'cy', data: 'Cy', expandable: false }],
      },
    ],
  },
];

function Harness({ onActivate }: { onActivate: (id: string) => void }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set(['ceo']));
  return (
    <Tree
      id="t"
      label="Reporting tree"
      nodes={kNodes}
      expanded={expanded}
      onExpand={(ids, open) => {
        const next = new Set(expanded);
        for (const id of ids) {
          if (open) next.add(id);
          else next.delete(id);
        }
        setExpanded(next);
      }}
      onActivate={onActivate}
      renderRow={(node) => (
        <>
          <span class="name">{node.data}</span>
          <span class="desc">desc</span>
        </>
      )}
    />
  );
}

function item(id: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[data-tree-id="${id}"]`);
  if (element === null) throw new Error(`no tree item ${id}`);
  return element;
}

async function press(key: string): Promise<void> {
  const target = document.activeElement ?? document.body;
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('Tree', () => {
  it('renders tree semantics with one tab stop', async () => {
    await act(() => {
      render(<Harness onActivate={vi.fn()} />, container);
    });
    const tree = container.querySelector('[role="tree"]');
    expect(tree?.getAttribute('aria-label')).toBe('Reporting tree');
    const items = [...container.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    expect(items.map((i) => i.dataset.treeId)).toStrictEqual(['ceo', 'ana', 'bo']);
    expect(items.map((i) => i.tabIndex)).toStrictEqual([0, -1, -1]);
    expect(item('ceo').getAttribute('aria-expanded')).toBe('true');
    expect(item('ana').hasAttribute('aria-expanded')).toBe(false);
    expect(item('bo').getAttribute('aria-expanded')).toBe('false');
    expect(item('bo').getAttribute('aria-level')).toBe('2');
    expect(item('bo').getAttribute('aria-posinset')).toBe('2');
    expect(item('bo').getAttribute('aria-setsize')).toBe('2');
    expect(item('ceo').getAttribute('aria-level')).toBe('1');
    // Flat rows: an item's text (its accessible name) is its own row only.
    expect(item('ceo').textContent).toBe('Chiefdesc');
    expect(item('ceo').querySelector('[role="treeitem"]')).toBeNull();
  });

  it('moves focus, expands and collapses with the arrow keys, and activates with Enter', async () => {
    const onActivate = vi.fn();
    await act(() => {
      render(<Harness onActivate={onActivate} />, container);
    });
    item('ceo').focus();
    await press('ArrowDown');
    expect(document.activeElement).toBe(item('ana'));
    await press('ArrowDown');
    expect(document.activeElement).toBe(item('bo'));
    expect(item('bo').tabIndex).toBe(0);
    expect(item('ceo').tabIndex).toBe(-1);

    await press('ArrowRight');
    expect(item('bo').getAttribute('aria-expanded')).toBe('true');
    await press('ArrowRight');
    expect(document.activeElement).toBe(item('cy'));
    expect(item('cy').getAttribute('aria-level')).toBe('3');

    await press('ArrowLeft');
    expect(document.activeElement).toBe(item('bo'));
    await press('ArrowLeft');
    expect(item('bo').getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[data-tree-id="cy"]')).toBeNull();

    await press('Home');
    expect(document.activeElement).toBe(item('ceo'));
    await press('End');
    expect(document.activeElement).toBe(item('bo'));
    await press('Enter');
    expect(onActivate).toHaveBeenCalledWith('bo');
  });

  it('keeps the tab stop on a visible row when the focused one is hidden by collapsing', async () => {
    await act(() => {
      render(<Harness onActivate={vi.fn()} />, container);
    });
    item('ceo').focus();
    await press('ArrowDown');
    await press('ArrowUp');
    await press('ArrowLeft');
    expect(container.querySelectorAll('[role="treeitem"]')).toHaveLength(1);
    expect(item('ceo').tabIndex).toBe(0);
  });
});
