import type { ApiClient, ApiError } from '../../api/client';
import { isHealthy } from '../../domain/health';
import { Icon } from '../../components/Icon';
import { useHealth, type HealthState } from './useHealth';

export interface HealthMessages {
  readonly heading: string;
  readonly checking: string;
  readonly operational: string;
  readonly degraded: string;
  readonly unreachable: string;
  readonly failing: string;
  readonly statusLabel: string;
  readonly versionLabel: string;
  readonly checkedAtLabel: string;
  readonly checkAgain: string;
  readonly formatTime: (at: Date) => string;
  readonly describeError: (error: ApiError) => string;
}

type Tone = 'pending' | 'ok' | 'warning' | 'error';

function summary(state: HealthState, m: HealthMessages): { tone: Tone; label: string } {
  switch (state.phase) {
    case 'loading':
      return { tone: 'pending', label: m.checking };
    case 'loaded':
      return isHealthy(state.health)
        ? { tone: 'ok', label: m.operational }
        : { tone: 'warning', label: m.degraded };
    case 'failed': {
      const noAnswer = state.error.kind === 'network' || state.error.kind === 'timeout';
      return { tone: 'error', label: noAnswer ? m.unreachable : m.failing };
    }
  }
}

/** Shows whether the server answers GET /api/v1/health, and which version it runs. */
export function HealthCard({ api, messages: m }: { api: ApiClient; messages: HealthMessages }) {
  const { state, refresh } = useHealth(api);
  const { tone, label } = summary(state, m);
  return (
    <section class="card health" aria-labelledby="health-heading" aria-busy={tone === 'pending'}>
      <div class="card__header">
        <h2 id="health-heading" class="card__title">
          {m.heading}
        </h2>
        <button
          type="button"
          class="button button--secondary"
          onClick={refresh}
          disabled={state.phase === 'loading'}
        >
          <Icon name="refresh" />
          {m.checkAgain}
        </button>
      </div>
      <p class="health__status" role="status" data-state={tone}>
        <span class="health__dot" aria-hidden="true" />
        {label}
      </p>
      {state.phase === 'loaded' && (
        <dl class="facts">
          <div class="facts__row">
            <dt>{m.versionLabel}</dt>
            <dd class="health__version">{state.health.version}</dd>
          </div>
          <div class="facts__row">
            <dt>{m.statusLabel}</dt>
            <dd>
              <code>{state.health.status}</code>
            </dd>
          </div>
          <div class="facts__row">
            <dt>{m.checkedAtLabel}</dt>
            <dd>
              <time dateTime={state.checkedAt.toISOString()}>{m.formatTime(state.checkedAt)}</time>
            </dd>
          </div>
        </dl>
      )}
      {state.phase === 'failed' && <p class="health__detail">{m.describeError(state.error)}</p>}
    </section>
  );
}
