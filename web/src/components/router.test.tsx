// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Link, navigate, normalisePath, usePath, useSearch } from './router';

let container: HTMLElement;

beforeEach(() => {
  history.replaceState(null, '', '/');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(node: ComponentChild): Promise<void> {
  await act(() => {
    render(node, container);
  });
}

/** The one element matching `selector` inside the container. */
function $(selector: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(selector);
  if (element === null) throw new Error(`no ${selector} rendered`);
  return element;
}

/**
 * Clicks `element` and tells whether the router cancelled the browser's own
 * navigation. A listener on the document records that, then cancels the default
 * action itself so the test environment never really follows the link.
 */
async function click(element: HTMLElement, init: MouseEventInit = {}): Promise<boolean> {
  let cancelledByRouter = false;
  const observe = (event: Event) => {
    cancelledByRouter = event.defaultPrevented;
    event.preventDefault();
  };
  document.addEventListener('click', observe);
  try {
    await act(() => {
      element.dispatchEvent(
        new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }),
      );
    });
  } finally {
    document.removeEventListener('click', observe);
  }
  return cancelledByRouter;
}

function ShowPath() {
  return <p id="path">{usePath()}</p>;
}

function ShowSearch() {
  return <p id="search">{useSearch()}</p>;
}

describe('normalisePath', () => {
  it.each([
    ['/', '/'],
    ['/knowledge', '/knowledge'],
    ['/knowledge/', '/knowledge'],
    ['/knowledge///', '/knowledge'],
    ['/a/b/', '/a/b'],
    ['//', '/'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });
});

describe('navigate', () => {
  it('pushes a history entry by default', () => {
    const before = history.length;
    navigate('/surveys');
    expect(location.pathname).toBe('/surveys');
    expect(history.length).toBe(before + 1);
  });

  it('replaces the current entry with { replace: true }', () => {
    const before = history.length;
    navigate('/customers', { replace: true });
    expect(location.pathname).toBe('/customers');
    expect(history.length).toBe(before);
  });
});

describe('usePath', () => {
  it('starts at the normalised current path', async () => {
    history.replaceState(null, '', '/knowledge/');
    await mount(<ShowPath />);
    expect($('#path').textContent).toBe('/knowledge');
  });

  it('follows navigate()', async () => {
    await mount(<ShowPath />);
    expect($('#path').textContent).toBe('/');
    await act(() => {
      navigate('/analytics/');
    });
    expect($('#path').textContent).toBe('/analytics');
  });

  it('follows popstate (the back and forward buttons)', async () => {
    await mount(<ShowPath />);
    await act(() => {
      history.replaceState(null, '', '/settings');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect($('#path').textContent).toBe('/settings');
  });

  it('stops listening when unmounted', async () => {
    const removed = vi.spyOn(window, 'removeEventListener');
    await mount(<ShowPath />);
    await act(() => {
      render(null, container);
    });
    const types = removed.mock.calls.map(([type]) => type);
    expect(types).toContain('popstate');
    expect(types).toContain('rapport:navigate');
  });
});

describe('Link', () => {
  it('renders a real link carrying the other attributes', async () => {
    await mount(
      <Link href="/surveys" class="nav-link" aria-current="page">
        Surveys
      </Link>,
    );
    const a = $('a');
    expect(a.getAttribute('href')).toBe('/surveys');
    expect(a.className).toBe('nav-link');
    expect(a.getAttribute('aria-current')).toBe('page');
    expect(a.textContent).toBe('Surveys');
  });

  it('navigates on the client on a plain left click', async () => {
    const onNavigate = vi.fn();
    await mount(
      <>
        <Link href="/recognition" onNavigate={onNavigate}>
          Recognition
        </Link>
        <ShowPath />
      </>,
    );
    const before = history.length;
    expect(await click($('a'))).toBe(true);
    expect(location.pathname).toBe('/recognition');
    expect(history.length).toBe(before + 1);
    expect($('#path').textContent).toBe('/recognition');
    expect(onNavigate).toHaveBeenCalledOnce();
  });

  it('adds no history entry for a link to the current page, but still reports it', async () => {
    history.replaceState(null, '', '/surveys/');
    const onNavigate = vi.fn();
    await mount(
      <Link href="/surveys" onNavigate={onNavigate}>
        Surveys
      </Link>,
    );
    const before = history.length;
    expect(await click($('a'))).toBe(true);
    expect(history.length).toBe(before);
    expect(onNavigate).toHaveBeenCalledOnce();
  });

  it.each<[string, MouseEventInit]>([
    ['ctrl', { ctrlKey: true }],
    ['meta', { metaKey: true }],
    ['shift', { shiftKey: true }],
    ['alt', { altKey: true }],
    ['middle button', { button: 1 }],
  ])('leaves a %s click to the browser', async (_name, init) => {
    const onNavigate = vi.fn();
    await mount(
      <Link href="/analytics" onNavigate={onNavigate}>
        Analytics
      </Link>,
    );
    expect(await click($('a'), init)).toBe(false);
    expect(location.pathname).toBe('/');
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('does nothing when an earlier handler already cancelled the click', async () => {
    const onNavigate = vi.fn();
    await mount(
      <Link href="/analytics" onNavigate={onNavigate}>
        <span id="inner">Analytics</span>
      </Link>,
    );
    $('#inner').addEventListener('click', (event) => {
      event.preventDefault();
    });
    expect(await click($('#inner'))).toBe(true);
    expect(location.pathname).toBe('/');
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('navigates to another query of the same path, and re-renders readers of the query', async () => {
    history.replaceState(null, '', '/knowledge/articles/a1');
    await mount(
      <>
        <Link href="/knowledge/articles/a1?view=head">Latest</Link>
        <ShowSearch />
      </>,
    );
    expect($('#search').textContent).toBe('');
    const before = history.length;
    expect(await click($('a'))).toBe(true);
    expect(history.length).toBe(before + 1);
    expect(location.search).toBe('?view=head');
    expect($('#search').textContent).toBe('?view=head');
    expect(await click($('a'))).toBe(true);
    expect(history.length).toBe(before + 1);
  });
});
