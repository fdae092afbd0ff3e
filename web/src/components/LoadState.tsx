import type { ApiError } from '../api/client';
import { Alert } from './Alert';
import type { CommonMessages } from './common';

/** The placeholder while a page's data loads; aria-busy tells tests and readers it is not ready. */
export function Loading({ messages: m }: { messages: CommonMessages }) {
  return (
    <p class="loading" aria-busy="true">
      <span class="loading__spinner" aria-hidden="true" />
      {m.loading}
    </p>
  );
}

/** A failed load: what went wrong and a way to try again. */
export function LoadFailed({
  error,
  retry,
  messages: m,
}: {
  error: ApiError;
  retry?: () => void;
  messages: CommonMessages;
}) {
  return (
    <div role="alert">
      <Alert tone="error">
        <p>{m.describeError(error)}</p>
        {retry !== undefined && (
          <button type="button" class="button button--secondary button--small" onClick={retry}>
            {m.retry}
          </button>
        )}
      </Alert>
    </div>
  );
}
