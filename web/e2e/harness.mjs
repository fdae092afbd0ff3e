// Shared set-up for the browser tests in this folder: which server to test, how to start
// Debian's Chromium (never a downloaded browser), the demo accounts, a page that records
// everything that goes wrong in it, and the hooks of a test file that signs in.
//
// RAPPORT_BASE_URL picks the server (unset: serve web/dist with static-server.mjs);
// RAPPORT_CHROMIUM overrides the browser binary (default /usr/bin/chromium);
// RAPPORT_E2E_CREDENTIALS names the JSON file `rapport demo --credentials-file` wrote
// (unset: the tests that need an account are skipped);
// RAPPORT_E2E_ARTIFACTS sets the screenshot directory (default: a new temp dir).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

export const kTimeoutMs = 15_000;

export const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The server under test: RAPPORT_BASE_URL, or a static server for web/dist
 * started here (`close` stops it; a no-op for an external server).
 * @returns {Promise<{ baseUrl: string, close: () => Promise<void> }>}
 */
export async function startTarget() {
  const fromEnv = process.env['RAPPORT_BASE_URL'];
  if (fromEnv === undefined || fromEnv === '') {
    const root = fileURLToPath(new URL('../dist', import.meta.url));
    const server = await startStaticServer({ root });
    return { baseUrl: server.url, close: () => server.close() };
  }
  return { baseUrl: fromEnv.replace(/\/+$/, ''), close: async () => {} };
}

/** Headless Chromium from RAPPORT_CHROMIUM or /usr/bin/chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env['RAPPORT_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
  });
}

/**
 * @typedef {{ email: string, password: string }} Account
 * @typedef {{ owner: Account, hr: Account, manager: Account, employee: Account }} Credentials
 */

/**
 * The demo accounts from RAPPORT_E2E_CREDENTIALS, or undefined when it is unset (a static
 * server has no accounts).
 * @returns {Credentials | undefined}
 */
export function loadCredentials() {
  const file = process.env['RAPPORT_E2E_CREDENTIALS'];
  if (file === undefined || file === '') return undefined;
  const parsed = /** @type {Credentials} */ (JSON.parse(readFileSync(file, 'utf8')));
  for (const role of /** @type {const} */ (['owner', 'hr', 'manager', 'employee'])) {
    const account = parsed[role];
    assert.ok(
      typeof account?.email === 'string' && typeof account.password === 'string',
      `${file} has no e-mail and password for "${role}"`,
    );
  }
  return parsed;
}

/**
 * Signs the browser context in through the API, as the sign-in form would, so the session
 * cookie is set for every page of the context.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} baseUrl
 * @param {Account} account
 */
export async function signIn(context, baseUrl, account) {
  const response = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
    data: { email: account.email, password: account.password },
  });
  assert.equal(response.status(), 200, `sign-in as ${account.email}: ${await response.text()}`);
}

/**
 * Answers the UI expects and handles itself: GET /api/v1/me says 401 to a signed-out
 * visitor. Other errors count as problems unless a test allows them too.
 * @param {string} url
 * @param {number} status
 */
export const kExpectedSignedOut = (url, status) =>
  status === 401 && new URL(url).pathname === '/api/v1/me';

/**
 * A fresh browser context whose console errors, page errors, failed requests,
 * HTTP errors and CSP violations are collected in `problems`. `allow(url, status)` names
 * HTTP errors that are part of the test (and their console messages).
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 * @param {(url: string, status: number) => boolean} [allow]
 */
export async function openPage(browser, options = {}, allow = kExpectedSignedOut) {
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
    if (message.type() !== 'error') return;
    // Chromium logs every HTTP error response as "Failed to load resource: … status of N".
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    const where = message.location().url;
    if (status !== undefined && where !== '' && allow(where, Number(status))) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Leaving a page cancels what it was still loading; that is not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !allow(response.url(), response.status())) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return { context, page, problems };
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string[]} problems
 */
export async function assertNoProblems(page, problems) {
  const violations = await page.evaluate(
    () =>
      /** @type {{ cspViolations?: string[] }} */ (/** @type {unknown} */ (window)).cspViolations,
  );
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
  assert.deepEqual(problems, [], 'console errors, page errors or failed requests');
}

/**
 * Waits until the page shows its heading and nothing on it is loading any more.
 * @param {import('playwright-core').Page} page
 */
export async function settled(page) {
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

/**
 * The screenshot directory: RAPPORT_E2E_ARTIFACTS (made if missing), else a new temp dir.
 * @param {string} prefix the temp dir's name before its random part
 */
async function artifactsDir(prefix) {
  const dir = process.env['RAPPORT_E2E_ARTIFACTS'];
  if (dir === undefined || dir === '') return mkdtemp(join(tmpdir(), prefix));
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * The set-up of a test file whose tests all sign in as demo accounts. Reads the demo accounts
 * (`credentials`; without them `skip` says why the file's tests must be skipped) and registers
 * the file's `before` and `after` hooks: before its tests they start the server under test,
 * pick the screenshot directory and launch Chromium (nothing when skipped); after them they
 * close both. Call it once, at the top level of the file. `baseUrl`, `artifacts` and `browser`
 * are filled in by the `before` hook: read them in tests only.
 * @param {string} name names the temp screenshot directory (`rapport-e2e-<name>-…`)
 */
export function setUpSignedInSuite(name) {
  const credentials = loadCredentials();
  /** @type {{ close: () => Promise<void> } | undefined} */
  let target;
  const suite = {
    credentials,
    skip: credentials === undefined ? 'needs RAPPORT_E2E_CREDENTIALS (a demo server)' : false,
    baseUrl: '',
    artifacts: '',
    browser: /** @type {import('playwright-core').Browser | undefined} */ (undefined),
    url,
    screenshot,
    open,
    openAs,
  };

  /** @param {string} path */
  function url(path) {
    return `${suite.baseUrl}${path}`;
  }

  /**
   * Saves a screenshot of the whole page in the screenshot directory.
   * @param {import('playwright-core').Page} page
   * @param {string} file
   */
  async function screenshot(page, file) {
    await page.screenshot({ path: join(suite.artifacts, file), fullPage: true });
  }

  /**
   * A fresh page, not signed in (see openPage).
   * @param {import('playwright-core').BrowserContextOptions} [options]
   * @param {(url: string, status: number) => boolean} [allow] HTTP errors the test expects
   */
  function open(options, allow) {
    assert.ok(suite.browser !== undefined);
    return openPage(suite.browser, options, allow);
  }

  /**
   * A page, 1280 by 900, signed in as `account`.
   * @param {Account} account
   * @param {(url: string, status: number) => boolean} [allow] HTTP errors the test expects
   */
  async function openAs(account, allow) {
    const opened = await open({ viewport: { width: 1280, height: 900 } }, allow);
    await signIn(opened.context, suite.baseUrl, account);
    return opened;
  }

  before(async () => {
    if (suite.skip !== false) return;
    const started = await startTarget();
    target = started;
    suite.baseUrl = started.baseUrl;
    suite.artifacts = await artifactsDir(`rapport-e2e-${name}-`);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await target?.close();
  });
  return suite;
}
