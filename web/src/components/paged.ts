/**
 * A cursor-paginated list behind "Load more": the first page loads on mount and
 * whenever `key` changes (the old items stay, marked as refreshing, until the
 * new ones arrive); `loadMore` appends the next page.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, ApiResult } from '../api/client';
import type { Page } from '../domain/page';

export type PagedList<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | {
      readonly phase: 'loaded';
      readonly items: readonly T[];
      readonly nextCursor?: string;
      /** The next page is on its way, or failed with this error. */
      readonly more?: 'loading' | ApiError;
      /** A new first page is on its way; the old items stay until it answers. */
      readonly refreshing?: boolean;
    };

export interface PagedListHandle<T> {
  readonly list: PagedList<T>;
  readonly loadMore: () => void;
  /** Loads the first page again. */
  readonly retry: () => void;
  /** Changes the loaded items in place, e.g. drops one that was dealt with. */
  readonly update: (change: (items: readonly T[]) => readonly T[]) => void;
}

export function usePagedList<T>(
  load: (cursor: string | undefined, signal: AbortSignal) => Promise<ApiResult<Page<T>>>,
  key: string,
): PagedListHandle<T> {
  const [list, setList] = useState<PagedList<T>>({ phase: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const more = useRef<AbortController | null>(null);

  useEffect(() => {
    more.current?.abort();
    const controller = new AbortController();
    setList((previous) =>
      previous.phase === 'loaded'
        ? { phase: 'loaded', items: previous.items, refreshing: true }
        : { phase: 'loading' },
    );
    void latest.current(undefined, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setList(
        result.ok ? { phase: 'loaded', ...result.value } : { phase: 'failed', error: result.error },
      );
    });
    return () => {
      controller.abort();
    };
  }, [key, round]);

  const loadMore = () => {
    if (list.phase !== 'loaded' || list.nextCursor === undefined) return;
    if (list.more === 'loading' || list.refreshing === true) return;
    const before = list;
    const controller = new AbortController();
    more.current = controller;
    setList({ ...before, more: 'loading' });
    void latest.current(before.nextCursor, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setList(
        result.ok
          ? {
              phase: 'loaded',
              items: [...before.items, ...result.value.items],
              ...(result.value.nextCursor === undefined
                ? {}
                : { nextCursor: result.value.nextCursor }),
            }
          : { ...before, more: result.error },
      );
    });
  };

  const retry = useCallback(() => {
    setRound((r) => r + 1);
  }, []);

  const update = useCallback((change: (items: readonly T[]) => readonly T[]) => {
    setList((previous) =>
      previous.phase === 'loaded' ? { ...previous, items: change(previous.items) } : previous,
    );
  }, []);

  return { list, loadMore, retry, update };
}
