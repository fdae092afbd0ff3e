/**
 * The paged list of the knowledge work pages (stale articles, feedback): items that each
 * concern one article, the one action taken on an item, and the "mine or everyone's" filter.
 */
import type { ComponentChildren } from 'preact';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PagedFooter } from '../../components/PagedFooter';
import type { PagedListHandle } from '../../components/paged';
import { Link } from '../../components/router';
import { articleHref, type KbMessages } from './shared';

/**
 * While the first page loads, "Loading"; when it failed, the error and "Try again"; when
 * there is nothing, `empty`; else one item per entry (its article's title as a link, then
 * `renderItem`) above the paged footer.
 */
export function ArticleItemList<T extends { readonly id: string }>({
  paged: { list, loadMore, retry },
  articleOf,
  empty,
  renderItem,
  m,
}: {
  paged: PagedListHandle<T>;
  articleOf: (item: T) => { readonly id: string; readonly title: string };
  empty: ComponentChildren;
  renderItem: (item: T) => ComponentChildren;
  m: KbMessages;
}) {
  const c = m.common;
  return (
    <>
      {list.phase === 'loading' && <Loading messages={c} />}
      {list.phase === 'failed' && <LoadFailed error={list.error} messages={c} retry={retry} />}
      {list.phase === 'loaded' && list.items.length === 0 && list.refreshing !== true && empty}
      {list.phase === 'loaded' && list.items.length > 0 && (
        <>
          <ul class="kb-list" aria-busy={list.refreshing === true ? true : undefined}>
            {list.items.map((item) => {
              const article = articleOf(item);
              return (
                <li key={item.id} class="kb-item">
                  <h2 class="kb-item__title">
                    <Link href={articleHref(article.id)}>{article.title}</Link>
                  </h2>
                  {renderItem(item)}
                </li>
              );
            })}
          </ul>
          <PagedFooter
            count={list.items.length}
            nextCursor={list.nextCursor}
            more={list.more}
            shown={m.shown}
            loadMore={loadMore}
            messages={c}
          />
        </>
      )}
    </>
  );
}

/**
 * An item's action button, its accessible name saying which article it acts on. While any
 * item's action runs (`pending` holds that item's id) every button waits, and the running
 * one says `busyLabel`.
 */
export function ItemAction({
  variant,
  label,
  busyLabel,
  ariaLabel,
  id,
  pending,
  onClick,
}: {
  variant: 'primary' | 'secondary';
  label: string;
  busyLabel: string;
  ariaLabel: string;
  id: string;
  pending: string | undefined;
  onClick: () => void;
}) {
  return (
    <div class="row-actions kb-item__actions">
      <button
        type="button"
        class={`button button--${variant} button--small`}
        aria-label={ariaLabel}
        disabled={pending !== undefined}
        onClick={onClick}
      >
        {pending === id ? busyLabel : label}
      </button>
    </div>
  );
}

export interface MineOrAllMessages {
  readonly show: string;
  readonly mine: string;
  readonly all: string;
}

/** A filter field: the caller's own articles, or everyone's. */
export function MineOrAllSelect({
  id,
  mine,
  onChange,
  m,
}: {
  id: string;
  mine: boolean;
  onChange: (mine: boolean) => void;
  m: MineOrAllMessages;
}) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {m.show}
      </label>
      <select
        id={id}
        class="input"
        value={mine ? 'mine' : 'all'}
        onChange={(event) => {
          onChange(event.currentTarget.value === 'mine');
        }}
      >
        <option value="mine">{m.mine}</option>
        <option value="all">{m.all}</option>
      </select>
    </div>
  );
}
