import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';

export interface ForbiddenMessages {
  readonly title: string;
  readonly heading: string;
  readonly body: (action: string) => string;
  readonly backHome: string;
}

/** A page the signed-in user's role does not allow (what the server would answer with 403). */
export function ForbiddenPage({
  action,
  messages: m,
}: {
  action: string;
  messages: ForbiddenMessages;
}) {
  return (
    <>
      <PageHeader title={m.title} />
      <EmptyState
        icon="key"
        title={m.heading}
        action={
          <Link class="button button--primary" href="/">
            {m.backHome}
          </Link>
        }
      >
        <p>{m.body(action)}</p>
      </EmptyState>
    </>
  );
}
