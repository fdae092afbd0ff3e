// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jsonResponse, type FakeCall, type FakeRoutes } from '../api/fake-server';
import { App } from './App';
import { en } from './messages/en';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  history.replaceState(null, '', '/');
});

const kUser = {
  id: 'U1',
  email: 'emma@alderfinch.example',
  name: 'Emma Employee',
  role: 'employee',
  person_id: null,
  disabled: false,
  created_at: '2026-01-01T00:00:00Z',
  has_password: true,
};

const kEmployee = ['self', 'directory.read', 'tokens.own'];
const unauthenticated = () =>
  jsonResponse(401, { error: { code: 'unauthenticated', message: 'not signed in' } });

/** A server with one account; `session.permissions` is what GET /me reports once signed in. */
function server(permissions: readonly string[], extra: FakeRoutes = {}) {
  const session = { signedIn: false };
  const routes: FakeRoutes = {
    'GET /health': () => jsonResponse(200, { status: 'ok', version: '1.2.3' }),
    'GET /me': () =>
      session.signedIn
        ? jsonResponse(200, { user: kUser, csrf_token: 'csrf-1', permissions })
        : unauthenticated(),
    'POST /auth/login': (call: FakeCall) => {
      const body = JSON.parse(call.body ?? '{}') as { password?: string };
      if (body.password !== 'right password') return unauthenticated();
      session.signedIn = true;
      return jsonResponse(200, { user: kUser, csrf_token: 'csrf-1' });
    },
    'POST /auth/logout': () => {
      session.signedIn = false;
      return new Response(null, { status: 204 });
    },
    'GET /people': () => jsonResponse(200, { people: [] }),
    'GET /teams': () => jsonResponse(200, { teams: [] }),
    ...extra,
  };
  return { session, ...fakeApi(routes) };
}

async function settle(check: () => void): Promise<void> {
  await vi.waitFor(async () => {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    check();
  });
}

const h1 = () => container.querySelector('main h1')?.textContent;
const navLabels = () =>
  [...container.querySelectorAll('nav[aria-label="Primary"] a')].map((a) => a.textContent.trim());

async function type(selector: string, value: string): Promise<void> {
  const input = container.querySelector<HTMLInputElement>(selector);
  if (input === null) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(): Promise<void> {
  const form = container.querySelector('form');
  await act(() => {
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('App session handling', () => {
  it('sends a signed-out visitor to sign-in, remembering the page, and back after signing in', async () => {
    history.replaceState(null, '', '/people?q=ada');
    const { api, calls } = server(kEmployee);
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe('Sign in');
    });
    expect(location.pathname + location.search).toBe('/sign-in?next=%2Fpeople%3Fq%3Dada');
    expect(container.querySelector('nav[aria-label="Primary"]')).toBeNull();

    await type('#sign-in-email', 'emma@alderfinch.example');
    await type('#sign-in-password', 'wrong password');
    await submit();
    await settle(() => {
      expect(container.querySelector('[role="alert"]')?.textContent).toBe(
        en.signIn.wrongCredentials,
      );
    });
    expect(location.pathname).toBe('/sign-in');

    await type('#sign-in-password', 'right password');
    await submit();
    await settle(() => {
      expect(h1()).toBe('People');
    });
    expect(location.pathname + location.search).toBe('/people?q=ada');
    const login = calls.find((c) => c.url === '/auth/login');
    expect(login?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('shows an employee only what their permissions allow, and a 403 page for the rest', async () => {
    history.replaceState(null, '', '/people/import');
    const { api, session } = server(kEmployee);
    session.signedIn = true;
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.forbidden.title);
    });
    expect(navLabels()).toContain('People');
    expect(navLabels()).toContain('API tokens');
    expect(navLabels()).not.toContain('Import people');
    expect(navLabels()).not.toContain('Users and roles');
    expect(navLabels()).not.toContain('Audit log');
  });

  it('shows import and administration to someone allowed them', async () => {
    const { api, session } = server([...kEmployee, 'people.import', 'users.read', 'audit.read']);
    session.signedIn = true;
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.home.title);
    });
    expect(navLabels()).toEqual(
      expect.arrayContaining(['Import people', 'Users and roles', 'Audit log']),
    );
  });

  it('goes to sign-in when any request answers 401, and says the session ended', async () => {
    history.replaceState(null, '', '/people');
    const { api, session } = server(kEmployee, { 'GET /people': unauthenticated });
    session.signedIn = true;
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe('Sign in');
    });
    expect(location.search).toBe('?next=%2Fpeople');
    expect(container.textContent).toContain(en.signIn.sessionExpired);
  });

  it('signs out with the CSRF token and lands on the sign-in page', async () => {
    const { api, session, calls } = server(kEmployee);
    session.signedIn = true;
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.home.title);
    });
    const button = [...container.querySelectorAll('button')].find(
      (b) => b.textContent.trim() === en.shell.signOut,
    );
    await act(() => {
      button?.click();
    });
    await settle(() => {
      expect(h1()).toBe('Sign in');
    });
    expect(location.pathname + location.search).toBe('/sign-in');
    expect(container.textContent).toContain(en.signIn.signedOut);
    const logout = calls.find((c) => c.url === '/auth/logout');
    expect(logout?.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('explains when the server cannot be asked about the session', async () => {
    const { api } = server(kEmployee, {
      'GET /me': () => jsonResponse(503, { error: { code: 'unavailable', message: 'store down' } }),
    });
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.shell.unreachableTitle);
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('busy or unavailable');
  });

  it('sets a password from an invitation link, then signs in and leaves the link behind', async () => {
    history.replaceState(null, '', '/invite/secret-123');
    const { api, session, calls } = server(kEmployee, {
      'POST /auth/redeem': () => {
        session.signedIn = true;
        return jsonResponse(200, { user: kUser, csrf_token: 'csrf-1' });
      },
    });
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.setPassword.inviteTitle);
    });
    expect(container.textContent).toContain('At least 12 characters');

    await type('#new-password', 'too short');
    await type('#repeat-password', 'too short');
    await submit();
    expect(container.querySelector('#new-password-error')?.textContent).toBe(
      en.setPassword.tooShort(12),
    );
    expect(container.querySelector('#new-password')?.getAttribute('aria-invalid')).toBe('true');

    await type('#new-password', 'long enough password');
    await submit();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(en.setPassword.mismatch);
    expect(calls.some((c) => c.url === '/auth/redeem')).toBe(false);

    await type('#repeat-password', 'long enough password');
    await submit();
    await settle(() => {
      expect(h1()).toBe(en.home.title);
    });
    expect(location.pathname).toBe('/');
    const redeem = calls.find((c) => c.url === '/auth/redeem');
    expect(JSON.parse(redeem?.body ?? '')).toStrictEqual({
      token: 'secret-123',
      password: 'long enough password',
    });
  });

  it('says when an invitation link cannot be used', async () => {
    history.replaceState(null, '', '/reset/used-already');
    const { api } = server(kEmployee, {
      'POST /auth/redeem': () =>
        jsonResponse(404, { error: { code: 'not_found', message: 'no such link' } }),
    });
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.setPassword.resetTitle);
    });
    await type('#new-password', 'long enough password');
    await type('#repeat-password', 'long enough password');
    await submit();
    await settle(() => {
      expect(container.querySelector('[role="alert"]')?.textContent).toBe(
        en.setPassword.linkInvalid,
      );
    });
    expect(location.pathname).toBe('/reset/used-already');
  });

  it('opens the knowledge base for kb.read and kb.write, and refuses the review queue', async () => {
    history.replaceState(null, '', '/knowledge');
    const { api, session } = server([...kEmployee, 'kb.read', 'kb.write'], {
      'GET /categories': () => jsonResponse(200, { categories: [] }),
      'GET /articles': () => jsonResponse(200, { articles: [] }),
    });
    session.signedIn = true;
    await act(() => {
      render(<App api={api} messages={en} />, container);
    });
    await settle(() => {
      expect(h1()).toBe(en.knowledge.home.title);
    });
    expect(document.title).toBe('Knowledge base · Rapport');
    expect(navLabels()).toEqual(
      expect.arrayContaining(['Knowledge base', 'Stale articles', 'Article feedback']),
    );
    expect(navLabels()).not.toContain('Review queue');
    expect(
      container.querySelector('nav[aria-label="Primary"] [aria-current="page"]')?.textContent,
    ).toBe('Knowledge base');

    history.pushState(null, '', '/knowledge/review');
    await act(() => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await settle(() => {
      expect(h1()).toBe(en.forbidden.title);
    });
    expect(container.textContent).toContain('kb.publish');
  });
});
