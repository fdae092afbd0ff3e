import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { getOrgBranch, getOrgTop } from '../../api/directory';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Link, navigate } from '../../components/router';
import { Tree } from '../../components/Tree';
import type { TreeNode } from '../../components/tree';
import type { OrgNode } from '../../domain/directory';

export interface OrgChartMessages {
  readonly title: string;
  readonly lead: (total: number) => string;
  readonly treeLabel: string;
  readonly keyboardHint: string;
  readonly counts: (direct: number, total: number) => string;
  readonly noReports: string;
  readonly loadingReports: (name: string) => string;
  readonly loadedReports: (name: string, count: number) => string;
  readonly reportsFailed: (name: string, reason: string) => string;
  readonly empty: string;
  readonly common: CommonMessages;
}

/**
 * Builds the tree from what is loaded: the roots, and the reports of every
 * person whose reports were fetched (`children`).
 */
function buildTree(
  roots: readonly OrgNode[],
  children: ReadonlyMap<string, readonly OrgNode[]>,
): TreeNode<OrgNode>[] {
  const seen = new Set<string>();
  const build = (node: OrgNode): TreeNode<OrgNode> => {
    // A cycle in bad data must not hang the page.
    const loaded = seen.has(node.id) ? undefined : children.get(node.id);
    seen.add(node.id);
    return {
      id: node.id,
      data: node,
      expandable: node.reportCount > 0,
      ...(loaded === undefined ? {} : { children: loaded.map(build) }),
    };
  };
  return roots.map(build);
}

/** /org-chart: the reporting tree, loaded one level at a time as people expand it. */
export function OrgChartPage({ api, messages: m }: { api: ApiClient; messages: OrgChartMessages }) {
  const top = useLoad((signal) => getOrgTop(api, signal), 'top');
  const [children, setChildren] = useState<ReadonlyMap<string, readonly OrgNode[]>>(new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const roots = top.state.phase === 'loaded' ? top.state.value.roots : [];
  const nodes = buildTree(roots, children);
  const byId = new Map<string, OrgNode>();
  const index = (list: readonly TreeNode<OrgNode>[]) => {
    for (const node of list) {
      byId.set(node.id, node.data);
      if (node.children !== undefined) index(node.children);
    }
  };
  index(nodes);

  const expand = (ids: readonly string[], open: boolean) => {
    if (!open) {
      setExpanded((before) => {
        const after = new Set(before);
        for (const id of ids) after.delete(id);
        return after;
      });
      return;
    }
    for (const id of ids) {
      const node = byId.get(id);
      if (node === undefined) continue;
      if (children.has(id)) {
        setExpanded((before) => new Set(before).add(id));
        continue;
      }
      if (busy.has(id)) continue;
      setBusy((before) => new Set(before).add(id));
      setAnnouncement(m.loadingReports(node.name));
      setFailure(undefined);
      void getOrgBranch(api, id).then((result) => {
        setBusy((before) => {
          const after = new Set(before);
          after.delete(id);
          return after;
        });
        if (!result.ok) {
          setAnnouncement('');
          setFailure(m.reportsFailed(node.name, m.common.describeError(result.error)));
          return;
        }
        setChildren((before) => new Map(before).set(id, result.value.reports));
        setExpanded((before) => new Set(before).add(id));
        setAnnouncement(m.loadedReports(node.name, result.value.reports.length));
      });
    }
  };

  // A single root (the chief executive) opens by itself: one row alone says little.
  const onlyRoot = roots.length === 1 ? roots[0] : undefined;
  useEffect(() => {
    if (onlyRoot !== undefined && onlyRoot.reportCount > 0) expand([onlyRoot.id], true);
    // Only when the top of the tree arrives.
  }, [onlyRoot?.id]);

  return (
    <>
      <PageHeader
        title={m.title}
        lead={top.state.phase === 'loaded' ? m.lead(top.state.value.total) : undefined}
      />
      {top.state.phase === 'loading' && <Loading messages={m.common} />}
      {top.state.phase === 'failed' && (
        <LoadFailed error={top.state.error} messages={m.common} retry={top.reload} />
      )}
      {top.state.phase === 'loaded' && nodes.length === 0 && <p class="empty-note">{m.empty}</p>}
      {top.state.phase === 'loaded' && nodes.length > 0 && (
        <section class="card org-chart" aria-labelledby="org-chart-hint">
          <p id="org-chart-hint" class="muted small">
            {m.keyboardHint}
          </p>
          <AlertRegion>{failure}</AlertRegion>
          <Tree
            id="org-tree"
            label={m.treeLabel}
            nodes={nodes}
            expanded={expanded}
            busy={busy}
            onExpand={expand}
            onActivate={(id) => {
              navigate(`/people/${encodeURIComponent(id)}`);
            }}
            renderRow={(node) => (
              <>
                <span class="tree__label">
                  <Link
                    class="tree__name"
                    href={`/people/${encodeURIComponent(node.id)}`}
                    tabIndex={-1}
                  >
                    {node.data.name}
                  </Link>
                  <span class="tree__meta">
                    {[node.data.jobTitle, node.data.teamName].filter((x) => x !== '').join(' · ')}
                  </span>
                </span>
                <span class="tree__counts">
                  {node.data.reportCount > 0
                    ? m.counts(node.data.reportCount, node.data.subtreeCount)
                    : m.noReports}
                </span>
              </>
            )}
          />
          <StatusMessage>{announcement}</StatusMessage>
        </section>
      )}
    </>
  );
}
