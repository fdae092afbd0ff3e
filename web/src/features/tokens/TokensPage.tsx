import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { createToken, listTokens, revokeToken } from '../../api/tokens';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { CopyField } from '../../components/CopyField';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import { kTokenScopes, tokenState, type ApiToken, type NewToken } from '../../domain/access';

export interface TokensMessages {
  readonly title: string;
  readonly lead: string;
  readonly tableCaption: string;
  readonly name: string;
  readonly scopes: string;
  readonly created: string;
  readonly lastUsed: string;
  readonly expires: string;
  readonly status: string;
  readonly actions: string;
  readonly states: Readonly<Record<'active' | 'revoked' | 'expired', string>>;
  readonly revokedOn: (when: string) => string;
  readonly revoke: string;
  readonly revokeLabel: (name: string) => string;
  readonly confirmRevoke: (name: string) => string;
  readonly confirm: string;
  readonly revoking: string;
  readonly revoked: (name: string) => string;
  readonly empty: string;
  readonly createHeading: string;
  readonly nameHint: string;
  readonly scopesLegend: string;
  readonly scopeHints: Readonly<Record<string, string>>;
  readonly expiry: string;
  readonly expiryNever: string;
  readonly expiryDays: (days: number) => string;
  readonly create: string;
  readonly creating: string;
  readonly nameRequired: string;
  readonly scopeRequired: string;
  readonly secretHeading: (name: string) => string;
  readonly secretLead: string;
  readonly secretField: string;
  readonly done: string;
  readonly common: CommonMessages;
}

const kExpiryChoices = [30, 90, 365] as const;

/** /settings/tokens: the signed-in user's API tokens. */
export function TokensPage({ api, messages: m }: { api: ApiClient; messages: TokensMessages }) {
  const tokens = useLoad((signal) => listTokens(api, signal), 'tokens');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [secret, setSecret] = useState<NewToken | undefined>(undefined);
  const secretHeading = useRef<HTMLHeadingElement>(null);

  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly string[]>(['directory:read']);
  const [expiry, setExpiry] = useState('');
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<'name' | 'scopes' | ApiError | undefined>(undefined);

  useEffect(() => {
    if (secret !== undefined) secretHeading.current?.focus();
  }, [secret]);
  useEffect(() => {
    if (confirming !== undefined) document.getElementById(`revoke-confirm-${confirming}`)?.focus();
  }, [confirming]);

  const list = tokens.state.phase === 'loaded' ? tokens.state.value : [];
  const now = Date.now();

  const revoke = async (token: ApiToken) => {
    setPending(token.id);
    setError(undefined);
    const result = await revokeToken(api, token.id);
    setPending(undefined);
    setConfirming(undefined);
    if (!result.ok) {
      setError(m.common.describeError(result.error));
      return;
    }
    tokens.set(list.map((t) => (t.id === token.id ? result.value : t)));
    setStatus(m.revoked(token.name));
    document.getElementById(`token-name-${token.id}`)?.focus();
  };

  const create = async (event: Event) => {
    event.preventDefault();
    if (creating) return;
    if (name.trim() === '') {
      setProblem('name');
      document.getElementById('token-name')?.focus();
      return;
    }
    if (scopes.length === 0) {
      setProblem('scopes');
      return;
    }
    setCreating(true);
    setProblem(undefined);
    const result = await createToken(api, {
      name: name.trim(),
      scopes,
      ...(expiry === '' ? {} : { expiresInDays: Number(expiry) }),
    });
    setCreating(false);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    tokens.set([result.value.token, ...list]);
    setSecret(result.value);
    setName('');
    setExpiry('');
  };

  const apiProblem = typeof problem === 'object' ? problem : undefined;
  const nameError =
    problem === 'name'
      ? m.nameRequired
      : apiProblem?.kind === 'http' && apiProblem.field === 'name'
        ? m.common.describeError(apiProblem)
        : undefined;
  const formError =
    problem === 'scopes'
      ? m.scopeRequired
      : apiProblem !== undefined && nameError === undefined
        ? m.common.describeError(apiProblem)
        : undefined;

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>

      {secret !== undefined && (
        <section class="card once" aria-labelledby="token-secret-heading">
          <h2 id="token-secret-heading" class="card__title" tabIndex={-1} ref={secretHeading}>
            {m.secretHeading(secret.token.name)}
          </h2>
          <p class="muted">{m.secretLead}</p>
          <CopyField
            id="token-secret"
            label={m.secretField}
            value={secret.secret}
            messages={m.common.copy}
          />
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setSecret(undefined);
              document.getElementById('token-name')?.focus();
            }}
          >
            {m.done}
          </button>
        </section>
      )}

      {tokens.state.phase === 'loading' && <Loading messages={m.common} />}
      {tokens.state.phase === 'failed' && (
        <LoadFailed error={tokens.state.error} messages={m.common} retry={tokens.reload} />
      )}
      {tokens.state.phase === 'loaded' && list.length === 0 && <p class="empty-note">{m.empty}</p>}
      {tokens.state.phase === 'loaded' && list.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="tokens-caption" tabIndex={0}>
          <table class="table">
            <caption id="tokens-caption" class="visually-hidden">
              {m.tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.scopes}</th>
                <th scope="col">{m.created}</th>
                <th scope="col">{m.lastUsed}</th>
                <th scope="col">{m.expires}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => {
                const state = tokenState(token, now);
                return (
                  <tr key={token.id}>
                    <th scope="row" id={`token-name-${token.id}`} tabIndex={-1}>
                      {token.name}
                    </th>
                    <td>
                      <ul class="chips">
                        {token.scopes.map((s) => (
                          <li key={s}>
                            <code>{s}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{m.common.formatDateTime(token.createdAt)}</td>
                    <td>
                      {token.lastUsedAt === null
                        ? m.common.never
                        : m.common.formatDateTime(token.lastUsedAt)}
                    </td>
                    <td>
                      {token.expiresAt === null
                        ? m.common.never
                        : m.common.formatDateTime(token.expiresAt)}
                    </td>
                    <td>
                      <span class={`tag ${state === 'active' ? 'tag--ok' : 'tag--muted'}`}>
                        {m.states[state]}
                      </span>
                      {token.revokedAt !== null && (
                        <span class="muted small block">
                          {m.revokedOn(m.common.formatDateTime(token.revokedAt))}
                        </span>
                      )}
                    </td>
                    <td>
                      {state === 'active' && confirming !== token.id && (
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={m.revokeLabel(token.name)}
                          onClick={() => {
                            setConfirming(token.id);
                          }}
                        >
                          {m.revoke}
                        </button>
                      )}
                      {state === 'active' && confirming === token.id && (
                        <div class="confirm" role="group" aria-labelledby={`revoke-q-${token.id}`}>
                          <p id={`revoke-q-${token.id}`} class="confirm__question">
                            {m.confirmRevoke(token.name)}
                          </p>
                          <div class="row-actions">
                            <button
                              id={`revoke-confirm-${token.id}`}
                              type="button"
                              class="button button--danger button--small"
                              disabled={pending === token.id}
                              onClick={() => {
                                void revoke(token);
                              }}
                            >
                              {pending === token.id ? m.revoking : m.confirm}
                            </button>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              onClick={() => {
                                setConfirming(undefined);
                              }}
                            >
                              {m.common.cancel}
                            </button>
                          </div>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <section class="section" aria-labelledby="create-token-heading">
        <h2 id="create-token-heading" class="section-title">
          {m.createHeading}
        </h2>
        <form class="card form" noValidate onSubmit={(event) => void create(event)}>
          <AlertRegion>{formError}</AlertRegion>
          <TextField
            id="token-name"
            label={m.name}
            hint={m.nameHint}
            autoComplete="off"
            required
            maxLength={100}
            value={name}
            onValue={setName}
            error={nameError}
          />
          <fieldset class="fieldset">
            <legend class="field__label">{m.scopesLegend}</legend>
            {kTokenScopes.map((scope) => (
              <div key={scope} class="field field--check">
                <input
                  id={`scope-${scope}`}
                  type="checkbox"
                  class="checkbox"
                  checked={scopes.includes(scope)}
                  aria-describedby={`scope-${scope}-hint`}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
                  }}
                />
                <label for={`scope-${scope}`}>
                  <code>{scope}</code>
                </label>
                <p id={`scope-${scope}-hint`} class="field__hint">
                  {m.scopeHints[scope] ?? ''}
                </p>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label class="field__label" for="token-expiry">
              {m.expiry}
            </label>
            <select
              id="token-expiry"
              class="input"
              value={expiry}
              onChange={(event) => {
                setExpiry(event.currentTarget.value);
              }}
            >
              <option value="">{m.expiryNever}</option>
              {kExpiryChoices.map((days) => (
                <option key={days} value={String(days)}>
                  {m.expiryDays(days)}
                </option>
              ))}
            </select>
          </div>
          <div class="form__actions">
            <button type="submit" class="button button--primary" disabled={creating}>
              {creating ? m.creating : m.create}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
