import type { ComponentChildren } from 'preact';

/**
 * The top of every page: its one <h1> (focused after client-side navigation so
 * screen readers announce the new page) and an optional lead paragraph.
 */
export function PageHeader({ title, lead }: { title: string; lead?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1 class="page-header__title" tabIndex={-1}>
        {title}
      </h1>
      {lead !== undefined && <p class="page-header__lead">{lead}</p>}
    </header>
  );
}
