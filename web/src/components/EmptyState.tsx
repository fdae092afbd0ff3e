import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon';

/** A centred panel that explains why there is nothing here and what to do next. */
export function EmptyState({
  icon,
  badge,
  title,
  children,
  action,
}: {
  icon: IconName;
  badge?: string;
  title: string;
  children: ComponentChildren;
  action?: ComponentChildren;
}) {
  return (
    <section class="empty-state" aria-labelledby="empty-state-title">
      <div class="empty-state__icon">
        <Icon name={icon} />
      </div>
      {badge !== undefined && <p class="tag">{badge}</p>}
      <h2 id="empty-state-title" class="empty-state__title">
        {title}
      </h2>
      <div class="empty-state__body">{children}</div>
      {action !== undefined && <div class="empty-state__action">{action}</div>}
    </section>
  );
}
