/** How long the query log keeps searches (kb.manage): the content-gap reports look back this far. */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { getSearchSettings, updateSearchSettings } from '../../api/search';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { parseRetentionDays } from '../../domain/search';

export interface RetentionMessages {
  readonly title: string;
  readonly lead: string;
  readonly days: string;
  readonly daysHint: string;
  readonly invalid: string;
  readonly save: string;
  readonly saving: string;
  readonly saved: (days: number) => string;
  readonly failed: (reason: string) => string;
  readonly common: CommonMessages;
}

export function RetentionSetting({
  api,
  messages: m,
}: {
  api: ApiClient;
  messages: RetentionMessages;
}) {
  const settings = useLoad((signal) => getSearchSettings(api, signal), 'search-settings');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const loaded = settings.state.phase === 'loaded' ? settings.state.value : undefined;

  useEffect(() => {
    if (loaded !== undefined) setText(String(loaded.queryRetentionDays));
  }, [loaded]);

  const save = async () => {
    const days = parseRetentionDays(text);
    setInvalid(days === undefined);
    setStatus('');
    setError(undefined);
    if (days === undefined) return;
    setBusy(true);
    const result = await updateSearchSettings(api, { queryRetentionDays: days });
    setBusy(false);
    if (!result.ok) {
      setError(m.failed(m.common.describeError(result.error)));
      return;
    }
    settings.set(result.value);
    setStatus(m.saved(result.value.queryRetentionDays));
  };

  return (
    <section class="section" aria-labelledby="search-retention-title">
      <h2 id="search-retention-title" class="section-title">
        {m.title}
      </h2>
      <p class="muted">{m.lead}</p>
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>
      {settings.state.phase === 'loading' && <Loading messages={m.common} />}
      {settings.state.phase === 'failed' && (
        <LoadFailed error={settings.state.error} messages={m.common} retry={settings.reload} />
      )}
      {loaded !== undefined && (
        <form
          class="filters"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div class="field">
            <label class="field__label" for="search-retention">
              {m.days}
            </label>
            <input
              id="search-retention"
              class="input"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              value={text}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={`search-retention-hint${invalid ? ' search-retention-error' : ''}`}
              onInput={(event) => {
                setText(event.currentTarget.value);
              }}
            />
            <p id="search-retention-hint" class="field__hint">
              {m.daysHint}
            </p>
            {invalid && (
              <p id="search-retention-error" class="field__error">
                {m.invalid}
              </p>
            )}
          </div>
          <div class="filters__actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {busy ? m.saving : m.save}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
