/** What the server reports about itself (GET /api/v1/health). */
export interface Health {
  /** "ok" when the server is fully serving; any other value means it is degraded. */
  readonly status: string;
  /** The server's release version, e.g. "0.1.0". */
  readonly version: string;
}

export function isHealthy(health: Health): boolean {
  return health.status === 'ok';
}
