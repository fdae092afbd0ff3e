// End-to-end tests of the knowledge base against a real server with the demo organisation
// (`rapport demo`), in Debian's Chromium:
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 RAPPORT_E2E_CREDENTIALS=creds.json \
//     node --test e2e/knowledge.test.mjs
//
// RAPPORT_E2E_CREDENTIALS names the JSON file `rapport demo --credentials-file` wrote:
// {"owner": {"email", "password", "role", "person_id"}, "hr": {...}, "manager": {...},
// "employee": {...}, and any further accounts}. The article is written by the account with the
// role knowledge_editor when the file has one (else by the employee: every role may write
// drafts) and approved by the owner, because with `allow_self_approval` off the author of a
// revision may not approve it. Without the file (the static server of `npm run test:e2e` alone)
// every test here is skipped.
//
// The article made here is deleted again at the end.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertNoProblems,
  kExpectedSignedOut,
  launchChromium,
  loadCredentials,
  openPage,
  signIn,
  startTarget,
} from './harness.mjs';

const credentials = loadCredentials();
const skip = credentials === undefined ? 'needs RAPPORT_E2E_CREDENTIALS (a demo server)' : false;

/** @type {string} */
let baseUrl;
/** @type {string} */
let artifacts;
/** @type {{ close: () => Promise<void> } | undefined} */
let target;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

/** @param {string} path */
const url = (path) => `${baseUrl}${path}`;

/**
 * @typedef {{ email: string, password: string, role?: string }} Account
 */

/** Every account in the credentials file, by its label ("owner", "employee", ...). */
function accounts() {
  assert.ok(credentials !== undefined);
  return /** @type {Record<string, Account>} */ (/** @type {unknown} */ (credentials));
}

/** The knowledge editor of the demo, if it has one. */
function knowledgeEditor() {
  return Object.values(accounts()).find((a) => a.role === 'knowledge_editor');
}

/** Who writes the article: the knowledge editor, else the employee. */
const author = () => knowledgeEditor() ?? accounts()['employee'];
/** Who approves it: the owner (kb.publish), never the author. */
const approver = () => accounts()['owner'];
/** A reader who gives feedback: someone other than the author. */
function reader() {
  const writer = author();
  const found = ['manager', 'employee', 'hr']
    .map((label) => accounts()[label])
    .find((a) => a !== undefined && a.email !== writer?.email);
  assert.ok(found !== undefined, 'a reader account');
  return found;
}

/**
 * HTTP errors a test causes on purpose: the author's refused approval.
 * @param {string} where
 * @param {number} status
 */
const kRefusedApproval = (where, status) =>
  kExpectedSignedOut(where, status) ||
  ((status === 403 || status === 422) &&
    /\/api\/v1\/articles\/[^/]+\/transitions$/.test(new URL(where).pathname));

/**
 * A page signed in as `account`.
 * @param {Account | undefined} account
 * @param {(url: string, status: number) => boolean} [allow]
 */
async function openAs(account, allow = kExpectedSignedOut) {
  assert.ok(browser !== undefined);
  assert.ok(account !== undefined, 'the demo account exists');
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 } }, allow);
  await signIn(opened.context, baseUrl, account);
  return opened;
}

/** @param {import('playwright-core').Page} page */
async function settled(page) {
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

/**
 * The status badge of the article page.
 * @param {import('playwright-core').Page} page
 */
const statusBadge = (page) => page.locator('.kb-heading-meta .kb-status');

/** Filled in by the tests, in order: the article they work on. */
const article = { id: '', title: `E2E article ${Date.now()}` };

before(async () => {
  if (skip !== false) return;
  const started = await startTarget();
  target = started;
  baseUrl = started.baseUrl;
  const dir = process.env['RAPPORT_E2E_ARTIFACTS'];
  if (dir === undefined || dir === '') {
    artifacts = await mkdtemp(join(tmpdir(), 'rapport-e2e-knowledge-'));
  } else {
    artifacts = dir;
    await mkdir(artifacts, { recursive: true });
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await target?.close();
});

// The tests run in order: each works on the article the one before left.
describe('knowledge base', { skip }, () => {
  test('the knowledge home searches, and an article opens', async () => {
    const { context, page, problems } = await openAs(author());
    await page.goto(url('/knowledge'));
    await settled(page);
    assert.equal((await page.locator('main h1').innerText()).trim(), 'Knowledge base');
    assert.equal(await page.title(), 'Knowledge base · Rapport');
    const help = page.getByRole('link', { name: 'Open help center' });
    assert.equal(await help.getAttribute('href'), '/help');
    await page.getByRole('button', { name: 'All categories' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'knowledge-home.png'), fullPage: true });

    // The demo's articles, when it has some: open the first, then search for its title.
    const first = page.locator('.kb-item__title a').first();
    if ((await first.count()) > 0) {
      const title = (await first.innerText()).trim();
      await first.click();
      await page.waitForURL(/\/knowledge\/articles\/[^/?]+/);
      await page.locator('main h1', { hasText: title }).waitFor();
      await settled(page);
      assert.equal(await page.title(), `${title} · Rapport`);
      assert.ok((await page.locator('.kb-article__body').innerText()).trim().length > 0);
      await page.screenshot({ path: join(artifacts, 'knowledge-article.png'), fullPage: true });

      await page.goBack();
      await page.waitForURL(url('/knowledge'));
      const word = title.split(/\s+/).find((w) => w.length >= 4) ?? title;
      await page.getByRole('searchbox', { name: 'Search articles' }).fill(word);
      await page.waitForURL((u) => u.searchParams.get('q') === word);
      await settled(page);
      await page.locator('.kb-item__title a', { hasText: title }).first().waitFor();
    }
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('a writer drafts with a live preview and submits it for review', async () => {
    const { context, page, problems } = await openAs(author(), kRefusedApproval);
    await page.goto(url('/knowledge'));
    await settled(page);
    await page.getByRole('link', { name: 'New article' }).click();
    await page.waitForURL(url('/knowledge/new'));
    await page.locator('main h1', { hasText: 'New article' }).waitFor();
    await settled(page);

    await page.getByLabel('Title', { exact: true }).fill(article.title);
    await page.getByLabel('Summary', { exact: true }).fill('Written by the end-to-end test.');
    await page.getByLabel('Tags', { exact: true }).fill('e2e, testing');
    const body = page.getByLabel('Body', { exact: true });
    await body.fill(
      [
        '## Steps',
        '',
        '1. **Open** the form',
        '2. Send it',
        '',
        '| Field | Value |',
        '| --- | --- |',
        '| Amount | 12 |',
        '',
        '<script>window.e2eInjected = true</script>',
        '[bad](javascript:alert(1))',
      ].join('\n'),
    );
    // The preview follows once typing pauses; it is the server's safe rendering.
    const preview = page.locator('.kb-md__output');
    await preview.locator('h2', { hasText: 'Steps' }).waitFor();
    await preview.locator('strong', { hasText: 'Open' }).waitFor();
    await preview.locator('table td', { hasText: '12' }).waitFor();
    assert.equal(await preview.locator('script').count(), 0, 'raw HTML is not rendered');
    assert.equal(
      await preview.locator('a[href^="javascript:"]').count(),
      0,
      'javascript: links are dropped',
    );
    assert.equal(
      await page.evaluate(() => 'e2eInjected' in window),
      false,
      'nothing in the body ran',
    );
    // Typing more updates it again.
    await body.press('Control+End');
    await body.pressSequentially('\n\nThe end.');
    await preview.getByText('The end.').waitFor();
    await page.screenshot({ path: join(artifacts, 'knowledge-editor.png'), fullPage: true });

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/knowledge\/articles\/[^/?]+\?view=head$/);
    const match = /\/knowledge\/articles\/([^/?]+)/.exec(page.url());
    assert.ok(match?.[1] !== undefined);
    article.id = decodeURIComponent(match[1]);
    await page.locator('main h1', { hasText: article.title }).waitFor();
    await settled(page);
    assert.equal((await statusBadge(page).innerText()).trim(), 'Draft');
    await page.getByText('This is a draft').waitFor();
    await page.locator('.kb-article__body h2', { hasText: 'Steps' }).waitFor();

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('status').filter({ hasText: 'was submitted for review' }).waitFor();
    assert.equal((await statusBadge(page).innerText()).trim(), 'In review');

    // With self-approval off, the author cannot approve their own revision: either the
    // button is not offered, or the server refuses it and the page says why.
    const settings = await page.request.get(url('/api/v1/kb/settings'));
    assert.equal(settings.status(), 200);
    const { allow_self_approval: selfApproval } = /** @type {{ allow_self_approval: boolean }} */ (
      await settings.json()
    );
    const approve = page.getByRole('button', { name: 'Approve and publish' });
    if (!selfApproval && (await approve.count()) > 0) {
      await approve.click();
      await page.locator('[role="alert"] .alert--error').waitFor();
      await page.reload();
      await settled(page);
      assert.equal((await statusBadge(page).innerText()).trim(), 'In review');
    }
    await page.screenshot({ path: join(artifacts, 'knowledge-in-review.png'), fullPage: true });
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('another editor approves it from the review queue', async () => {
    assert.ok(article.id !== '', 'the previous test made the article');
    const { context, page, problems } = await openAs(approver());
    await page.goto(url('/knowledge/review'));
    await settled(page);
    const item = page.locator('.kb-item', { hasText: article.title });
    await item.waitFor();
    await page.screenshot({ path: join(artifacts, 'knowledge-review.png'), fullPage: true });
    await page.getByRole('button', { name: `Approve and publish “${article.title}”` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${article.title}” is published.` })
      .waitFor();
    assert.equal(await item.count(), 0, 'it left the queue');

    await page.goto(url(`/knowledge/articles/${encodeURIComponent(article.id)}`));
    await page.locator('main h1', { hasText: article.title }).waitFor();
    await settled(page);
    assert.equal((await statusBadge(page).innerText()).trim(), 'Published');
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('a reader says it did not help, and the author resolves the feedback', async () => {
    assert.ok(article.id !== '', 'the first tests made the article');
    const comment = `Please add the deadline (${String(Date.now())}).`;
    {
      const { context, page, problems } = await openAs(reader());
      await page.goto(url(`/knowledge/articles/${encodeURIComponent(article.id)}`));
      await page.locator('main h1', { hasText: article.title }).waitFor();
      await settled(page);
      await page.getByRole('heading', { name: 'Was this article helpful?' }).waitFor();
      await page.getByRole('button', { name: 'No', exact: true }).click();
      await page.getByRole('radio', { name: 'Something is missing' }).check();
      await page.getByLabel('Anything else we should know? (optional)').fill(comment);
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByText('Thank you for your feedback.').waitFor();
      await assertNoProblems(page, problems);
      await context.close();
    }
    const { context, page, problems } = await openAs(author());
    await page.goto(url('/knowledge/feedback'));
    await settled(page);
    const item = page.locator('.kb-item', { hasText: comment });
    await item.waitFor();
    assert.match(await item.innerText(), /Something is missing/);
    await page.screenshot({ path: join(artifacts, 'knowledge-feedback.png'), fullPage: true });
    await item.getByRole('button', { name: `Resolve feedback on “${article.title}”` }).click();
    await page.getByRole('status').filter({ hasText: 'is resolved' }).waitFor();
    assert.equal(await item.count(), 0, 'resolved feedback leaves the open list');
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('the article is deleted again, after confirmation', async () => {
    assert.ok(article.id !== '');
    const { context, page, problems } = await openAs(approver());
    await page.goto(url(`/knowledge/articles/${encodeURIComponent(article.id)}`));
    await page.locator('main h1', { hasText: article.title }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText(`Delete “${article.title}”`).waitFor();
    await page.getByRole('button', { name: 'Delete article' }).click();
    await page.waitForURL(url('/knowledge'));
    const gone = await page.request.get(url(`/api/v1/articles/${encodeURIComponent(article.id)}`));
    assert.equal(gone.status(), 404);
    await assertNoProblems(page, problems);
    await context.close();
  });
});

describe('help center', { skip }, () => {
  test('/help is the server’s page, without console errors', async () => {
    assert.ok(browser !== undefined);
    const { context, page, problems } = await openPage(browser);
    const response = await page.goto(url('/help'));
    assert.equal(response?.status(), 200);
    assert.match((await response?.allHeaders())?.['content-type'] ?? '', /^text\/html/);
    const h1 = page.locator('h1');
    await h1.first().waitFor();
    assert.ok((await h1.first().innerText()).trim().length > 0, 'the page has a heading');
    assert.equal(await page.locator('#root').count(), 0, 'not the single-page app');
    await page.screenshot({ path: join(artifacts, 'help.png'), fullPage: true });
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('/help is readable with JavaScript disabled', async () => {
    assert.ok(browser !== undefined);
    const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(url('/help'));
    assert.equal(response?.status(), 200);
    const html = (await response?.text()) ?? '';
    assert.match(html, /<h1[\s>]/, 'the heading is in the HTML itself');
    const text = (await page.locator('body').innerText()).trim();
    assert.ok(text.length > 40, `there is text to read: ${text.slice(0, 80)}`);
    assert.ok(await page.locator('h1').first().isVisible(), 'the heading is shown');
    await page.screenshot({ path: join(artifacts, 'help-no-js.png'), fullPage: true });

    // The demo's help center has categories: follow one, then an article, by plain links.
    const category = page.locator('ul.grid h2 a').first();
    if ((await category.count()) > 0) {
      await category.click();
      await page.waitForURL(/\/help\/[^/?]+$/);
      const articleLink = page.locator('ul.results a').first();
      const title = (await articleLink.innerText()).trim();
      await articleLink.click();
      await page.waitForURL(/\/help\/[^/]+\/[^/?]+$/);
      await page.locator('h1', { hasText: title }).waitFor();
      const body = (await page.locator('article.body').innerText()).trim();
      assert.ok(body.length > 20, 'the article is readable without JavaScript');
      await page.screenshot({ path: join(artifacts, 'help-article-no-js.png'), fullPage: true });

      // "Was this helpful?" works as a plain form.
      await page.getByRole('button', { name: 'No' }).click();
      await page.getByText('Thank you for your feedback.').waitFor();

      // So does search: the form submits to /help?q=.
      await page.getByLabel('Search the help center').fill(title.split(/\s+/)[0]);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/help\?q=/);
      await page.locator('ul.results a').first().waitFor();
    }
    assert.deepEqual(problems, [], 'console errors, failed requests or HTTP errors');
    await context.close();
  });
});
