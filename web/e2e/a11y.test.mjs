// Automated accessibility checks: axe-core's WCAG 2.1 A and AA rules on every
// page reachable from the primary navigation, the not-found page and the open
// phone menu, in the light and the dark colour scheme.
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 npm run test:e2e
//
// The server's CSP forbids inline script, so axe is injected into contexts
// created with `bypassCSP: true`. These contexts exist only for axe: the CSP
// checks live in app.test.mjs, whose contexts keep the policy in force.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { launchChromium, startTarget } from './harness.mjs';

const kTimeoutMs = 15_000;
const kWcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Pages not linked from the navigation that must still be checked. */
const kExtraPaths = ['/no-such-page'];

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
 * Injects axe into the loaded page and runs the WCAG 2.1 A/AA rules on the whole document.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<AxeSummary>}
 */
async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
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
 * A context for axe only: CSP bypassed so the script can be injected.
 * @param {'light' | 'dark'} colorScheme
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
async function openAxeContext(colorScheme, options = { viewport: { width: 1280, height: 860 } }) {
  const context = await browser.newContext({
    ...options,
    bypassCSP: true,
    colorScheme,
    // No half-finished colour transitions under the contrast check.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(kTimeoutMs);
  return context;
}

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`every page passes axe WCAG 2.1 A/AA checks (${colorScheme})`, async () => {
    const context = await openAxeContext(colorScheme);
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
    assert.ok(navPaths.length >= 2, `the navigation lists pages: ${navPaths.join(', ')}`);

    /** @type {string[]} */
    const failures = [];
    for (const path of [...new Set(navPaths), ...kExtraPaths]) {
      await page.goto(url(path));
      await waitForSettledPage(page);
      collect(`${path} [${colorScheme}]`, await runAxe(page), failures);
    }
    await context.close();
    assert.deepEqual(failures, [], `axe found ${failures.length} WCAG 2.1 A/AA violation(s)`);
  });

  test(`the open phone menu passes axe WCAG 2.1 A/AA checks (${colorScheme})`, async () => {
    const context = await openAxeContext(colorScheme, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
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
  });
}
