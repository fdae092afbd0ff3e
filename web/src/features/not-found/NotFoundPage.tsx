import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';

export interface NotFoundMessages {
  readonly title: string;
  readonly heading: string;
  readonly body: (path: string) => string;
  readonly backHome: string;
}

export function NotFoundPage({ path, messages: m }: { path: string; messages: NotFoundMessages }) {
  return (
    <>
      <PageHeader title={m.title} />
      <EmptyState
        icon="compass"
        title={m.heading}
        action={
          <Link class="button button--primary" href="/">
            {m.backHome}
          </Link>
        }
      >
        <p>{m.body(path)}</p>
      </EmptyState>
    </>
  );
}
