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
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { assertNoProblems, kExpectedSignedOut, settled, setUpSignedInSuite } from './harness.mjs';

const suite = setUpSignedInSuite('knowledge');
const { credentials, skip, url } = suite;

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
function openAs(account, allow) {
  assert.ok(account !== undefined, 'the demo account exists');
  return suite.openAs(account, allow);
}

/**
 * The status badge of the article page.
 * @param {import('playwright-core').Page} page
 */
const statusBadge = (page) => page.locator('.kb-heading-meta .kb-status');

/** Filled in by the tests, in order: the article they work on. */
const article = { id: '', title: `E2E article ${Date.now()}` };

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
    await suite.screenshot(page, 'knowledge-home.png');

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
      await suite.screenshot(page, 'knowledge-article.png');

      await page.goBack();
      await page.waitForURL(url('/knowledge'));
      const word = title.split(/\s+/).find((w) => w.length >= 4) ?? title;
      await page.getByRole('combobox', { name: 'Search articles' }).fill(word);
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
    // A body's headings sit one level below the article's title: "## Steps" is an <h3>.
    await preview.locator('h3', { hasText: 'Steps' }).waitFor();
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
    await suite.screenshot(page, 'knowledge-editor.png');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/knowledge\/articles\/[^/?]+\?view=head$/);
    const match = /\/knowledge\/articles\/([^/?]+)/.exec(page.url());
    assert.ok(match?.[1] !== undefined);
    article.id = decodeURIComponent(match[1]);
    await page.locator('main h1', { hasText: article.title }).waitFor();
    await settled(page);
    assert.equal((await statusBadge(page).innerText()).trim(), 'Draft');
    await page.getByText('This is a draft').waitFor();
    await page.locator('.kb-article__body h3', { hasText: 'Steps' }).waitFor();

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
    await suite.screenshot(page, 'knowledge-in-review.png');
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
    await suite.screenshot(page, 'knowledge-review.png');
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
    await suite.screenshot(page, 'knowledge-feedback.png');
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

/**
 * A tar archive of `files` (ustar, regular files only): enough for a bundle to upload.
 * @param {Record<string, string>} files path → UTF-8 content
 */
function tar(files) {
  const blocks = [];
  for (const [path, content] of Object.entries(files)) {
    const data = Buffer.from(content, 'utf8');
    const header = Buffer.alloc(512);
    const field = (/** @type {string} */ text, /** @type {number} */ at) => {
      header.write(text, at, 'ascii');
    };
    const octal = (/** @type {number} */ n, /** @type {number} */ width) =>
      `${n.toString(8).padStart(width - 1, '0')}\0`;
    field(path, 0);
    field(octal(0o644, 8), 100);
    field(octal(0, 8), 108);
    field(octal(0, 8), 116);
    field(octal(data.length, 12), 124);
    field(octal(Math.floor(Date.now() / 1000), 12), 136);
    field('        ', 148); // the checksum counts its own field as spaces
    field('0', 156);
    field('ustar\u000000', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    field(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * The signed-in session's CSRF token, for a request made outside the app.
 * @param {import('playwright-core').Page} page
 */
async function csrfToken(page) {
  const me = await page.request.get(url('/api/v1/me'));
  assert.equal(me.status(), 200);
  return /** @type {{ csrf_token: string }} */ (await me.json()).csrf_token;
}

/**
 * The import page's refused dry run of a bundle with an error answers 422 on purpose.
 * @param {string} where
 * @param {number} status
 */
const kRefusedBundle = (where, status) =>
  kExpectedSignedOut(where, status) ||
  (status === 422 && new URL(where).pathname === '/api/v1/kb/import');

describe('knowledge import and export', { skip }, () => {
  test('an editor checks a bundle, sees its errors, imports a good one and downloads the lot', async () => {
    const editor = knowledgeEditor();
    assert.ok(editor !== undefined, 'the demo has a knowledge editor');
    const { context, page, problems } = await openAs(editor, kRefusedBundle);
    await page.goto(url('/knowledge'));
    await page.getByRole('link', { name: 'Import and export' }).click();
    await page.waitForURL(url('/knowledge/import'));
    await page.locator('main h1', { hasText: 'Import and export' }).waitFor();
    await settled(page);

    // A bundle with one bad file: the dry run names the file and line, and nothing is offered.
    const title = `Imported in the browser ${Date.now()}`;
    const good = `---\ntitle: ${title}\ncategory: E2E imports\n---\n\n## Steps\n\nIt works.\n`;
    const bad = `---\ntitle: Broken\nvisibility: everyone\n---\n\nBody.\n`;
    await page.setInputFiles('#kb-import-file', {
      name: 'bundle.tar',
      mimeType: 'application/x-tar',
      buffer: tar({ 'e2e/good.md': good, 'e2e/bad.md': bad }),
    });
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.locator('#kb-import-step-heading', { hasText: 'Check the import' }).waitFor();
    const errors = page.locator('.import-preview tbody tr');
    await errors.first().waitFor();
    assert.match(await errors.first().innerText(), /e2e\/bad\.md/);
    assert.ok(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled());
    await suite.screenshot(page, 'knowledge-import-errors.png');

    // The good file alone imports; the article is there afterwards.
    await page.getByRole('button', { name: 'Choose another bundle' }).click();
    await page.setInputFiles('#kb-import-file', {
      name: 'bundle.tar',
      mimeType: 'application/x-tar',
      buffer: tar({ 'e2e/good.md': good }),
    });
    await page.getByLabel('Publish the imported articles').check();
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.locator('[data-kind="articles-created"] dd', { hasText: '1' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#kb-import-step-heading', { hasText: 'Import complete' }).waitFor();
    const found = await page.request.get(url(`/api/v1/articles?q=${encodeURIComponent(title)}`));
    assert.equal(found.status(), 200);
    const listed = /** @type {{ articles: { id: string, title: string }[] }} */ (
      await found.json()
    );
    const imported = listed.articles.find((a) => a.title === title);
    assert.ok(imported !== undefined, 'the imported article is listed');

    // The export is a plain download of a zip.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the knowledge base' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'knowledge-base.zip');
    const path = await download.path();
    assert.ok(path !== null, 'the download was saved');
    const zip = await readFile(path);
    assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'a zip file');
    // Named after its file (good.md) in the folder of its category ("E2E imports").
    const entry = Buffer.from('e2e-imports/good.en.md');
    assert.ok(zip.includes(entry), 'the export holds the imported article');

    const removed = await page.request.delete(
      url(`/api/v1/articles/${encodeURIComponent(imported.id)}`),
      { headers: { 'X-CSRF-Token': await csrfToken(page) } },
    );
    assert.equal(removed.status(), 204);
    await assertNoProblems(page, problems);
    await context.close();
  });
});

describe('help center', { skip }, () => {
  test('/help is the server’s page, without console errors', async () => {
    const { context, page, problems } = await suite.open();
    const response = await page.goto(url('/help'));
    assert.equal(response?.status(), 200);
    assert.match((await response?.allHeaders())?.['content-type'] ?? '', /^text\/html/);
    const h1 = page.locator('h1');
    await h1.first().waitFor();
    assert.ok((await h1.first().innerText()).trim().length > 0, 'the page has a heading');
    assert.equal(await page.locator('#root').count(), 0, 'not the single-page app');
    await suite.screenshot(page, 'help.png');
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('/help is readable with JavaScript disabled', async () => {
    const { context, page, problems } = await suite.open({ javaScriptEnabled: false });
    const response = await page.goto(url('/help'));
    assert.equal(response?.status(), 200);
    const html = (await response?.text()) ?? '';
    assert.match(html, /<h1[\s>]/, 'the heading is in the HTML itself');
    const text = (await page.locator('body').innerText()).trim();
    assert.ok(text.length > 40, `there is text to read: ${text.slice(0, 80)}`);
    assert.ok(await page.locator('h1').first().isVisible(), 'the heading is shown');
    await suite.screenshot(page, 'help-no-js.png');

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
      assert.equal(await page.locator('h1').count(), 1, 'the title is the only <h1>');
      await suite.screenshot(page, 'help-article-no-js.png');

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
