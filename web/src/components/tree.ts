/**
 * Keyboard behaviour of a tree view (the WAI-ARIA tree pattern), as pure
 * functions over the rows currently visible, so it can be tested without a DOM.
 */

/** A node of a tree; `children` is undefined while they are not loaded. */
export interface TreeNode<T> {
  readonly id: string;
  readonly data: T;
  /** The node has (or may have) children. */
  readonly expandable: boolean;
  readonly children?: readonly TreeNode<T>[];
}

/** One visible row: a node whose ancestors are all expanded. */
export interface TreeRow {
  readonly id: string;
  readonly parentId: string | undefined;
  /** 1 for the top level. */
  readonly level: number;
  /** Position among its siblings (1-based) and their number, for aria-posinset/-setsize. */
  readonly posInSet: number;
  readonly setSize: number;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

/** The rows a reader sees, in order: depth first through expanded nodes with loaded children. */
export function visibleRows<T>(
  nodes: readonly TreeNode<T>[],
  expanded: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (level: readonly TreeNode<T>[], parentId: string | undefined, depth: number) => {
    for (const [index, node] of level.entries()) {
      const open = node.expandable && expanded.has(node.id);
      rows.push({
        id: node.id,
        parentId,
        level: depth,
        posInSet: index + 1,
        setSize: level.length,
        expandable: node.expandable,
        expanded: open,
      });
      if (open && node.children !== undefined) walk(node.children, node.id, depth + 1);
    }
  };
  walk(nodes, undefined, 1);
  return rows;
}

export type TreeCommand =
  | { readonly kind: 'focus'; readonly id: string }
  | { readonly kind: 'expand'; readonly ids: readonly string[] }
  | { readonly kind: 'collapse'; readonly id: string }
  | { readonly kind: 'activate'; readonly id: string };

/**
 * What a key press on the row `current` does, or undefined when the key is not
 * the tree's (the browser keeps its default then):
 * Down/Up: next/previous row; Home/End: first/last row; Right: expand a closed
 * node, else go to its first child; Left: collapse an open node, else go to its
 * parent; Enter: activate; "*": expand every sibling of the current node.
 */
export function treeKeyCommand(
  key: string,
  rows: readonly TreeRow[],
  current: string,
): TreeCommand | undefined {
  const index = rows.findIndex((row) => row.id === current);
  const row = rows[index];
  if (row === undefined) return undefined;
  const focus = (target: TreeRow | undefined): TreeCommand | undefined =>
    target === undefined ? undefined : { kind: 'focus', id: target.id };
  switch (key) {
    case 'ArrowDown':
      return focus(rows[index + 1]);
    case 'ArrowUp':
      return focus(rows[index - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowRight': {
      if (!row.expandable) return undefined;
      if (!row.expanded) return { kind: 'expand', ids: [row.id] };
      const next = rows[index + 1];
      return next?.parentId === row.id ? focus(next) : undefined;
    }
    case 'ArrowLeft':
      if (row.expanded) return { kind: 'collapse', id: row.id };
      return focus(rows.find((r) => r.id === row.parentId));
    case 'Enter':
      return { kind: 'activate', id: row.id };
    case '*': {
      const ids = rows
        .filter((r) => r.parentId === row.parentId && r.expandable && !r.expanded)
        .map((r) => r.id);
      return ids.length === 0 ? undefined : { kind: 'expand', ids };
    }
    default:
      return undefined;
  }
}
