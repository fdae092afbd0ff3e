/**
 * An accessible tree view: role="tree" with treeitems carrying aria-level,
 * aria-setsize and aria-posinset, one tab stop (roving tabindex), and the
 * arrow-key behaviour of `treeKeyCommand`. The rows are rendered flat (the
 * levels are in the ARIA attributes and the indentation), so each item's name
 * is its own row and never the text of the rows below it. The caller owns the
 * data, what is expanded, and what a row looks like.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { treeKeyCommand, visibleRows, type TreeNode } from './tree';

export interface TreeProps<T> {
  readonly id: string;
  readonly label: string;
  readonly nodes: readonly TreeNode<T>[];
  readonly expanded: ReadonlySet<string>;
  /** Ask to open or close nodes; the caller loads children as needed. */
  readonly onExpand: (ids: readonly string[], expand: boolean) => void;
  readonly onActivate: (id: string) => void;
  readonly busy?: ReadonlySet<string>;
  readonly renderRow: (node: TreeNode<T>) => ComponentChildren;
}

function indexNodes<T>(nodes: readonly TreeNode<T>[], into: Map<string, TreeNode<T>>): void {
  for (const node of nodes) {
    into.set(node.id, node);
    if (node.children !== undefined) indexNodes(node.children, into);
  }
}

export function Tree<T>(props: TreeProps<T>) {
  const { id, label, nodes, expanded, onExpand, onActivate, busy, renderRow } = props;
  const rows = visibleRows(nodes, expanded);
  const byId = new Map<string, TreeNode<T>>();
  indexNodes(nodes, byId);
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);
  const root = useRef<HTMLUListElement>(null);
  // The one row in the tab order: the last focused one while it is visible, else the first.
  const current = rows.some((r) => r.id === focusedId) ? focusedId : rows[0]?.id;

  const moveFocus = (nodeId: string) => {
    setFocusedId(nodeId);
    root.current?.querySelector<HTMLElement>(`[data-tree-id="${CSS.escape(nodeId)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (current === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const command = treeKeyCommand(event.key, rows, current);
    if (command === undefined) return;
    event.preventDefault();
    switch (command.kind) {
      case 'focus':
        moveFocus(command.id);
        break;
      case 'expand':
        onExpand(command.ids, true);
        break;
      case 'collapse':
        onExpand([command.id], false);
        break;
      case 'activate':
        onActivate(command.id);
        break;
    }
  };

  return (
    <ul ref={root} id={id} role="tree" class="tree" aria-label={label} onKeyDown={onKeyDown}>
      {rows.map((row) => {
        const node = byId.get(row.id);
        if (node === undefined) return null;
        return (
          <li
            key={row.id}
            id={`${id}-${row.id}`}
            role="treeitem"
            class="tree__item"
            data-tree-id={row.id}
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-expanded={row.expandable ? row.expanded : undefined}
            aria-busy={busy?.has(row.id) === true ? true : undefined}
            tabIndex={row.id === current ? 0 : -1}
            onFocus={() => {
              setFocusedId(row.id);
            }}
            onClick={() => {
              moveFocus(row.id);
            }}
          >
            {row.expandable ? (
              <span
                class="tree__toggle"
                data-open={row.expanded ? 'true' : 'false'}
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  moveFocus(row.id);
                  onExpand([row.id], !row.expanded);
                }}
              >
                <svg class="icon" viewBox="0 0 24 24" focusable="false">
                  <path d="M9 6l6 6-6 6" />
                </svg>
              </span>
            ) : (
              <span class="tree__toggle tree__toggle--leaf" aria-hidden="true" />
            )}
            {renderRow(node)}
          </li>
        );
      })}
    </ul>
  );
}
