// End-to-end test of the web UI in Debian's Chromium, driven by playwright-core.
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 npm run test:e2e
//
// Without RAPPORT_BASE_URL the test serves web/dist itself (e2e/static-server.mjs).
// RAPPORT_CHROMIUM overrides the browser (default /usr/bin/chromium);
// RAPPORT_E2E_ARTIFACTS sets the screenshot directory (default: a new temp dir).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, startTarget } from './harness.mjs';

const kTimeoutMs = 15_000;

/** Every primary navigation entry and the <h1> its page must show. */
const kNav = [
  { label: 'Knowledge', path: '/knowledge', h1: 'Knowledge' },
  { label: 'Surveys', path: '/surveys', h1: 'Surveys' },
  { label: 'Customers', path: '/customers', h1: 'Customers' },
  { label: 'Recognition', path: '/recognition', h1: 'Recognition' },
  { label: 'Analytics', path: '/analytics', h1: 'Analytics' },
  { label: 'Settings', path: '/settings', h1: 'Settings' },
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

/**
 * A fresh browser context whose console errors, page errors, failed requests,
 * HTTP errors and CSP violations are collected in `problems`.
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
async function openPage(options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(kTimeoutMs);
  await context.addInitScript(() => {
    const record = /** @type {{ cspViolations?: string[] }} */ (/** @type {unknown} */ (window));
    record.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      record.cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { context, page, problems };
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string[]} problems
 */
async function assertNoProblems(page, problems) {
  const violations = await page.evaluate(
    () =>
      /** @type {{ cspViolations?: string[] }} */ (/** @type {unknown} */ (window)).cspViolations,
  );
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  assert.deepEqual(problems, [], 'console errors, page errors or failed requests');
}

/**
 * Landmarks and heading structure every page must have.
 * @param {import('playwright-core').Page} page
 * @param {string} h1
 */
async function assertPageShape(page, h1) {
  await page.locator('main h1').filter({ hasText: h1 }).waitFor();
  assert.equal(await page.getByRole('main').count(), 1, 'one main landmark');
  assert.equal(await page.getByRole('banner').count(), 1, 'one banner landmark');
  assert.equal(
    await page.getByRole('navigation', { name: 'Primary', includeHidden: true }).count(),
    1,
    'primary nav',
  );
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
  assert.equal((await page.locator('h1').innerText()).trim(), h1);
}

/** @param {string} path */
const url = (path) => `${baseUrl}${path}`;

test('home page shows the server status and version', async () => {
  const { context, page, problems } = await openPage({ viewport: { width: 1280, height: 860 } });
  const response = await page.goto(url('/'));
  assert.equal(response?.status(), 200);
  const csp = (await response.allHeaders())['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/, 'the page is served with a strict CSP');

  await assertPageShape(page, 'Welcome to Rapport');
  const status = page.locator('[role="status"][data-state="ok"]');
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), 'Operational');
  const version = (await page.locator('.health__version').innerText()).trim();
  assert.ok(version.length > 0, 'a version is shown');
  assert.equal(await page.title(), 'Rapport');

  await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });
  await assertNoProblems(page, problems);
  await context.close();
});

test('every navigation item routes on the client', async () => {
  const { context, page, problems } = await openPage({ viewport: { width: 1280, height: 860 } });
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
    if (item.path !== '/') {
      assert.equal(await page.title(), `${item.label} · Rapport`);
      await page.getByText('Not yet available', { exact: true }).first().waitFor();
    }
    if (item.path === '/knowledge') {
      await page.screenshot({ path: join(artifacts, 'knowledge.png'), fullPage: true });
    }
  }
  await page.goBack();
  await page.waitForURL(url('/settings'));
  await assertPageShape(page, 'Settings');
  await assertNoProblems(page, problems);
  await context.close();
});

test('deep links load directly (server-side SPA fallback)', async () => {
  const { context, page, problems } = await openPage();
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
});

test('the skip link is the first stop and moves focus to main', async () => {
  const { context, page, problems } = await openPage();
  await page.goto(url('/surveys'));
  await assertPageShape(page, 'Surveys');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await assertNoProblems(page, problems);
  await context.close();
});

test('on a phone the menu button opens and closes the navigation', async () => {
  const { context, page, problems } = await openPage({
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

  await nav.getByRole('link', { name: 'Recognition', exact: true }).click();
  await page.waitForURL(url('/recognition'));
  await assertPageShape(page, 'Recognition');
  assert.equal(await nav.isVisible(), false, 'navigating closes the menu');
  await assertNoProblems(page, problems);
  await context.close();
});

test('dark colour scheme renders', async () => {
  const { context, page, problems } = await openPage({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'dark',
  });
  await page.goto(url('/'));
  await page.locator('[role="status"][data-state="ok"]').waitFor();
  await page.screenshot({ path: join(artifacts, 'home-dark.png'), fullPage: true });
  await assertNoProblems(page, problems);
  await context.close();
});
