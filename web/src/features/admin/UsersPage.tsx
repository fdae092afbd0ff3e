import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { createUser, createUserLink, listUsers, updateUser } from '../../api/users';
import { AlertRegion, StatusMessage } from '../../components/Alert';
import type { CommonMessages } from '../../components/common';
import { CopyField } from '../../components/CopyField';
import { useLoad } from '../../components/hooks';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import { assignableRoles, isKnownRole, type OneTimeLink, type Role } from '../../domain/access';
import type { User } from '../../domain/session';

export interface UsersMessages {
  readonly title: string;
  readonly lead: string;
  readonly roles: Readonly<Record<Role, string>>;
  readonly tableCaption: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly roleOf: (name: string) => string;
  readonly status: string;
  readonly created: string;
  readonly actions: string;
  readonly active: string;
  readonly disabled: string;
  readonly invited: string;
  readonly you: string;
  readonly disable: string;
  readonly enable: string;
  readonly invitationLink: string;
  readonly resetLink: string;
  readonly createHeading: string;
  readonly create: string;
  readonly creating: string;
  readonly required: string;
  readonly createdNotice: (name: string) => string;
  readonly roleChanged: (name: string, role: string) => string;
  readonly disabledNow: (name: string) => string;
  readonly enabledNow: (name: string) => string;
  readonly linkHeading: (purpose: 'invitation' | 'password-reset', name: string) => string;
  readonly linkLead: (expiresAt: string) => string;
  readonly linkField: string;
  readonly dismiss: string;
  readonly empty: string;
  readonly common: CommonMessages;
}

/** A link to send someone: the server answers a path ("/invite/…"), which is made absolute. */
function absolute(url: string): string {
  return new URL(url, location.origin).href;
}

interface ShownLink {
  readonly user: User;
  readonly purpose: 'invitation' | 'password-reset';
  readonly link: OneTimeLink;
}

const byName = (a: User, b: User) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email);

function fieldError(error: ApiError | undefined, field: string, m: CommonMessages) {
  return error?.kind === 'http' && error.field === field ? m.describeError(error) : undefined;
}

/** /admin/users: accounts and roles; creating accounts and links needs users.manage. */
export function UsersPage({
  api,
  me,
  canManage,
  messages: m,
}: {
  api: ApiClient;
  me: User;
  canManage: boolean;
  messages: UsersMessages;
}) {
  const users = useLoad((signal) => listUsers(api, signal), 'users');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState<ShownLink | undefined>(undefined);
  const linkHeading = useRef<HTMLHeadingElement>(null);

  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('employee');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | 'required' | undefined>(undefined);

  useEffect(() => {
    if (shown !== undefined) linkHeading.current?.focus();
  }, [shown]);

  const list = users.state.phase === 'loaded' ? [...users.state.value].sort(byName) : [];
  const replace = (user: User) => {
    users.set(list.map((u) => (u.id === user.id ? user : u)));
  };

  const change = async (
    user: User,
    patch: { readonly role?: string; readonly disabled?: boolean },
    done: (u: User) => string,
  ) => {
    setPending(user.id);
    setError(undefined);
    setStatus('');
    const result = await updateUser(api, user.id, patch);
    setPending(undefined);
    if (!result.ok) {
      setError(m.common.describeError(result.error));
      users.set([...list]); // puts a changed <select> back to the stored role
      return;
    }
    replace(result.value);
    setStatus(done(result.value));
  };

  const makeLink = async (user: User, purpose: 'invitation' | 'password-reset') => {
    setPending(user.id);
    setError(undefined);
    setStatus('');
    const result = await createUserLink(api, user.id, purpose);
    setPending(undefined);
    if (!result.ok) {
      setError(m.common.describeError(result.error));
      return;
    }
    setShown({ user, purpose, link: result.value });
  };

  const create = async (event: Event) => {
    event.preventDefault();
    if (creating) return;
    if (email.trim() === '' || name.trim() === '') {
      setCreateError('required');
      return;
    }
    setCreating(true);
    setCreateError(undefined);
    const result = await createUser(api, { email: email.trim(), name: name.trim(), role });
    setCreating(false);
    if (!result.ok) {
      setCreateError(result.error);
      return;
    }
    users.set([...list, result.value]);
    setEmail('');
    setName('');
    setRole('employee');
    setStatus(m.createdNotice(result.value.name));
  };

  const roleLabel = (r: string) => (isKnownRole(r) ? m.roles[r] : r);
  const choices = assignableRoles(me.role);
  const apiError = createError === 'required' ? undefined : createError;
  const onAField =
    apiError?.kind === 'http' && (apiError.field === 'email' || apiError.field === 'name');
  const generalCreateError =
    createError === 'required'
      ? m.required
      : apiError !== undefined && !onAField
        ? m.common.describeError(apiError)
        : undefined;

  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <StatusMessage>{status}</StatusMessage>
      <AlertRegion>{error}</AlertRegion>

      {shown !== undefined && (
        <section class="card once" aria-labelledby="user-link-heading">
          <h2 id="user-link-heading" class="card__title" tabIndex={-1} ref={linkHeading}>
            {m.linkHeading(shown.purpose, shown.user.name)}
          </h2>
          <p class="muted">{m.linkLead(m.common.formatDateTime(shown.link.expiresAt))}</p>
          <CopyField
            id="user-link"
            label={m.linkField}
            value={absolute(shown.link.url)}
            messages={m.common.copy}
          />
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setShown(undefined);
            }}
          >
            {m.dismiss}
          </button>
        </section>
      )}

      {users.state.phase === 'loading' && <Loading messages={m.common} />}
      {users.state.phase === 'failed' && (
        <LoadFailed error={users.state.error} messages={m.common} retry={users.reload} />
      )}
      {users.state.phase === 'loaded' && list.length === 0 && <p class="empty-note">{m.empty}</p>}
      {users.state.phase === 'loaded' && list.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="users-caption" tabIndex={0}>
          <table class="table">
            <caption id="users-caption" class="visually-hidden">
              {m.tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.created}</th>
                {canManage && <th scope="col">{m.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((user) => {
                const self = user.id === me.id;
                // Nobody changes their own role; only an owner touches the owner role.
                const roleLocked = self || (user.role === 'owner' && me.role !== 'owner');
                const options = choices.includes(user.role as Role)
                  ? choices
                  : [user.role, ...choices];
                return (
                  <tr key={user.id}>
                    <th scope="row">
                      <span class="cell-title">
                        {user.name}
                        {self && <span class="tag">{m.you}</span>}
                      </span>
                      <span class="muted small">{user.email}</span>
                    </th>
                    <td>
                      {canManage && !roleLocked ? (
                        <select
                          class="input input--compact"
                          aria-label={m.roleOf(user.name)}
                          value={user.role}
                          disabled={pending === user.id}
                          onChange={(event) => {
                            const next = event.currentTarget.value;
                            void change(user, { role: next }, (u) =>
                              m.roleChanged(u.name, roleLabel(u.role)),
                            );
                          }}
                        >
                          {options.map((r) => (
                            <option key={r} value={r}>
                              {roleLabel(r)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        roleLabel(user.role)
                      )}
                    </td>
                    <td>
                      <span
                        class={`tag ${user.disabled ? 'tag--muted' : user.hasPassword ? 'tag--ok' : 'tag--pending'}`}
                      >
                        {user.disabled ? m.disabled : user.hasPassword ? m.active : m.invited}
                      </span>
                    </td>
                    <td>{m.common.formatDateTime(user.createdAt)}</td>
                    {canManage && (
                      <td>
                        <div class="row-actions">
                          {!self && (
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              disabled={pending === user.id}
                              aria-label={`${user.disabled ? m.enable : m.disable}: ${user.name}`}
                              onClick={() => {
                                void change(user, { disabled: !user.disabled }, (u) =>
                                  u.disabled ? m.disabledNow(u.name) : m.enabledNow(u.name),
                                );
                              }}
                            >
                              {user.disabled ? m.enable : m.disable}
                            </button>
                          )}
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            disabled={pending === user.id || user.disabled}
                            aria-label={`${user.hasPassword ? m.resetLink : m.invitationLink}: ${user.name}`}
                            onClick={() => {
                              void makeLink(
                                user,
                                user.hasPassword ? 'password-reset' : 'invitation',
                              );
                            }}
                          >
                            {user.hasPassword ? m.resetLink : m.invitationLink}
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {canManage && (
        <section class="section" aria-labelledby="create-user-heading">
          <h2 id="create-user-heading" class="section-title">
            {m.createHeading}
          </h2>
          <form class="card form form--inline" noValidate onSubmit={(event) => void create(event)}>
            <AlertRegion>{generalCreateError}</AlertRegion>
            <TextField
              id="new-user-email"
              label={m.email}
              type="email"
              autoComplete="off"
              spellcheck={false}
              required
              value={email}
              onValue={setEmail}
              error={fieldError(apiError, 'email', m.common)}
            />
            <TextField
              id="new-user-name"
              label={m.name}
              autoComplete="off"
              required
              value={name}
              onValue={setName}
              error={fieldError(apiError, 'name', m.common)}
            />
            <div class="field">
              <label class="field__label" for="new-user-role">
                {m.role}
              </label>
              <select
                id="new-user-role"
                class="input"
                value={role}
                onChange={(event) => {
                  setRole(event.currentTarget.value);
                }}
              >
                {choices.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
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
      )}
    </>
  );
}
