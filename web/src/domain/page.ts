/** One page of a cursor-paginated list (`?limit=&cursor=` → `next_cursor`). */
export interface Page<T> {
  readonly items: readonly T[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
}
