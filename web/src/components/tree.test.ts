import { describe, expect, it } from 'vitest';
import { treeKeyCommand, visibleRows, type TreeNode } from './tree';

/**
 *   ceo
 *   ├─ ana (2 reports, loaded)
 *   │  ├─ bo
 *   │  └─ cy (has reports, not loaded)
 *   └─ dee (has reports, not loaded)
 */
const leaf = (id: string): TreeNode<null> => ({ id, data: null, expandable: false });
const kTree: TreeNode<null>[] = [
  {
    id: 'ceo',
    data: null,
    expandable: true,
    children: [
      {
        id: 'ana',
        data: null,
        expandable: true,
        children: [leaf('bo'), { id: 'cy', data: null, expandable: true }],
      },
      { id: 'dee', data: null, expandable: true },
    ],
  },
];

const allOpen = visibleRows(kTree, new Set(['ceo', 'ana']));

describe('visibleRows', () => {
  it('lists rows depth first through expanded nodes, with levels and parents', () => {
    expect(allOpen).toStrictEqual([
      {
        id: 'ceo',
        parentId: undefined,
        level: 1,
        posInSet: 1,
        setSize: 1,
        expandable: true,
        expanded: true,
      },
      {
        id: 'ana',
        parentId: 'ceo',
        level: 2,
        posInSet: 1,
        setSize: 2,
        expandable: true,
        expanded: true,
      },
      {
        id: 'bo',
        parentId: 'ana',
        level: 3,
        posInSet: 1,
        setSize: 2,
        expandable: false,
        expanded: false,
      },
      {
        id: 'cy',
        parentId: 'ana',
        level: 3,
        posInSet: 2,
        setSize: 2,
        expandable: true,
        expanded: false,
      },
      {
        id: 'dee',
        parentId: 'ceo',
        level: 2,
        posInSet: 2,
        setSize: 2,
        expandable: true,
        expanded: false,
      },
    ]);
  });

  it('hides the children of collapsed nodes', () => {
    expect(visibleRows(kTree, new Set(['ana'])).map((r) => r.id)).toStrictEqual(['ceo']);
    expect(visibleRows(kTree, new Set(['ceo'])).map((r) => r.id)).toStrictEqual([
      'ceo',
      'ana',
      'dee',
    ]);
  });

  it('shows an expanded node whose children are not loaded yet as expanded, without children', () => {
    const rows = visibleRows(kTree, new Set(['ceo', 'dee']));
    expect(rows.at(-1)).toMatchObject({ id: 'dee', level: 2, expandable: true, expanded: true });
  });
});

describe('treeKeyCommand', () => {
  const key = (k: string, at: string) => treeKeyCommand(k, allOpen, at);

  it('moves down and up through visible rows, stopping at the ends', () => {
    expect(key('ArrowDown', 'ceo')).toStrictEqual({ kind: 'focus', id: 'ana' });
    expect(key('ArrowDown', 'bo')).toStrictEqual({ kind: 'focus', id: 'cy' });
    expect(key('ArrowDown', 'cy')).toStrictEqual({ kind: 'focus', id: 'dee' });
    expect(key('ArrowDown', 'dee')).toBeUndefined();
    expect(key('ArrowUp', 'dee')).toStrictEqual({ kind: 'focus', id: 'cy' });
    expect(key('ArrowUp', 'ceo')).toBeUndefined();
  });

  it('jumps to the first and last row with Home and End', () => {
    expect(key('Home', 'cy')).toStrictEqual({ kind: 'focus', id: 'ceo' });
    expect(key('End', 'ceo')).toStrictEqual({ kind: 'focus', id: 'dee' });
  });

  it('Right expands a closed node, then moves into its first child', () => {
    expect(key('ArrowRight', 'dee')).toStrictEqual({ kind: 'expand', ids: ['dee'] });
    expect(key('ArrowRight', 'cy')).toStrictEqual({ kind: 'expand', ids: ['cy'] });
    expect(key('ArrowRight', 'ana')).toStrictEqual({ kind: 'focus', id: 'bo' });
    expect(key('ArrowRight', 'bo')).toBeUndefined();
  });

  it('Right on an open node whose children are still loading does nothing', () => {
    const rows = visibleRows(kTree, new Set(['ceo', 'dee']));
    expect(treeKeyCommand('ArrowRight', rows, 'dee')).toBeUndefined();
  });

  it('Left collapses an open node, else moves to the parent', () => {
    expect(key('ArrowLeft', 'ana')).toStrictEqual({ kind: 'collapse', id: 'ana' });
    expect(key('ArrowLeft', 'cy')).toStrictEqual({ kind: 'focus', id: 'ana' });
    expect(key('ArrowLeft', 'bo')).toStrictEqual({ kind: 'focus', id: 'ana' });
    expect(key('ArrowLeft', 'ceo')).toStrictEqual({ kind: 'collapse', id: 'ceo' });
    const closed = visibleRows(kTree, new Set());
    expect(treeKeyCommand('ArrowLeft', closed, 'ceo')).toBeUndefined();
  });

  it('Enter activates; * expands every closed sibling', () => {
    expect(key('Enter', 'bo')).toStrictEqual({ kind: 'activate', id: 'bo' });
    expect(key('*', 'ana')).toStrictEqual({ kind: 'expand', ids: ['dee'] });
    expect(key('*', 'bo')).toStrictEqual({ kind: 'expand', ids: ['cy'] });
    expect(key('*', 'ceo')).toBeUndefined();
  });

  it('ignores other keys and unknown rows', () => {
    expect(key('a', 'ceo')).toBeUndefined();
    expect(key('Tab', 'ceo')).toBeUndefined();
    expect(key('ArrowDown', 'nobody')).toBeUndefined();
  });
});
