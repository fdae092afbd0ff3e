// End-to-end test of the web UI shell in Debian's Chromium, driven by playwright-core.
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 RAPPORT_E2E_CREDENTIALS=creds.json npm run test:e2e
//
// Without RAPPORT_BASE_URL the test serves web/dist itself (e2e/static-server.mjs), which
// knows no accounts: only the signed-out tests run then. With RAPPORT_E2E_CREDENTIALS (the
// file `rapport demo --credentials-file` writes) the signed-in tests run as the demo owner.
// RAPPORT_CHROMIUM overrides the browser (default /usr/bin/chromium);
// RAPPORT_E2E_ARTIFACTS sets the screenshot directory (default: a new temp dir).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertNoProblems,
  launchChromium,
  loadCredentials,
  openPage,
  signIn,
  startTarget,
} from './harness.mjs';

const credentials = loadCredentials();
const signedInOnly = credentials === undefined ? 'needs RAPPORT_E2E_CREDENTIALS' : false;
const staticOnly = credentials === undefined ? false : 'the static server has no accounts';

/** Every primary navigation entry the owner sees, and the <h1> its page must show. */
const kNav = [
  { label: 'People', path: '/people', h1: 'People' },
  { label: 'Org chart', path: '/org-chart', h1: 'Org chart' },
  { label: 'Import people', path: '/people/import', h1: 'Import people' },
  { label: 'Users and roles', path: '/admin/users', h1: 'Users and roles' },
  { label: 'Audit log', path: '/admin/audit', h1: 'Audit log' },
  { label: 'API tokens', path: '/settings/tokens', h1: 'API tokens' },
  { label: 'Knowledge base', path: '/knowledge', h1: 'Knowledge base' },
  { label: 'Review queue', path: '/knowledge/review', h1: 'Review queue' },
  { label: 'Stale articles', path: '/knowledge/stale', h1: 'Stale articles' },
  { label: 'Article feedback', path: '/knowledge/feedback', h1: 'Article feedback' },
  { label: 'Surveys', path: '/surveys', h1: 'Surveys', soon: true },
  { label: 'Customers', path: '/customers', h1: 'Customers', soon: true },
  { label: 'Recognition', path: '/recognition', h1: 'Recognition', soon: true },
  { label: 'Analytics', path: '/analytics', h1: 'Analytics', soon: true },
  { label: 'Settings', path: '/settings', h1: 'Settings', soon: true },
  { label: 'Home', path: '/', h1: 'Welcome to Rapport' },
];

/** @type {string} */
let baseUrl;
/** @type {string} */
let artifacts;
/** @type {{ close: () => Promise<void> } | undefined} */
let target;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  const started = await startTarget();
  target = started;
  baseUrl = started.baseUrl;
  const dir = process.env['RAPPORT_E2E_ARTIFACTS'];
  if (dir === undefined || dir === '') {
    artifacts = await mkdtemp(join(tmpdir(), 'rapport-e2e-'));
  } else {
    artifacts = dir;
    await mkdir(artifacts, { recursive: true });
  }
  browser = await launchChromium();
  console.log(`base URL ${baseUrl}; screenshots in ${artifacts}`);
});

after(async () => {
  await browser.close();
  await target?.close();
});

/** @param {string} path */
const url = (path) => `${baseUrl}${path}`;

/**
 * A page signed in as the demo owner (who sees every navigation entry).
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
async function openOwnerPage(options = {}) {
  assert.ok(credentials !== undefined);
  const opened = await openPage(browser, options);
  await signIn(opened.context, baseUrl, credentials.owner);
  return opened;
}

/**
 * Landmarks and heading structure every page must have.
 * @param {import('playwright-core').Page} page
 * @param {string} h1
 * @param {{ nav?: boolean }} [options] nav: the primary navigation is there (signed in)
 */
async function assertPageShape(page, h1, { nav = true } = {}) {
  await page.locator('main h1').filter({ hasText: h1 }).waitFor();
  assert.equal(await page.getByRole('main').count(), 1, 'one main landmark');
  assert.equal(await page.getByRole('banner').count(), 1, 'one banner landmark');
  assert.equal(
    await page.getByRole('navigation', { name: 'Primary', includeHidden: true }).count(),
    nav ? 1 : 0,
    nav ? 'primary nav' : 'no primary nav before signing in',
  );
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
  assert.equal((await page.locator('h1').innerText()).trim(), h1);
}

test('a signed-out visitor gets the sign-in page, with the server status', async () => {
  const { context, page, problems } = await openPage(browser, {
    viewport: { width: 1280, height: 860 },
  });
  const response = await page.goto(url('/'));
  assert.equal(response?.status(), 200);
  const csp = (await response.allHeaders())['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/, 'the page is served with a strict CSP');

  await page.waitForURL(url('/sign-in'));
  await assertPageShape(page, 'Sign in', { nav: false });
  assert.equal(await page.title(), 'Sign in · Rapport');
  await page.getByLabel('E-mail address').waitFor();
  await page.getByLabel('Password', { exact: true }).waitFor();
  const status = page.locator('.health-line[data-state="ok"]');
  await status.waitFor();
  assert.match(await status.innerText(), /^Server operational · version \S+/);

  await page.screenshot({ path: join(artifacts, 'sign-in.png'), fullPage: true });
  await assertNoProblems(page, problems);
  await context.close();
});

test('deep links lead to sign-in and remember the page', async () => {
  const { context, page, problems } = await openPage(browser);
  for (const path of ['/people/01HZZZZZZZZZZZZZZZZZZZZZZZ', '/settings/tokens', '/no-such-page']) {
    const response = await page.goto(url(path));
    assert.equal(response?.status(), 200, `${path} is served`);
    await page.waitForURL(url(`/sign-in?next=${encodeURIComponent(path)}`));
    await assertPageShape(page, 'Sign in', { nav: false });
  }
  await assertNoProblems(page, problems);
  await context.close();
});

test(
  'a wrong password is announced without saying whether the e-mail exists',
  {
    skip: staticOnly,
  },
  async () => {
    // Against a real server, directory.test.mjs covers this (failed sign-ins are rate limited).
    const { context, page, problems } = await openPage(
      browser,
      {},
      (where, status) =>
        status === 401 && ['/api/v1/me', '/api/v1/auth/login'].includes(new URL(where).pathname),
    );
    await page.goto(url('/sign-in'));
    await page.getByLabel('E-mail address').fill('nobody@example.com');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not correct' });
    await alert.waitFor();
    assert.equal(
      (await alert.innerText()).trim(),
      'The e-mail address or the password is not correct. Check both and try again.',
    );
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
    await assertNoProblems(page, problems);
    await context.close();
  },
);

test('the skip link is the first stop and moves focus to main', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(url('/sign-in'));
  await assertPageShape(page, 'Sign in', { nav: false });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'sign-in-email',
    'the e-mail field comes next',
  );
  await assertNoProblems(page, problems);
  await context.close();
});

test('the sign-in page fits a phone and the dark scheme', async () => {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    const { context, page, problems } = await openPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      colorScheme,
    });
    await page.goto(url('/sign-in'));
    await assertPageShape(page, 'Sign in', { nav: false });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
    await page.screenshot({ path: join(artifacts, `sign-in-mobile-${colorScheme}.png`) });
    await assertNoProblems(page, problems);
    await context.close();
  }
});

test(
  'signed in, the home page shows the server status and version',
  {
    skip: signedInOnly,
  },
  async () => {
    const { context, page, problems } = await openOwnerPage({
      viewport: { width: 1280, height: 860 },
    });
    await page.goto(url('/'));
    await assertPageShape(page, 'Welcome to Rapport');
    const status = page.locator('[role="status"][data-state="ok"]');
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), 'Operational');
    const version = (await page.locator('.health__version').innerText()).trim();
    assert.ok(version.length > 0, 'a version is shown');
    assert.equal(await page.title(), 'Rapport');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });
    await assertNoProblems(page, problems);
    await context.close();
  },
);

test('every navigation item routes on the client', { skip: signedInOnly }, async () => {
  const { context, page, problems } = await openOwnerPage({
    viewport: { width: 1280, height: 860 },
  });
  await page.goto(url('/'));
  await assertPageShape(page, 'Welcome to Rapport');
  // A full page load would drop this marker; client-side routing keeps it.
  await page.evaluate(() => {
    document.documentElement.dataset['e2eMarker'] = 'still-here';
  });
  const nav = page.getByRole('navigation', { name: 'Primary' });
  for (const item of kNav) {
    await nav.getByRole('link', { name: item.label, exact: true }).click();
    await page.waitForURL(url(item.path));
    await assertPageShape(page, item.h1);
    const current = nav.locator('[aria-current="page"]');
    assert.equal((await current.innerText()).trim(), item.label, 'the active item is marked');
    assert.equal(
      await page.evaluate(() => document.documentElement.dataset['e2eMarker']),
      'still-here',
      `${item.path} was reached without a page load`,
    );
    if (item.path !== '/') assert.equal(await page.title(), `${item.label} · Rapport`);
    if (item.soon === true) {
      await page.getByText('Not yet available', { exact: true }).first().waitFor();
    }
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    await page.screenshot({
      path: join(artifacts, `nav-${item.path.replace(/\W+/g, '_')}.png`),
      fullPage: true,
    });
  }
  await page.goBack();
  await page.waitForURL(url('/settings'));
  await assertPageShape(page, 'Settings');
  await assertNoProblems(page, problems);
  await context.close();
});

test(
  'signed in, deep links load directly (server-side SPA fallback)',
  {
    skip: signedInOnly,
  },
  async () => {
    const { context, page, problems } = await openOwnerPage();
    for (const item of kNav) {
      const response = await page.goto(url(item.path));
      assert.equal(response?.status(), 200, `${item.path} is served`);
      await assertPageShape(page, item.h1);
    }
    await assertNoProblems(page, problems);

    const response = await page.goto(url('/no-such-page'));
    assert.equal(response?.status(), 200);
    await assertPageShape(page, 'Page not found');
    await context.close();
  },
);

test(
  'on a phone the menu button opens and closes the navigation',
  {
    skip: signedInOnly,
  },
  async () => {
    const { context, page, problems } = await openOwnerPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(url('/'));
    await assertPageShape(page, 'Welcome to Rapport');
    await page.locator('[role="status"][data-state="ok"]').waitFor();
    await page.screenshot({ path: join(artifacts, 'home-mobile.png'), fullPage: true });

    const nav = page.getByRole('navigation', { name: 'Primary' });
    const menu = page.getByRole('button', { name: 'Open menu' });
    assert.equal(await nav.isVisible(), false, 'navigation starts collapsed');
    await menu.click();
    assert.equal(await nav.isVisible(), true, 'the menu button reveals the navigation');
    assert.equal(await page.locator('.menu-button').getAttribute('aria-expanded'), 'true');
    await page.screenshot({ path: join(artifacts, 'menu-mobile.png') });

    await nav.getByRole('link', { name: 'People', exact: true }).click();
    await page.waitForURL(url('/people'));
    await assertPageShape(page, 'People');
    assert.equal(await nav.isVisible(), false, 'navigating closes the menu');
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    await page.screenshot({ path: join(artifacts, 'people-mobile.png'), fullPage: true });
    await assertNoProblems(page, problems);
    await context.close();
  },
);

test('dark colour scheme renders', { skip: signedInOnly }, async () => {
  const { context, page, problems } = await openOwnerPage({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'dark',
  });
  await page.goto(url('/'));
  await page.locator('[role="status"][data-state="ok"]').waitFor();
  await page.screenshot({ path: join(artifacts, 'home-dark.png'), fullPage: true });
  await page.goto(url('/people'));
  await page.locator('table tbody tr').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'people-dark.png'), fullPage: true });
  await assertNoProblems(page, problems);
  await context.close();
});
