// Automated accessibility checks: axe-core's WCAG 2.1 A and AA rules, in the light and the
// dark colour scheme, on
// - the public pages: sign-in (also showing an error, against the static server), the
//   invitation page;
// - signed in as the demo owner (needs RAPPORT_E2E_CREDENTIALS): every page linked from the
//   primary navigation, the not-found page, a person page, the org chart opened a level,
//   the import wizard's preview (row errors and the safety-stop warning) and the open phone
//   menu.
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 RAPPORT_E2E_CREDENTIALS=creds.json npm run test:e2e
//
// The server's CSP forbids inline script, so axe is injected into contexts
// created with `bypassCSP: true`. These contexts exist only for axe: the CSP
// checks live in app.test.mjs, whose contexts keep the policy in force.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { kTimeoutMs, launchChromium, loadCredentials, signIn, startTarget } from './harness.mjs';

const kWcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Pages not linked from the navigation that must still be checked. */
const kExtraPaths = ['/no-such-page'];

const credentials = loadCredentials();
const signedInOnly = credentials === undefined ? 'needs RAPPORT_E2E_CREDENTIALS' : false;

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** @type {string} */
let baseUrl;
/** @type {{ close: () => Promise<void> } | undefined} */
let target;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  const started = await startTarget();
  target = started;
  baseUrl = started.baseUrl;
  browser = await launchChromium();
});

after(async () => {
  await browser.close();
  await target?.close();
});

/** @param {string} path */
const url = (path) => `${baseUrl}${path}`;

/**
 * @typedef {{ id: string, impact: string, help: string, targets: string[] }} Violation
 * @typedef {{ passes: number, violations: Violation[] }} AxeSummary
 */

/**
 * Injects axe into the loaded page (once) and runs the WCAG 2.1 A/AA rules on the whole
 * document.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<AxeSummary>}
 */
async function runAxe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(async (tags) => {
    const { axe } = /** @type {{ axe: typeof import('axe-core') }} */ (
      /** @type {unknown} */ (window)
    );
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return {
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(' ')),
      })),
    };
  }, kWcagTags);
}

/**
 * Waits until the routed page shows its <h1> and nothing is still loading.
 * @param {import('playwright-core').Page} page
 */
async function waitForSettledPage(page) {
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

/**
 * @param {string} where
 * @param {AxeSummary} summary
 * @param {string[]} failures collects one line per violation
 */
function collect(where, summary, failures) {
  assert.ok(summary.passes > 0, `axe ran no passing rule on ${where}: was it injected?`);
  for (const v of summary.violations) {
    failures.push(`${where}: ${v.id} (${v.impact}) ${v.help}; targets: ${v.targets.join(', ')}`);
  }
}

/**
 * A context for axe only: CSP bypassed so the script can be injected; signed in as the
 * owner when `signedIn`.
 * @param {'light' | 'dark'} colorScheme
 * @param {{ signedIn: boolean, options?: import('playwright-core').BrowserContextOptions }} how
 */
async function openAxeContext(colorScheme, { signedIn, options }) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    ...options,
    bypassCSP: true,
    colorScheme,
    // No half-finished colour transitions under the contrast check.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(kTimeoutMs);
  if (signedIn) {
    assert.ok(credentials !== undefined);
    await signIn(context, baseUrl, credentials.owner);
  }
  return context;
}

/** A small import file with one bad row; as the whole directory it trips the safety stop. */
const kImportCsv = [
  'employee_id,name,job_title,department,team,hire_date',
  'E2E-A11Y-1,Ally Example,Tester,E2E Department,E2E Team,2024-02-01',
  'E2E-A11Y-2,Axel Example,Tester,E2E Department,E2E Team,2024-02-30',
  '',
].join('\n');

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`the public pages pass axe WCAG 2.1 A/AA checks (${colorScheme})`, async () => {
    const context = await openAxeContext(colorScheme, { signedIn: false });
    const page = await context.newPage();
    /** @type {string[]} */
    const failures = [];

    await page.goto(url('/sign-in'));
    await waitForSettledPage(page);
    await page.locator('.health-line[data-state="ok"]').waitFor();
    collect(`/sign-in [${colorScheme}]`, await runAxe(page), failures);

    if (credentials === undefined) {
      // The static server refuses every sign-in: check the page with its error showing.
      await page.getByLabel('E-mail address').fill('nobody@example.com');
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();
      collect(`/sign-in with an error [${colorScheme}]`, await runAxe(page), failures);
    }

    await page.goto(url('/invite/e2e-not-a-real-link'));
    await waitForSettledPage(page);
    collect(`/invite/… [${colorScheme}]`, await runAxe(page), failures);
    await context.close();
    assert.deepEqual(failures, [], `axe found ${failures.length} WCAG 2.1 A/AA violation(s)`);
  });

  test(
    `every signed-in page passes axe WCAG 2.1 A/AA checks (${colorScheme})`,
    {
      skip: signedInOnly,
    },
    async () => {
      const context = await openAxeContext(colorScheme, { signedIn: true });
      const page = await context.newPage();
      await page.goto(url('/'));
      await waitForSettledPage(page);
      const navPaths = await page
        .getByRole('navigation', { name: 'Primary' })
        .locator('a[href]')
        .evaluateAll((links) =>
          links.map((a) => new URL(/** @type {HTMLAnchorElement} */ (a).href).pathname),
        );
      assert.ok(navPaths.includes('/'), 'the navigation links home');
      for (const path of ['/people', '/org-chart', '/people/import']) {
        assert.ok(navPaths.includes(path), `the owner's navigation links ${path}`);
      }

      /** @type {string[]} */
      const failures = [];
      for (const path of [...new Set(navPaths), ...kExtraPaths]) {
        await page.goto(url(path));
        await waitForSettledPage(page);
        collect(`${path} [${colorScheme}]`, await runAxe(page), failures);
      }

      // A person, reached from the directory.
      await page.goto(url('/people'));
      await waitForSettledPage(page);
      await page.locator('main table tbody th a').first().click();
      await page.waitForURL(/\/people\/[^/]+$/);
      await waitForSettledPage(page);
      await page.getByRole('heading', { name: 'Reporting line' }).waitFor();
      collect(`/people/<id> [${colorScheme}]`, await runAxe(page), failures);

      // The org chart with a second level open.
      await page.goto(url('/org-chart'));
      await waitForSettledPage(page);
      await page.locator('[role="treeitem"][aria-level="2"]').first().waitFor();
      await waitForSettledPage(page);
      collect(`/org-chart expanded [${colorScheme}]`, await runAxe(page), failures);

      // The import wizard's preview: row errors and the safety-stop warning. Only checked.
      await page.goto(url('/people/import'));
      await waitForSettledPage(page);
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({
        name: 'a11y.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(kImportCsv),
      });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.locator('#import-step-heading', { hasText: 'Check the changes' }).waitFor();
      collect(`/people/import preview [${colorScheme}]`, await runAxe(page), failures);

      await context.close();
      assert.deepEqual(failures, [], `axe found ${failures.length} WCAG 2.1 A/AA violation(s)`);
    },
  );

  test(
    `the open phone menu passes axe WCAG 2.1 A/AA checks (${colorScheme})`,
    {
      skip: signedInOnly,
    },
    async () => {
      const context = await openAxeContext(colorScheme, {
        signedIn: true,
        options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      });
      const page = await context.newPage();
      await page.goto(url('/'));
      await waitForSettledPage(page);
      await page.getByRole('button', { name: 'Open menu' }).click();
      await page.getByRole('navigation', { name: 'Primary' }).waitFor();

      /** @type {string[]} */
      const failures = [];
      collect(`/ with menu open [${colorScheme}]`, await runAxe(page), failures);
      await context.close();
      assert.deepEqual(failures, [], `axe found ${failures.length} WCAG 2.1 A/AA violation(s)`);
    },
  );
}
