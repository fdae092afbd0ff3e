import type { ApiClient } from '../../api/client';
import { isHealthy } from '../../domain/health';
import { useHealth } from './useHealth';

export interface HealthLineMessages {
  readonly checking: string;
  readonly operational: (version: string) => string;
  readonly degraded: (version: string) => string;
  readonly unreachable: string;
}

/** One line about the server's health, for pages without the full status card (sign-in). */
export function HealthLine({ api, messages: m }: { api: ApiClient; messages: HealthLineMessages }) {
  const { state } = useHealth(api);
  let tone = 'pending';
  let label = m.checking;
  if (state.phase === 'loaded') {
    const healthy = isHealthy(state.health);
    tone = healthy ? 'ok' : 'warning';
    label = healthy ? m.operational(state.health.version) : m.degraded(state.health.version);
  } else if (state.phase === 'failed') {
    tone = 'error';
    label = m.unreachable;
  }
  return (
    <p class="health-line" role="status" data-state={tone}>
      <span class="health__dot" aria-hidden="true" />
      {label}
    </p>
  );
}
