import { useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { redeemLink } from '../../api/session';
import { AlertRegion } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import { checkNewPassword, kMinPasswordLength } from '../../domain/session';

export interface SetPasswordMessages {
  readonly inviteTitle: string;
  readonly inviteLead: string;
  readonly resetTitle: string;
  readonly resetLead: string;
  readonly password: string;
  readonly passwordHint: (minLength: number) => string;
  readonly repeat: string;
  readonly tooShort: (minLength: number) => string;
  readonly mismatch: string;
  readonly submit: string;
  readonly submitting: string;
  /** The link is unknown, expired or used already. */
  readonly linkInvalid: string;
  readonly describeError: (error: ApiError) => string;
}

/** /invite/<secret> and /reset/<secret>: choose a password, which also signs in. */
export function SetPasswordPage({
  api,
  purpose,
  secret,
  onSignedIn,
  messages: m,
}: {
  api: ApiClient;
  purpose: 'invite' | 'reset';
  secret: string;
  onSignedIn: () => Promise<string | undefined>;
  messages: SetPasswordMessages;
}) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const problem = checkNewPassword(password, repeat);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    if (problem !== undefined) {
      setError(problem === 'too_short' ? m.tooShort(kMinPasswordLength) : m.mismatch);
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await redeemLink(api, secret, password);
    if (!result.ok) {
      setBusy(false);
      const e = result.error;
      const badLink =
        e.kind === 'http' && (e.status === 404 || e.status === 410 || e.field === 'token');
      setError(badLink ? m.linkInvalid : m.describeError(e));
      return;
    }
    const failure = await onSignedIn();
    setBusy(false);
    if (failure !== undefined) setError(failure);
  };

  const invite = purpose === 'invite';
  return (
    <div class="auth-page">
      <PageHeader
        title={invite ? m.inviteTitle : m.resetTitle}
        lead={invite ? m.inviteLead : m.resetLead}
      />
      <form class="card form" noValidate onSubmit={(event) => void submit(event)}>
        <AlertRegion>{error}</AlertRegion>
        <TextField
          id="new-password"
          label={m.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={kMinPasswordLength}
          hint={m.passwordHint(kMinPasswordLength)}
          error={checked && problem === 'too_short' ? m.tooShort(kMinPasswordLength) : undefined}
          value={password}
          onValue={setPassword}
        />
        <TextField
          id="repeat-password"
          label={m.repeat}
          type="password"
          autoComplete="new-password"
          required
          error={checked && problem === 'mismatch' ? m.mismatch : undefined}
          value={repeat}
          onValue={setRepeat}
        />
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? m.submitting : m.submit}
        </button>
      </form>
    </div>
  );
}
