import type { ComponentChildren } from 'preact';
import { Icon } from './Icon';

/**
 * A message box. `role="alert"` lives on a wrapper that is always rendered, so
 * screen readers announce the message when it appears (a live region added
 * together with its content is often missed).
 */
export function AlertRegion({
  tone = 'error',
  children,
}: {
  tone?: 'error' | 'warning' | 'ok';
  children?: ComponentChildren;
}) {
  const empty =
    children === undefined || children === null || children === false || children === '';
  return (
    <div role="alert" class="alert-region">
      {!empty && <Alert tone={tone}>{children}</Alert>}
    </div>
  );
}

/** A static message box (not announced): warnings that are part of the page. */
export function Alert({
  tone,
  children,
}: {
  tone: 'error' | 'warning' | 'ok';
  children: ComponentChildren;
}) {
  return (
    <div class={`alert alert--${tone}`}>
      <Icon name={tone === 'ok' ? 'check' : 'warning'} />
      <div class="alert__body">{children}</div>
    </div>
  );
}

/** A polite live region for progress and results ("40 people shown"); visually hidden. */
export function StatusMessage({ children }: { children?: ComponentChildren }) {
  return (
    <p role="status" class="visually-hidden">
      {children}
    </p>
  );
}
