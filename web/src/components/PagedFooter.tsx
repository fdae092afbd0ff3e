import type { ApiError } from '../api/client';
import type { CommonMessages } from './common';
import { LoadFailed } from './LoadState';

/** Below a paged list: how many are shown, "Load more", and a failed next page. */
export function PagedFooter({
  count,
  nextCursor,
  more,
  shown,
  loadMore,
  messages: m,
}: {
  count: number;
  nextCursor: string | undefined;
  more: 'loading' | ApiError | undefined;
  shown: (count: number, more: boolean) => string;
  loadMore: () => void;
  messages: CommonMessages;
}) {
  return (
    <>
      <div class="list-footer">
        <p class="list-footer__count">{shown(count, nextCursor !== undefined)}</p>
        {nextCursor !== undefined && (
          <button
            type="button"
            class="button button--secondary"
            disabled={more === 'loading'}
            onClick={loadMore}
          >
            {more === 'loading' ? m.loadingMore : m.loadMore}
          </button>
        )}
      </div>
      {more !== undefined && more !== 'loading' && (
        <LoadFailed error={more} messages={m} retry={loadMore} />
      )}
    </>
  );
}
