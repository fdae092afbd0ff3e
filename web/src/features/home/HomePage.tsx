import type { ApiClient } from '../../api/client';
import { Icon, type IconName } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { Link } from '../../components/router';
import { HealthCard, type HealthMessages } from './HealthCard';

export interface HomeMessages {
  readonly title: string;
  readonly lead: string;
  readonly health: HealthMessages;
  readonly areasHeading: string;
  readonly areasLead: string;
  readonly notYetAvailable: string;
}

/** One product area, as listed on the home page. */
export interface AreaSummary {
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly icon: IconName;
}

export function HomePage({
  api,
  areas,
  messages: m,
}: {
  api: ApiClient;
  areas: readonly AreaSummary[];
  messages: HomeMessages;
}) {
  return (
    <>
      <PageHeader title={m.title} lead={m.lead} />
      <HealthCard api={api} messages={m.health} />
      <section class="areas" aria-labelledby="areas-heading">
        <h2 id="areas-heading" class="section-title">
          {m.areasHeading}
        </h2>
        <p class="section-lead">{m.areasLead}</p>
        <ul class="area-grid">
          {areas.map((area) => (
            <li key={area.path}>
              <Link class="area-card" href={area.path}>
                <span class="area-card__icon">
                  <Icon name={area.icon} />
                </span>
                <span class="area-card__title">{area.title}</span>
                <span class="area-card__description">{area.description}</span>
                <span class="tag">{m.notYetAvailable}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
