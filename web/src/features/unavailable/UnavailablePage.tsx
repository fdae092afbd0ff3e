import { EmptyState } from '../../components/EmptyState';
import type { IconName } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';

export interface UnavailableMessages {
  readonly badge: string;
  readonly heading: string;
  readonly body: (area: string) => string;
  readonly backHome: string;
}

/** The page for a product area that is planned but not built yet. */
export function UnavailablePage({
  title,
  description,
  icon,
  messages: m,
}: {
  title: string;
  description: string;
  icon: IconName;
  messages: UnavailableMessages;
}) {
  return (
    <>
      <PageHeader title={title} lead={description} />
      <EmptyState
        icon={icon}
        badge={m.badge}
        title={m.heading}
        action={
          <Link class="button button--primary" href="/">
            {m.backHome}
          </Link>
        }
      >
        <p>{m.body(title)}</p>
      </EmptyState>
    </>
  );
}
