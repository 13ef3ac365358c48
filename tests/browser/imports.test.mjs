// End-to-end flow of the CSV import wizard in headless Chromium against a real `tessera serve` and
// a real database file: a file with good and bad rows is checked and refused as a whole (nothing
// is written), a corrected file goes in with a progress bar, and its customers have their card and
// opening credit over the API and in the Customers screen. Run with
// `npm run build && TESSERA_BIN=$PWD/target/debug/tessera node --test tests/browser/imports.test.mjs`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uniqueTag } from './harness.mjs';
import { deskRequest, logIn, openSession, runFlow } from './flows.mjs';

/** @typedef {import('playwright-core').Page} Page */

const TIMEOUT = 90_000;

/** @type {import('./flows.mjs').Session} */
let session;

before(async () => {
  session = await openSession();
});

after(async () => {
  await session?.close();
});

/**
 * Runs one flow (see `runFlow`) in a context that accepts downloads; screenshots take the whole
 * page.
 * @param {string} name
 * @param {(page: Page) => Promise<void>} body
 */
function flow(name, body) {
  return runFlow(session, name, body, {
    context: { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
    timeout: 15_000,
    fullPage: true,
  });
}

/**
 * Puts `csv` into the file input as a file the way a person picks one.
 * @param {Page} page
 * @param {string} name
 * @param {string} csv
 */
async function chooseCsv(page, name, csv) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('chosen-file').filter({ hasText: name }).waitFor();
}

/**
 * The problems the check lists, row by row.
 * @param {Page} page
 * @returns {Promise<{ line: string, column: string, message: string }[]>}
 */
function listedProblems(page) {
  return page.getByTestId('problem-row').evaluateAll((rows) =>
    rows.map((row) => {
      const text = (/** @type {string} */ id) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
      return { line: text('problem-line'), column: text('problem-column'), message: text('problem-message') };
    }),
  );
}

describe('CSV import wizard in a browser', () => {
  it('refuses a file with bad rows as a whole, then imports the corrected file with cards and opening credit', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const serial = `E2E${tag}`.toUpperCase();
    const ada = `ada.${tag}@example.org`;
    const grace = `grace.${tag}@example.org`;
    const alan = `alan.${tag}@example.org`;
    // Line 4: an invalid address; line 5: line 2's address again; line 6: an amount with three places.
    const bad = [
      'E-Mail,Name,Karte,Guthaben',
      `${ada},Ada Import${tag},${serial},12.50`,
      `${grace},Grace Import${tag},,`,
      `not-an-email,Broken Import${tag},,`,
      `${ada},Ada Twice${tag},,`,
      `${alan},Alan Import${tag},,"12,345"`,
    ].join('\r\n');
    const corrected = bad
      .replace('not-an-email', `brook.${tag}@example.org`)
      .replace(`${ada},Ada Twice`, `ada.twice.${tag}@example.org,Ada Twice`)
      .replace('"12,345"', '"7,50"');

    await flow('imports-01-customers', async (page) => {
      await logIn(page, session.server.baseUrl);
      await page.getByTestId('nav-imports').click();
      await page.getByTestId('import-file-step').waitFor();

      // A sample to start from, made in the browser.
      const [sample] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download a sample CSV' }).click(),
      ]);
      assert.equal(sample.suggestedFilename(), 'customers-sample.csv');
      await page.screenshot({ path: path.join(session.shots, 'imports-01-file.png'), fullPage: true });

      // The file with bad rows: its preview, with the columns' fields as the server suggests them.
      await chooseCsv(page, 'kunden.csv', bad);
      await page.getByRole('button', { name: 'Show preview' }).click();
      const mapping = page.getByTestId('import-mapping-step');
      await mapping.waitFor();
      assert.equal(await mapping.getByTestId('preview-row').count(), 5);
      assert.match((await mapping.getByTestId('preview-row').first().textContent()) ?? '', new RegExp(`Ada Import${tag}`));
      /** @param {string} column */
      const fieldOf = (column) => page.getByRole('combobox', { name: `Field for column “${column}”` });
      assert.equal(await fieldOf('E-Mail').inputValue(), 'email');
      assert.equal(await fieldOf('Name').inputValue(), 'full_name');
      assert.equal(await fieldOf('Karte').inputValue(), 'card');
      assert.equal(await fieldOf('Guthaben').inputValue(), 'credit');
      await page.screenshot({ path: path.join(session.shots, 'imports-01-preview.png'), fullPage: true });

      // The check lists the bad rows by line and column, and the import cannot start.
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByTestId('import-check-step').waitFor();
      await page.getByTestId('check-summary').filter({ hasText: '2 of 5 rows are fine.' }).waitFor();
      const problems = await listedProblems(page);
      console.log(`# problems: ${JSON.stringify(problems)}`);
      assert.deepEqual(
        problems.map((p) => [p.line, p.column]),
        [
          ['4', 'E-Mail'],
          ['5', 'E-Mail'],
          ['6', 'Guthaben'],
        ],
      );
      assert.ok(problems.every((p) => p.message !== ''), 'every problem says why');
      assert.ok(await page.getByRole('button', { name: 'Import 2 rows' }).isDisabled(), 'no import while a row fails');
      await page.screenshot({ path: path.join(session.shots, 'imports-01-problems.png'), fullPage: true });

      // The listed problems as a file.
      const [problemsFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the problems (CSV)' }).click(),
      ]);
      assert.equal(problemsFile.suggestedFilename(), 'customers-import-problems.csv');

      // Nothing was written.
      for (const email of [ada, grace, alan]) {
        assert.deepEqual(await session.api.findCustomers(email), [], `no customer ${email} after the check`);
      }

      // The corrected file: the same columns, so the same fields; every row passes.
      await page.getByRole('button', { name: 'Choose another file' }).click();
      await chooseCsv(page, 'kunden-korrigiert.csv', corrected);
      await page.getByRole('button', { name: 'Show preview' }).click();
      await mapping.waitFor();
      assert.equal(await fieldOf('Guthaben').inputValue(), 'credit');
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByTestId('check-summary').filter({ hasText: '5 of 5 rows are fine.' }).waitFor();

      // The import, with its progress bar, to the end.
      await page.getByRole('button', { name: 'Import 5 rows' }).click();
      await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
      await page.getByTestId('import-done').filter({ hasText: '5 customers imported.' }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(session.shots, 'imports-01-done.png'), fullPage: true });
    });

    // Over the HTTP API: the customers exist, Ada with her card and 12.50, Alan with 7.50.
    const [stored] = await session.api.findCustomers(ada);
    assert.ok(stored, 'Ada exists');
    assert.equal(stored.name, `Ada Import${tag}`);
    for (const email of [grace, alan, `brook.${tag}@example.org`, `ada.twice.${tag}@example.org`]) {
      assert.equal((await session.api.findCustomers(email)).length, 1, `${email} exists once`);
    }

    await flow('imports-02-customer', async (page) => {
      await logIn(page, session.server.baseUrl);
      const cards = await deskRequest(page, 'GET', `customers/${stored.identifier}/cards`);
      assert.deepEqual(
        cards.map((/** @type {{ serialNumber: string, status: string }} */ c) => [c.serialNumber, c.status]),
        [[serial, 'Active']],
      );
      assert.equal((await deskRequest(page, 'GET', `customers/${stored.identifier}/credit`)).amount, '12.50');
      const [alanStored] = await session.api.findCustomers(alan);
      assert.equal((await deskRequest(page, 'GET', `customers/${alanStored.identifier}/credit`)).amount, '7.50');

      // And in the Customers screen.
      await page.getByTestId('nav-customers').click();
      await page.getByRole('combobox', { name: 'Search customers' }).fill(`Ada Import${tag}`);
      await page.getByTestId('customer-row').filter({ hasText: `Ada Import${tag}` }).click();
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Ada Import${tag}` }).waitFor();
      await detail.getByTestId('card-row').getByTestId('card-serial').filter({ hasText: serial }).waitFor();
      await detail.locator('[data-testid="credit-balance"][data-amount="12.50"]').waitFor();
    });
  });
});
