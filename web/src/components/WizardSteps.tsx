import { Icon } from './Icon';

/**
 * The numbered steps of a wizard (e.g. choose a file, check it, done), the
 * current one marked for assistive technology with aria-current="step".
 */
export function WizardSteps({
  steps,
  current,
  label,
}: {
  steps: readonly string[];
  current: number;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <ol class="steps">
        {steps.map((step, i) => (
          <li
            key={step}
            class="steps__item"
            data-state={i < current ? 'done' : i === current ? 'current' : 'todo'}
            aria-current={i === current ? 'step' : undefined}
          >
            <span class="steps__number" aria-hidden="true">
              {i < current ? <Icon name="check" /> : i + 1}
            </span>
            {step}
          </li>
        ))}
      </ol>
    </nav>
  );
}
