import { useState } from 'preact/hooks';
import type { ApiClient, ApiError } from '../../api/client';
import { signIn } from '../../api/session';
import { AlertRegion } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import type { SignedOutReason } from './useSession';

export interface SignInMessages {
  readonly title: string;
  readonly lead: string;
  readonly email: string;
  readonly password: string;
  readonly submit: string;
  readonly submitting: string;
  readonly required: string;
  /** The same for a wrong e-mail and a wrong password: nothing tells which. */
  readonly wrongCredentials: string;
  readonly sessionExpired: string;
  readonly signedOut: string;
  readonly forgotten: string;
  readonly describeError: (error: ApiError) => string;
}

export function SignInPage({
  api,
  reason,
  onSignedIn,
  messages: m,
}: {
  api: ApiClient;
  reason: SignedOutReason;
  /** Loads the new session; resolves to an error message when that fails. */
  onSignedIn: () => Promise<string | undefined>;
  messages: SignInMessages;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (email.trim() === '' || password === '') {
      setError(m.required);
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await signIn(api, email.trim(), password);
    if (!result.ok) {
      setBusy(false);
      const wrong = result.error.kind === 'http' && result.error.status === 401;
      setError(wrong ? m.wrongCredentials : m.describeError(result.error));
      setPassword('');
      document.getElementById('sign-in-password')?.focus();
      return;
    }
    const problem = await onSignedIn();
    setBusy(false);
    if (problem !== undefined) setError(problem);
  };

  return (
    <div class="auth-page">
      <PageHeader title={m.title} lead={m.lead} />
      {reason !== 'start' && (
        <p class="notice" role="status">
          {reason === 'expired' ? m.sessionExpired : m.signedOut}
        </p>
      )}
      <form class="card form" noValidate onSubmit={(event) => void submit(event)}>
        <AlertRegion>{error}</AlertRegion>
        <TextField
          id="sign-in-email"
          label={m.email}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellcheck={false}
          required
          value={email}
          onValue={setEmail}
        />
        <TextField
          id="sign-in-password"
          label={m.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        <button type="submit" class="button button--primary button--wide" disabled={busy}>
          {busy ? m.submitting : m.submit}
        </button>
        <p class="form__note">{m.forgotten}</p>
      </form>
    </div>
  );
}
