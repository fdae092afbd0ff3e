// End-to-end tests of sign-in, the people directory, the org chart, the import wizard and
// API tokens against a real server with the demo organisation (`rapport demo`), in Debian's
// Chromium:
//
//   RAPPORT_BASE_URL=http://127.0.0.1:8080 RAPPORT_E2E_CREDENTIALS=creds.json \
//     node --test e2e/directory.test.mjs
//
// RAPPORT_E2E_CREDENTIALS names the JSON file `rapport demo --credentials-file` wrote:
// {"owner": {"email", "password"}, "hr": {...}, "manager": {...}, "employee": {...}}.
// Without it (the static server of `npm run test:e2e` alone) every test here is skipped.
//
// The tests change nothing lasting in the directory: the import is only checked (dry run)
// and never forced, and the API token made here is revoked again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { request } from 'playwright-core';
import { assertNoProblems, settled, setUpSignedInSuite } from './harness.mjs';

const suite = setUpSignedInSuite('directory');
const { credentials, skip, url } = suite;

/** @param {keyof import('./harness.mjs').Credentials} role */
function account(role) {
  assert.ok(credentials !== undefined);
  return credentials[role];
}

/**
 * A page signed in as `role`.
 * @param {keyof import('./harness.mjs').Credentials} role
 * @param {(url: string, status: number) => boolean} [allow] HTTP errors the test expects
 */
function openAs(role, allow) {
  return suite.openAs(account(role), allow);
}

/**
 * GET an API path with the page's session; returns status and parsed JSON (if any).
 * @param {import('playwright-core').Page} page
 * @param {string} path
 */
async function apiGet(page, path) {
  const response = await page.request.get(url(`/api/v1${path}`));
  const text = await response.text();
  /** @type {unknown} */
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status(), body };
}

/**
 * The directory as CSV lines for a test file. People are new (E2E- ids) so nothing in the
 * demo is touched by the rows themselves; the file as a whole, though, would deactivate
 * everyone else, which the safety stop must catch.
 * @param {string[]} rows
 */
function csv(rows) {
  return [
    'employee_id,name,email,job_title,department,team,manager_employee_id,hire_date,location,employment_type',
    ...rows,
    '',
  ].join('\r\n');
}

describe('directory and access', { skip }, () => {
  test('a wrong password is refused with a message, then the right one signs in', async () => {
    const { context, page, problems } = await suite.open({}, (where, status) => {
      const path = new URL(where).pathname;
      return status === 401 && (path === '/api/v1/me' || path === '/api/v1/auth/login');
    });
    const employee = account('employee');
    await page.goto(url('/people'));
    await page.waitForURL(url('/sign-in?next=%2Fpeople'));

    await page.getByLabel('E-mail address').fill(employee.email);
    await page.getByLabel('Password', { exact: true }).fill(`${employee.password}-wrong`);
    const submit = page.getByRole('button', { name: 'Sign in' });
    await submit.click();
    const alert = page.getByRole('alert').filter({ hasText: 'not correct' });
    await alert.waitFor();
    // The same words for an unknown e-mail: nothing tells whether the account exists.
    assert.equal(
      (await alert.innerText()).trim(),
      'The e-mail address or the password is not correct. Check both and try again.',
    );
    assert.equal(page.url(), url('/sign-in?next=%2Fpeople'), 'still on the sign-in page');

    await page.getByLabel('Password', { exact: true }).fill(employee.password);
    await submit.click();
    await page.waitForURL(url('/people'));
    await page.locator('main h1', { hasText: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('an employee sees no import or administration, and gets 403 for them', async () => {
    const { context, page, problems } = await openAs('employee');
    await page.goto(url('/'));
    await settled(page);
    const nav = page.getByRole('navigation', { name: 'Primary' });
    const labels = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    assert.ok(labels.includes('People'), `navigation: ${labels.join(', ')}`);
    assert.ok(labels.includes('Org chart'));
    for (const hidden of ['Import people', 'Users and roles', 'Audit log']) {
      assert.ok(!labels.includes(hidden), `"${hidden}" is not offered to an employee`);
    }

    await page.goto(url('/people/import'));
    await page.locator('main h1', { hasText: 'Access denied' }).waitFor();
    await page.getByText('You do not have access to this page').waitFor();
    assert.equal(await page.locator('input[type="file"]').count(), 0, 'no import form');

    // The server agrees: the data behind those pages is refused.
    assert.equal((await apiGet(page, '/users')).status, 403);
    assert.equal((await apiGet(page, '/audit')).status, 403);
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('search the directory and open a person', async () => {
    const { context, page, problems } = await openAs('hr');
    await page.goto(url('/people'));
    await settled(page);
    const rows = page.locator('main table tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 20, 'the first page lists many people');
    await page.getByRole('button', { name: 'Load more' }).waitFor();

    // Search for someone on the first page by surname.
    const name = (await rows.nth(3).locator('th a').innerText()).trim();
    const surname = name.split(/\s+/).at(-1) ?? name;
    await page.getByRole('searchbox', { name: 'Search people' }).fill(surname);
    await page.waitForURL((u) => u.searchParams.get('q') === surname);
    await settled(page);
    const match = page.locator('main table tbody th a', { hasText: name }).first();
    await match.waitFor();
    const shown = await rows.count();
    assert.ok(shown >= 1 && shown <= 50, `the search narrows the list (${shown} rows)`);
    await suite.screenshot(page, 'directory-search.png');

    await match.click();
    await page.waitForURL(/\/people\/[^/]+$/);
    await page.locator('main h1', { hasText: name }).waitFor();
    await settled(page);
    assert.equal(await page.title(), `${name} · Rapport`);
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    await page.getByRole('heading', { name: 'Reporting line' }).waitFor();
    await page.getByRole('heading', { name: 'Direct reports' }).waitFor();
    // HR sees the sensitive fields.
    await page.getByRole('heading', { name: 'Employment' }).waitFor();
    await page.getByText('Hire date').waitFor();
    await suite.screenshot(page, 'person.png');

    // Back restores the search.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/people' && u.searchParams.get('q') === surname);
    assert.equal(
      await page.getByRole('searchbox', { name: 'Search people' }).inputValue(),
      surname,
    );
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('the org chart expands and is walked with the keyboard', async () => {
    const { context, page, problems } = await openAs('manager');
    await page.goto(url('/org-chart'));
    await settled(page);
    const tree = page.getByRole('tree', { name: 'Reporting tree' });
    await tree.waitFor();
    const lead = (await page.locator('.page-header__lead').innerText()).trim();
    assert.match(lead, /across [\d,]+ people/);

    const first = tree.getByRole('treeitem').first();
    await first.waitFor();
    assert.equal(await tree.locator('[role="treeitem"][tabindex="0"]').count(), 1, 'one tab stop');
    // A single top person opens by itself; otherwise open the first with the keyboard.
    const levelTwo = tree.locator('[role="treeitem"][aria-level="2"]');
    await first.focus();
    try {
      await levelTwo.first().waitFor({ timeout: 5_000 });
    } catch {
      await page.keyboard.press('ArrowRight');
      await levelTwo.first().waitFor();
    }
    assert.equal(await first.getAttribute('aria-expanded'), 'true', 'the top is open');
    await settled(page);

    // Down to the first person below the top who has reports of their own.
    const focused = tree.locator('[role="treeitem"]:focus');
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('ArrowDown');
      if ((await focused.getAttribute('aria-expanded')) === 'false') break;
    }
    assert.equal(await focused.getAttribute('aria-level'), '2');
    assert.equal(await focused.getAttribute('aria-expanded'), 'false');
    const headId = await focused.getAttribute('data-tree-id');
    const head = tree.locator(`[data-tree-id="${headId}"]`);
    const levelThree = tree.locator('[role="treeitem"][aria-level="3"]');
    assert.equal(await levelThree.count(), 0);

    await page.keyboard.press('ArrowRight');
    await levelThree.first().waitFor();
    assert.equal(await head.getAttribute('aria-expanded'), 'true');
    await settled(page);
    assert.ok((await levelThree.count()) >= 1, 'their reports are shown');
    await suite.screenshot(page, 'org-chart.png');

    await page.keyboard.press('ArrowRight');
    assert.equal(await focused.getAttribute('aria-level'), '3', 'Right moves into the reports');
    const reportName = (await focused.locator('.tree__name').first().innerText()).trim();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused.getAttribute('data-tree-id'), headId, 'Left goes back up');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await head.getAttribute('aria-expanded'), 'false', 'Left closes');
    assert.equal(await levelThree.count(), 0);

    await page.keyboard.press('ArrowRight');
    await levelThree.first().waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/people\/[^/]+$/);
    await page.locator('main h1', { hasText: reportName }).waitFor();
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('the import wizard shows row errors, and the safety stop without applying', async () => {
    // A refused run is not an error of the page.
    const { context, page, problems } = await openAs('owner');
    const before = await apiGet(page, '/org-chart');
    assert.equal(before.status, 200);
    const total = /** @type {{ total: number }} */ (before.body).total;
    assert.ok(total > 500, `the demo directory is loaded (${total} people)`);

    await page.goto(url('/people/import'));
    await settled(page);
    const fileInput = page.getByLabel('CSV file', { exact: true });
    const check = page.getByRole('button', { name: 'Check the file' });
    const apply = page.getByRole('button', { name: 'Import', exact: true });
    const stepHeading = page.locator('#import-step-heading');

    // 1. A file with a bad date on its second row (line 3, counting the header).
    await fileInput.setInputFiles({
      name: 'e2e-with-error.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        csv([
          'E2E-0001,Erin Example,erin.e2e@example.com,Tester,E2E Department,E2E Team,,2024-02-01,Remote,full_time',
          'E2E-0002,Evan Example,evan.e2e@example.com,Tester,E2E Department,E2E Team,E2E-0001,2024-13-45,Remote,full_time',
        ]),
      ),
    });
    await check.click();
    await stepHeading.filter({ hasText: 'Check the changes' }).waitFor();
    const errors = page.locator('table.table--errors tbody tr');
    await errors.first().waitFor();
    const errorCells = await errors.first().locator('td').allInnerTexts();
    assert.equal(errorCells[0]?.trim(), '3', `the error is on line 3: ${errorCells.join(' | ')}`);
    assert.match(errorCells[1] ?? '', /hire_date/);
    assert.ok((errorCells[2] ?? '').trim().length > 0, 'the error says what is wrong');
    assert.equal(await apply.isDisabled(), true, 'a file with errors cannot be imported');
    await page
      .getByText('The file has errors, so it cannot be imported', { exact: false })
      .waitFor();
    await suite.screenshot(page, 'import-errors.png');

    // 2. A valid file, which as the whole directory would deactivate almost everyone.
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await stepHeading.filter({ hasText: 'Choose a CSV file' }).waitFor();
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'e2e-small.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        csv([
          'E2E-0001,Erin Example,erin.e2e@example.com,Tester,E2E Department,E2E Team,,2024-02-01,Remote,full_time',
          'E2E-0002,Evan Example,evan.e2e@example.com,Tester,E2E Department,E2E Team,E2E-0001,2024-03-01,Remote,full_time',
        ]),
      ),
    });
    await check.click();
    await stepHeading.filter({ hasText: 'Check the changes' }).waitFor();
    const warning = page.getByRole('heading', { name: 'This import would deactivate many people' });
    await warning.waitFor();
    const deactivated = page.locator('.stats__item[data-kind="deactivations"] dd');
    const count = Number((await deactivated.innerText()).replace(/\D/g, ''));
    assert.ok(count > total * 0.4, `most people would be deactivated (${count} of ${total})`);
    assert.equal(
      (await page.locator('.stats__item[data-kind="creates"] dd').innerText()).trim(),
      '2',
    );
    const force = page.getByRole('checkbox', { name: /this file is the whole directory/ });
    assert.equal(await force.isChecked(), false, 'force starts unticked');
    assert.equal(await apply.isDisabled(), true, 'the safety stop blocks the import');
    await suite.screenshot(page, 'import-safety-stop.png');

    // Nothing was applied: the new people do not exist and nobody was deactivated.
    const search = await apiGet(page, '/people?q=E2E-000&include_inactive=true');
    assert.equal(search.status, 200);
    assert.deepEqual(/** @type {{ people: unknown[] }} */ (search.body).people, []);
    const afterwards = await apiGet(page, '/org-chart');
    assert.equal(/** @type {{ total: number }} */ (afterwards.body).total, total);
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('an API token is created, its secret shown once, then revoked', async () => {
    const { context, page, problems } = await openAs('owner');
    await page.goto(url('/settings/tokens'));
    await settled(page);
    const name = `e2e token ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    const read = page.getByRole('checkbox', { name: 'directory:read' });
    if (!(await read.isChecked())) await read.check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const secretField = page.getByLabel('Token', { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    assert.match(secret, /^rpt_\S{16,}$/, 'the secret is shown');
    await page.getByRole('heading', { name: `Your new token “${name}”` }).waitFor();
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    const row = page.locator('main table tbody tr', { hasText: name });
    await row.waitFor();
    assert.match(await row.innerText(), /directory:read/);
    await suite.screenshot(page, 'token-secret.png');

    // The secret works as a bearer token (from a client without the session cookie).
    const integration = await request.newContext();
    const viaToken = await integration.get(url('/api/v1/people?limit=1'), {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(viaToken.status(), 200);

    // Dismissed or reloaded, it is gone for good.
    await page.getByRole('button', { name: 'I have copied it' }).click();
    assert.equal(await secretField.count(), 0);
    await page.reload();
    await settled(page);
    await page.locator('main table tbody tr', { hasText: name }).waitFor();
    assert.ok(!(await page.content()).includes(secret), 'the secret is never shown again');

    // Revoking asks first.
    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await page.getByText(`Revoke “${name}”?`).waitFor();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.locator('main table tbody tr', { hasText: name }).getByText('Revoked').waitFor();
    const revoked = await integration.get(url('/api/v1/people?limit=1'), {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(revoked.status(), 401, 'a revoked token no longer works');
    await integration.dispose();
    await assertNoProblems(page, problems);
    await context.close();
  });

  test('signing out ends the session', async () => {
    const { context, page, problems } = await openAs('manager');
    await page.goto(url('/people'));
    await settled(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(url('/sign-in'));
    await page.getByText('You have signed out.').waitFor();
    assert.equal((await apiGet(page, '/me')).status, 401, 'the server ended the session');

    await page.goto(url('/people'));
    await page.waitForURL(url('/sign-in?next=%2Fpeople'));
    await page.locator('main h1', { hasText: 'Sign in' }).waitFor();
    await assertNoProblems(page, problems);
    await context.close();
  });
});
