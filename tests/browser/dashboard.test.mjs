// End-to-end flows of the desk's start screen and backups in headless Chromium against a real
// `tessera serve` and a real database file: data arranged through the real HTTP APIs (pretix
// dialect for the customer, the desk API with the page's session for the rest, the device API for
// a terminal), then read off the overview. Run with `npm run test:browser` after `npm run build`
// and a cargo build.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deviceInfo, initializeDevice, uniqueTag } from './harness.mjs';
import { deskRequest, logIn, openSession, runFlow } from './flows.mjs';

/** @typedef {import('playwright-core').Page} Page */

const TIMEOUT = 60_000;
const DAY_MS = 24 * 3_600_000;

/** @type {import('./flows.mjs').Session} */
let session;

before(async () => {
  session = await openSession();
});

after(async () => {
  await session?.close();
});

/**
 * Runs one flow (see `runFlow`) in Berlin's time zone, so that "today" is a local day that differs
 * from UTC's; screenshots take the whole page.
 * @param {string} name
 * @param {(page: Page) => Promise<void>} body
 */
function flow(name, body) {
  return runFlow(session, name, body, {
    context: { viewport: { width: 1280, height: 1000 }, timezoneId: 'Europe/Berlin' },
    fullPage: true,
  });
}

/** @param {number} ms */
function rfc3339(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Today's figures as the overview shows one sum card.
 * @param {Page} page
 * @param {string} card  sum-topups, sum-charges or sum-refunds
 */
async function sum(page, card) {
  const root = page.getByTestId(card);
  return {
    total: await root.getByTestId('sum-total').getAttribute('data-amount'),
    count: ((await root.getByTestId('sum-count').textContent()) ?? '').trim(),
  };
}

describe('the desk’s start screen in a browser', () => {
  it('shows today’s credit with a chart per hour, memberships, the waiting list, a terminal and the outbox', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await session.api.createCustomer({
      name_parts: { full_name: `Dana Board${tag}` },
      email: `dana.${tag}@example.org`,
    });
    await flow('20-dashboard', async (page) => {
      await logIn(page, session.server.baseUrl);
      // A fresh database: nothing booked yet, and no backup (an administrator is warned).
      await page.getByTestId('sum-topups').getByTestId('sum-total').waitFor();
      assert.deepEqual(await sum(page, 'sum-topups'), { total: '0.00', count: '0 top-ups' });
      assert.match((await page.getByTestId('backup-warning').textContent()) ?? '', /There is no backup yet\./);

      // Credit: two top-ups and a charge, booked through the desk API.
      const credit = `customers/${customer.identifier}/credit`;
      await deskRequest(page, 'POST', `${credit}/topup`, { amount: '20.00', reference: `Cash ${tag}`, note: null });
      await deskRequest(page, 'POST', `${credit}/topup`, { amount: '5.00', reference: null, note: null });
      await deskRequest(page, 'POST', `${credit}/charge`, { amount: '4.50', reference: `Bar ${tag}`, note: null });

      // A membership valid today.
      const type = await deskRequest(page, 'POST', 'membership-types', {
        name: { en: `Season pass ${tag}` },
        transferable: false,
        allow_parallel_usage: false,
        max_usages: null,
      });
      await deskRequest(page, 'POST', `customers/${customer.identifier}/memberships`, {
        membership_type: type.id,
        date_start: rfc3339(Date.now() - DAY_MS),
        date_end: rfc3339(Date.now() + 30 * DAY_MS),
        attendee_name_parts: {},
        testmode: false,
      });

      // A sold-out event with one person waiting.
      const slug = `recital-${tag}`;
      await deskRequest(page, 'POST', 'events', {
        name: `Piano Recital ${tag}`,
        slug,
        date_from: '2027-03-01T18:00:00Z',
        date_to: null,
        has_subevents: false,
        location: null,
      });
      const seat = await deskRequest(page, 'POST', `events/${slug}/items`, { name: 'Seat', price: '25.00', admission: true, variations: [] });
      await deskRequest(page, 'POST', `events/${slug}/quotas`, {
        name: 'Hall',
        size: 1,
        sold: 1,
        closed: false,
        items: [seat.id],
        variations: [],
        subevent: null,
      });
      await deskRequest(page, 'POST', `events/${slug}/waiting-list`, {
        email: `waiting.${tag}@example.org`,
        name: `Wait Ing${tag}`,
        phone: null,
        item: seat.id,
        variation: null,
        subevent: null,
        locale: 'en',
        priority: 0,
      });

      // A terminal pairs over the device API and asks for its details, so it was seen just now.
      const pairing = await deskRequest(page, 'POST', 'devices', { name: `Bar till ${tag}` });
      const apiToken = await initializeDevice(session.server.baseUrl, pairing.initialization_token);
      const info = await deviceInfo(session.server.baseUrl, apiToken);
      assert.equal(info.status, 200, await info.text());

      // R looks again at once (the screen would by itself within 30 seconds).
      await page.keyboard.press('r');
      await page.locator('[data-testid="sum-topups"] [data-testid="sum-total"][data-amount="25.00"]').waitFor();
      assert.deepEqual(await sum(page, 'sum-topups'), { total: '25.00', count: '2 top-ups' });
      assert.deepEqual(await sum(page, 'sum-charges'), { total: '4.50', count: '1 charge' });
      assert.deepEqual(await sum(page, 'sum-refunds'), { total: '0.00', count: '0 refunds' });
      assert.equal((await page.getByTestId('sum-topups').getByTestId('sum-total').textContent())?.trim(), '€25.00');

      // The chart: 24 hours of paired bars; today's top-ups stand in the hour(s) they were booked.
      const bars = page.getByTestId('chart-bar');
      assert.equal(await bars.count(), 48);
      const drawn = await bars.evaluateAll((rects) =>
        rects.map((r) => ({
          series: r.getAttribute('data-series'),
          amount: Number(r.getAttribute('data-amount')),
          height: Number(r.getAttribute('height')),
        })),
      );
      const total = (/** @type {string} */ series) =>
        drawn.filter((b) => b.series === series).reduce((sum, b) => sum + b.amount, 0);
      assert.equal(total('topups').toFixed(2), '25.00');
      assert.equal(total('charges').toFixed(2), '4.50');
      assert.ok(drawn.some((b) => b.series === 'topups' && b.height > 0), 'a top-up bar stands');
      assert.ok(drawn.every((b) => (b.amount > 0) === (b.height > 0)), 'bars stand exactly where there is credit');
      const chart = page.getByRole('img', { name: /Bar chart of top-ups and charges per hour today/ });
      assert.match((await chart.getAttribute('aria-label')) ?? '', /€25\.00 topped up and €4\.50 charged/);
      assert.equal(await page.getByTestId('hour-chart-table').locator('tbody tr').count(), 24);

      // Memberships, waiting list, terminal, outbox.
      const membership = page.getByTestId('membership-type-row').filter({ hasText: `Season pass ${tag}` });
      assert.equal((await membership.getByTestId('membership-active').textContent())?.trim(), '1');
      const waiting = page.getByTestId('waiting-row').filter({ hasText: `Piano Recital ${tag}` });
      assert.equal((await waiting.getByTestId('waiting-count').textContent())?.trim(), '1 waiting');
      const terminal = page.getByTestId('terminal-row').filter({ hasText: `Bar till ${tag}` });
      assert.match((await terminal.getByTestId('terminal-seen').textContent()) ?? '', /just now|1 min ago/);
      await page.getByTestId('outbox-card').getByTestId('outbox-queued').waitFor();

      // The desk API answers the same figures for the same day.
      const since = await page.evaluate(() => {
        const midnight = new Date();
        midnight.setHours(0, 0, 0, 0);
        return midnight.toISOString().replace(/\.\d{3}Z$/, 'Z');
      });
      const figures = await deskRequest(page, 'GET', `dashboard?since=${encodeURIComponent(since)}`);
      assert.equal(figures.since, since);
      assert.equal(figures.topups.total, '25.00');
      assert.equal(figures.hours.length, 24);
    });
  });

  it('backs up from the window, and the overview shows the last backup', { timeout: TIMEOUT }, async () => {
    await flow('21-backup', async (page) => {
      await logIn(page, session.server.baseUrl);
      await page.getByTestId('nav-backups').click();
      const form = page.getByTestId('backup-now-form');
      await form.getByRole('button', { name: 'Back up now' }).click();
      const made = page.getByTestId('backup-made');
      await made.waitFor();
      assert.match((await made.textContent()) ?? '', /Backup made and checked\./);
      const row = page.getByTestId('backup-row').first();
      assert.equal((await row.getByTestId('backup-kind').textContent())?.trim(), 'Manual');
      assert.match((await row.getByTestId('backup-size').textContent()) ?? '', /^\d[\d.,]* (KB|MB)$/);

      await page.getByTestId('nav-dashboard').click();
      const card = page.getByTestId('backup-card');
      await card.getByTestId('backup-size').waitFor();
      assert.equal(await card.getByTestId('backup-warning').count(), 0, 'a fresh backup is no warning');
    });
  });
});
