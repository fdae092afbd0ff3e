import type { ApiError } from '../api/client';
import type { CopyMessages } from './CopyField';

/** Strings many pages share: loading and error states, lists, dates. */
export interface CommonMessages {
  readonly loading: string;
  readonly retry: string;
  readonly loadMore: string;
  readonly loadingMore: string;
  readonly cancel: string;
  readonly none: string;
  readonly never: string;
  readonly copy: CopyMessages;
  readonly describeError: (error: ApiError) => string;
  /** A calendar date "YYYY-MM-DD" for display; "" stays "". */
  readonly formatDate: (isoDate: string) => string;
  /** An ISO-8601 UTC instant in the reader's time zone. */
  readonly formatDateTime: (isoInstant: string) => string;
  readonly formatCount: (n: number) => string;
  /** A file size: "512 bytes", "1.5 KB", "3.2 MB". */
  readonly formatSize: (bytes: number) => string;
}
