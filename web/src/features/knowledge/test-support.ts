/** For unit tests only: rendering knowledge pages into a container and poking them. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

export function createContainer(): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  return container;
}

export function removeContainer(container: HTMLElement): void {
  render(null, container);
  container.remove();
}

export async function mount(node: ComponentChild, container: HTMLElement): Promise<void> {
  await act(() => {
    render(node, container);
  });
}

/** Lets requests answer and effects run until `check` passes. */
export async function settle(check: () => void): Promise<void> {
  await vi.waitFor(async () => {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    check();
  });
}

export function buttonIn(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (b) => b.textContent.trim() === label || b.getAttribute('aria-label') === label,
  );
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

export async function click(element: HTMLElement): Promise<void> {
  await act(() => {
    element.click();
  });
}

export async function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(element: HTMLSelectElement, value: string) {
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
