// End-to-end flows of the desk UI in headless Chromium against a real `tessera serve` and a real
// database file. Run with `npm run test:browser` after `npm run build` and a cargo build.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ADMIN,
  ORGANIZER,
  launchBrowser,
  pretixApi,
  screenshotDir,
  startServer,
  uniqueTag,
} from './harness.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Browser} Browser */

const TIMEOUT = 60_000;

/**
 * @typedef {object} SinkMail
 * @property {string} from
 * @property {string[]} to   the RCPT TO addresses
 * @property {string} data   the message as sent after DATA (headers and body), dot-unstuffed
 */

/**
 * A tiny SMTP server on loopback that accepts every mail and keeps it: 220 on connect, 250 to
 * EHLO/HELO, MAIL, RCPT and anything else, 354 to DATA, 250 after the closing dot, 221 to QUIT.
 * @returns {Promise<{ port: number, mails: SinkMail[], close: () => Promise<void> }>}
 */
function startSmtpSink() {
  /** @type {SinkMail[]} */
  const mails = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    /** @type {string[]} */
    let dataLines = [];
    let from = '';
    /** @type {string[]} */
    let to = [];
    /** @param {string} line */
    const reply = (line) => socket.write(`${line}\r\n`);
    reply('220 localhost ESMTP e2e sink');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            mails.push({ from, to, data: dataLines.join('\r\n') });
            inData = false;
            dataLines = [];
            from = '';
            to = [];
            reply('250 OK: queued');
          } else {
            dataLines.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-localhost');
          reply('250 8BITMIME');
        } else if (verb === 'MAIL') {
          from = line.replace(/^MAIL FROM:\s*/i, '').replace(/[<>]/g, '').split(' ')[0];
          reply('250 OK');
        } else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*/i, '').replace(/[<>]/g, '').split(' ')[0]);
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else {
          reply('250 OK');
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const close = () =>
        new Promise((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done(undefined));
        });
      resolve({ port, mails, close });
    });
  });
}

/**
 * The readable text of a mail as sent: its body decoded from quoted-printable or base64 when its
 * headers say so (a soft line break could otherwise split a voucher code).
 * @param {string} data
 */
function mailText(data) {
  const split = data.indexOf('\r\n\r\n');
  const headers = split === -1 ? data : data.slice(0, split);
  const body = split === -1 ? '' : data.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return `${headers}\r\n\r\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return `${headers}\r\n\r\n${Buffer.from(bytes, 'latin1').toString('utf8')}`;
  }
  return data;
}

/** @type {import('./harness.mjs').TesseraServer} */
let server;
/** @type {Awaited<ReturnType<typeof startSmtpSink>>} */
let smtp;
/** @type {Browser} */
let browser;
/** @type {ReturnType<typeof pretixApi>} */
let api;
/** @type {string} */
let shots;

before(async () => {
  smtp = await startSmtpSink();
  // Mail from organizers without SMTP settings of their own goes to the sink.
  server = await startServer({ env: { TESSERA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
  api = pretixApi(server.baseUrl, await server.createToken());
  browser = await launchBrowser();
  shots = await screenshotDir();
  console.log(`# screenshots: ${shots}`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/**
 * Runs one flow in a fresh browser context (no cookies), and saves a screenshot: `shoot()` when
 * the flow calls it, otherwise at the end; on failure, `<name>-failed.png` and the server log.
 * @param {string} name
 * @param {(page: Page, shoot: () => Promise<void>) => Promise<void>} body
 */
async function flow(name, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let shot = false;
  const shoot = async () => {
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
    shot = true;
  };
  try {
    await body(page, shoot);
    if (!shot) await shoot();
    assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
  } catch (error) {
    await page.screenshot({ path: path.join(shots, `${name}-failed.png`) }).catch(() => {});
    console.log(`# server log:\n${server.log()}`);
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * @param {Page} page
 * @param {{ email: string, password: string }} [who]
 */
async function logIn(page, who = ADMIN) {
  await page.goto(server.baseUrl);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByRole('combobox', { name: 'Search customers' }).waitFor();
}

/**
 * Types into the search box and waits until the list shows exactly `count` rows for it.
 * @param {Page} page
 * @param {string} text
 * @param {number} count
 */
async function searchFor(page, text, count) {
  const search = page.getByRole('combobox', { name: 'Search customers' });
  await search.fill(text);
  await page.getByTestId('result-count').filter({ hasText: count === 0 ? '0 customers' : `of ${count}` }).waitFor();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="customer-row"]').length === n,
    count,
  );
}

/**
 * Fills every name field the organizer's scheme shows, with values containing `tag`.
 * @param {Page} page
 * @param {string} tag
 */
async function fillName(page, tag) {
  /** @type {Record<string, string>} */
  const values = {
    given_name: 'Ada',
    family_name: `Lovelace${tag}`,
    full_name: `Ada Lovelace${tag}`,
    middle_name: 'King',
    title: 'Dr',
    calling_name: 'Ada',
    latin_transcription: `Ada Lovelace${tag}`,
    degree: 'PhD',
  };
  const fields = page.getByTestId('name-fields').locator('input, select');
  const count = await fields.count();
  assert.ok(count > 0, 'the form shows at least one name field');
  for (let i = 0; i < count; i += 1) {
    const field = fields.nth(i);
    const key = (await field.getAttribute('name'))?.replace('name_parts.', '') ?? '';
    if (key === 'salutation') await field.selectOption('Mx');
    else await field.fill(values[key] ?? tag);
  }
}

describe('desk UI in a browser', () => {
  it('logs in after a wrong password, and logs out', { timeout: TIMEOUT }, async () => {
    await flow('01-login', async (page, shoot) => {
      await page.goto(server.baseUrl);
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('login-error').filter({ hasText: 'Wrong email or password.' }).waitFor();

      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('combobox', { name: 'Search customers' }).waitFor();
      assert.equal(await page.getByTestId('current-user').textContent(), ADMIN.email);
      assert.equal(await page.getByTestId('organizer-name').textContent(), 'Demo Venue');
      await shoot();

      // The session survives a reload (cookie), and ends with "Log out".
      await page.reload();
      await page.getByRole('combobox', { name: 'Search customers' }).waitFor();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-notice').waitFor();
      await page.reload();
      await page.getByLabel('Password', { exact: true }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Search customers' }).count(), 0);
    });
  });

  it('creates a customer with the form, and the pretix API sees it', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    await flow('02-create-customer', async (page) => {
      await logIn(page);
      // Leave the search box, then "n" opens the form.
      await page.keyboard.press('Escape');
      await page.keyboard.press('n');
      await page.getByTestId('customer-form').waitFor();

      await fillName(page, tag);
      // The server rejects a bad email address; the message appears under the field.
      const email = page.getByTestId('customer-form').getByLabel('Email', { exact: true });
      await email.fill('not-an-email');
      await page.getByRole('button', { name: 'Create customer' }).click();
      await page.getByTestId('customer-form').getByTestId('field-error').first().waitFor();
      assert.equal(await email.getAttribute('aria-invalid'), 'true');

      await email.fill(`ada.${tag}@example.org`);
      await page.getByTestId('customer-form').getByLabel('Notes').fill('Wheelchair space, row 3.');
      await page.getByRole('button', { name: 'Create customer' }).click();

      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Lovelace${tag}` }).waitFor();
      assert.equal(await detail.getByTestId('customer-email').textContent(), `ada.${tag}@example.org`);
      await page.getByTestId('customer-row').filter({ hasText: `Lovelace${tag}` }).waitFor();

      const identifier = (await detail.getByTestId('customer-identifier').textContent())?.trim() ?? '';
      const stored = await api.getCustomer(identifier);
      assert.equal(stored.email, `ada.${tag}@example.org`);
      assert.equal(stored.notes, 'Wheelchair space, row 3.');
      assert.match(stored.name, new RegExp(`Lovelace${tag}`));
      assert.equal(typeof stored.name_parts._scheme, 'string', 'name_parts carries _scheme');
    });
  });

  it('finds customers by name and email, and opens one from the keyboard', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const grace = await api.createCustomer({ name_parts: { full_name: `Grace Hopper${tag}` }, email: `grace.${tag}@example.org` });
    await api.createCustomer({ name_parts: { full_name: `Alan Turing${tag}` }, email: `alan.${tag}@example.org` });
    await flow('03-search', async (page) => {
      await logIn(page);
      await page.keyboard.press('Escape');
      await page.keyboard.press('/');
      const search = page.getByRole('combobox', { name: 'Search customers' });
      assert.ok(await search.evaluate((el) => el === document.activeElement), '/ focuses the search box');

      await searchFor(page, tag, 2);
      await searchFor(page, `Hopper${tag}`, 1);
      await searchFor(page, `grace.${tag}@`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Grace Hopper${tag}` }).waitFor();
      assert.equal(await detail.getByTestId('customer-identifier').textContent(), grace.identifier);

      // Arrow keys move through the results; Esc closes the detail, then clears the search.
      await searchFor(page, tag, 2);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await detail.getByTestId('customer-name').filter({ hasText: tag }).waitFor();
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      assert.equal(await search.inputValue(), '');
      await searchFor(page, `Hopper${tag}`, 1);
    });
  });

  it('edits a customer', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await api.createCustomer({
      name_parts: { full_name: `Edit Me${tag}` },
      email: `edit.${tag}@example.org`,
    });
    await flow('04-edit-customer', async (page) => {
      await logIn(page);
      await searchFor(page, `Me${tag}`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Edit Me${tag}` }).waitFor();
      await page.getByTestId('edit-customer').click();

      const form = page.getByTestId('customer-form');
      await form.waitFor();
      assert.equal(await form.getByLabel('Email', { exact: true }).inputValue(), `edit.${tag}@example.org`);
      await form.getByLabel('Email', { exact: true }).fill(`edited.${tag}@example.org`);
      await form.getByLabel('Notes').fill('Prefers the balcony.');
      await form.getByLabel('External identifier').fill(`CRM-${tag}`);
      await form.getByRole('button', { name: 'Save changes' }).click();

      await page.getByTestId('notice').filter({ hasText: 'Changes saved.' }).waitFor();
      assert.equal(await detail.getByTestId('customer-email').textContent(), `edited.${tag}@example.org`);
      assert.equal(await detail.getByTestId('customer-notes').textContent(), 'Prefers the balcony.');
      assert.equal(await detail.getByTestId('customer-name').textContent(), `Edit Me${tag}`);

      const stored = await api.getCustomer(customer.identifier);
      assert.equal(stored.email, `edited.${tag}@example.org`);
      assert.equal(stored.notes, 'Prefers the balcony.');
      assert.equal(stored.external_identifier, `CRM-${tag}`);
      assert.equal(stored.name, `Edit Me${tag}`, 'the name is unchanged');
    });
  });

  it('anonymizes a customer only after confirmation', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await api.createCustomer({
      name_parts: { full_name: `Forget Me${tag}` },
      email: `forget.${tag}@example.org`,
      phone: '+4930901820',
    });
    await flow('05-anonymize-customer', async (page, shoot) => {
      await logIn(page);
      await searchFor(page, `forget.${tag}`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Forget Me${tag}` }).waitFor();

      // Esc cancels without a change.
      await page.getByTestId('anonymize-customer').click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await api.getCustomer(customer.identifier)).email, `forget.${tag}@example.org`);

      await page.getByTestId('anonymize-customer').click();
      await dialog.waitFor();
      assert.equal(await dialog.getByTestId('anonymize-name').textContent(), `Forget Me${tag}`);
      assert.match((await dialog.textContent()) ?? '', /cannot be undone/);
      await shoot();
      await dialog.getByRole('button', { name: 'Anonymize' }).click();

      await page.getByTestId('notice').filter({ hasText: 'Customer anonymized.' }).waitFor();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await detail.getByTestId('customer-email').textContent(), '—');
      await detail.getByTestId('badge-inactive').waitFor();

      const stored = await api.getCustomer(customer.identifier);
      assert.equal(stored.email, null);
      assert.equal(stored.phone, null);
      assert.equal(stored.name, '');
      assert.equal(stored.is_active, false);
    });
  });

  it('shows a customer created over the pretix API in the desk search', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const created = await api.createCustomer({
      name_parts: { full_name: `Pretix Person${tag}` },
      email: `pretix.${tag}@example.org`,
    });
    await flow('06-pretix-api-customer', async (page) => {
      await logIn(page);
      await searchFor(page, `Person${tag}`, 1);
      const row = page.getByTestId('customer-row');
      assert.match((await row.textContent()) ?? '', new RegExp(`Pretix Person${tag}`));
      assert.match((await row.textContent()) ?? '', new RegExp(`pretix\\.${tag}@example\\.org`));
      assert.equal(await row.getAttribute('data-identifier'), created.identifier);

      await searchFor(page, created.identifier, 1);
      await row.click();
      await page.getByTestId('customer-detail').getByTestId('customer-email').filter({ hasText: `pretix.${tag}@` }).waitFor();
    });
  });
  it('sells a membership of a new type and records uses until it is used up', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    await api.createCustomer({ name_parts: { full_name: `Member Person${tag}` }, email: `member.${tag}@example.org` });
    await flow('07-memberships', async (page, shoot) => {
      await logIn(page);

      // Settings: a type that may be used twice (in parallel, so two uses in a row are fine).
      await page.getByRole('button', { name: 'Membership types' }).click();
      await page.getByTestId('membership-types').waitFor();
      await page.getByTestId('new-membership-type').click();
      const typeForm = page.getByTestId('membership-type-form');
      await typeForm.getByLabel('Name (English)').fill(`Two visits${tag}`);
      await typeForm.getByLabel('Name (German)').fill(`Zwei Besuche${tag}`);
      await typeForm.getByLabel('Parallel usage allowed').check();
      await typeForm.getByLabel('Maximum usages').fill('2');
      await typeForm.getByLabel('Maximum usages').press('Enter');
      const typeRow = page.getByTestId('membership-type-row').filter({ hasText: `Two visits${tag}` });
      await typeRow.waitFor();
      await typeForm.waitFor({ state: 'detached' });
      assert.equal((await typeRow.getByTestId('membership-type-max').textContent())?.trim(), '2');
      await page.screenshot({ path: path.join(shots, '07-membership-types.png') });

      // The desk: sell it to the customer.
      await page.getByRole('button', { name: 'Customers' }).click();
      await searchFor(page, `Person${tag}`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Member Person${tag}` }).waitFor();
      await detail.getByTestId('sell-membership').click();
      const form = page.getByTestId('membership-form');
      await form.getByLabel('Membership type').selectOption({ label: `Two visits${tag} (2 uses)` });
      await page.screenshot({ path: path.join(shots, '07-sell-membership.png') });
      await form.getByRole('button', { name: 'Sell membership' }).click();

      const row = detail.getByTestId('membership-row');
      await row.getByTestId('membership-standing').filter({ hasText: 'Valid' }).waitFor();
      assert.equal((await row.getByTestId('uses-left').textContent())?.trim(), 'Uses left: 2');
      assert.match((await row.textContent()) ?? '', new RegExp(`Two visits${tag}`));

      // Two uses, then the third is refused.
      await row.getByLabel('Reference').fill('Gate A');
      await row.getByTestId('record-use').click();
      await row.getByTestId('uses-left').filter({ hasText: 'Uses left: 1' }).waitFor();
      assert.match((await row.getByTestId('use-row').textContent()) ?? '', /Gate A/);
      await row.getByTestId('record-use').click();
      await row.getByTestId('uses-left').filter({ hasText: 'Uses left: 0' }).waitFor();
      await row.getByTestId('membership-standing').filter({ hasText: 'Used up' }).waitFor();
      await row.getByTestId('record-use').click();
      await row
        .getByTestId('membership-error')
        .filter({ hasText: 'This membership has been used as often as its type allows.' })
        .waitFor();
      assert.equal(await row.getByTestId('use-row').count(), 2);
      await shoot();

      // A type in use cannot be deleted.
      await page.getByRole('button', { name: 'Membership types' }).click();
      await typeRow.getByTestId('delete-membership-type').click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByTestId('delete-type-error').filter({ hasText: 'Can only be deleted if unused.' }).waitFor();
    });
  });
  it('adds a device, pairs a terminal over the device API, and revokes it', { timeout: TIMEOUT }, async () => {
    await flow('08-devices', async (page) => {
      await logIn(page);
      await page.getByRole('button', { name: 'Devices' }).click();
      await page.getByTestId('devices').waitFor();
      await page.getByTestId('add-device').click();
      const form = page.getByTestId('device-form');
      await form.getByLabel('Name').fill('Bar till');
      await form.getByLabel('Name').press('Enter');

      const panel = page.getByTestId('pairing-panel');
      await panel.waitFor();
      const code = ((await panel.getByTestId('pairing-code').textContent()) ?? '').trim();
      assert.ok(code.length >= 8, `a pairing code is shown: ${JSON.stringify(code)}`);
      const url = ((await panel.getByTestId('pairing-url').textContent()) ?? '').trim();
      assert.match(url, /^https?:\/\//);
      const qr = panel.getByTestId('pairing-qr');
      assert.equal(await qr.getAttribute('alt'), 'Pairing QR code');
      assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;utf8,%3C/);
      await page.waitForFunction(() => {
        const img = document.querySelector('[data-testid="pairing-qr"]');
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      });
      const row = page.getByTestId('device-row').filter({ hasText: 'Bar till' });
      await row.getByTestId('device-state').filter({ hasText: 'Waiting for pairing' }).waitFor();
      await page.screenshot({ path: path.join(shots, '08-pairing-panel.png') });

      // The terminal pairs with the code, as a pretix device would.
      const init = await fetch(`${server.baseUrl}/api/v1/device/initialize`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          token: code,
          hardware_brand: 'Zebra',
          hardware_model: 'TC25',
          software_brand: 'Till',
          software_version: '1.0',
        }),
      });
      const initText = await init.text();
      assert.equal(init.status, 200, initText);
      const apiToken = JSON.parse(initText).api_token;
      assert.equal(typeof apiToken, 'string');
      const info = () =>
        fetch(`${server.baseUrl}/api/v1/device/info`, {
          headers: { Authorization: `Device ${apiToken}`, Accept: 'application/json' },
        });
      const before = await info();
      assert.equal(before.status, 200, await before.text());

      await page.reload();
      await page.getByRole('button', { name: 'Devices' }).click();
      await row.getByTestId('device-state').filter({ hasText: 'Paired' }).waitFor();
      assert.equal((await row.getByTestId('device-hardware').textContent())?.trim(), 'Zebra TC25');
      assert.equal(await row.getByTestId('show-pairing').count(), 0);
      await page.screenshot({ path: path.join(shots, '08-devices-paired.png') });

      await row.getByTestId('revoke-device').click();
      const dialog = page.getByRole('alertdialog');
      assert.match((await dialog.textContent()) ?? '', /loses access for good/);
      await dialog.getByRole('button', { name: 'Revoke' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByTestId('device-state').filter({ hasText: 'Revoked' }).waitFor();

      const afterRevoke = await info();
      assert.equal(afterRevoke.status, 401, await afterRevoke.text());
    });
  });

  it('creates a team with a new member and an API token that can do exactly what the team may', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const member = { email: `box.${tag}@example.org`, name: `Box Person ${tag}`, password: `box office ${tag} pass` };
    await flow('09-teams', async (page, shoot) => {
      await logIn(page);
      await page.getByRole('button', { name: 'Teams' }).click();
      await page.getByTestId('teams').waitFor();

      // A team that may only view customers.
      await page.getByTestId('new-team').click();
      const form = page.getByTestId('team-form');
      await form.getByTestId('team-name').fill('Box office');
      await form.getByTestId('perm-organizer-customers-read').check();
      assert.equal(await form.getByTestId('perm-organizer-customers-write').isChecked(), false);
      await form.getByTestId('team-save').click();
      const detail = page.getByTestId('team-detail');
      await detail.getByTestId('team-title').filter({ hasText: 'Box office' }).waitFor();
      await page.getByTestId('team-row').filter({ hasText: 'Box office' }).waitFor();

      // A member without a staff account yet: the form asks for a name and a password.
      await detail.getByTestId('member-email').fill(member.email);
      await detail.getByTestId('member-add').click();
      await detail.getByTestId('member-fullname').fill(member.name);
      await detail.getByTestId('member-password').fill(member.password);
      await detail.getByTestId('member-add').click();
      await detail.getByTestId('member-row').filter({ hasText: member.name }).waitFor();

      // A token: its secret is shown once, and works over the pretix API with the team's permissions.
      await detail.getByTestId('token-name').fill('Ticket shop');
      await detail.getByTestId('token-create').click();
      const secret = ((await detail.getByTestId('token-secret').textContent()) ?? '').trim();
      assert.match(secret, /^[a-z0-9]{64}$/, `a secret is shown: ${JSON.stringify(secret)}`);
      await shoot();
      const customers = `${server.baseUrl}/api/v1/organizers/${ORGANIZER}/customers/`;
      /** @param {string} method @param {unknown} [body] */
      const withToken = (method, body) =>
        fetch(customers, {
          method,
          headers: {
            Authorization: `Token ${secret}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const list = await withToken('GET');
      assert.equal(list.status, 200, await list.text());
      const create = await withToken('POST', { name_parts: { full_name: `Not Allowed${tag}` } });
      assert.equal(create.status, 403, await create.text());

      await detail.getByTestId('token-dismiss').click();
      await detail.getByTestId('token-secret-panel').waitFor({ state: 'detached' });
      assert.equal(await page.getByText(secret).count(), 0, 'the secret is gone from the page');

      const token = detail.getByTestId('token-row').filter({ hasText: 'Ticket shop' });
      await token.getByTestId('token-deactivate').click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
      await token.getByTestId('token-state').filter({ hasText: 'Deactivated' }).waitFor();
      const afterDeactivation = await withToken('GET');
      assert.equal(afterDeactivation.status, 401, await afterDeactivation.text());
      await page.screenshot({ path: path.join(shots, '09-teams-done.png') });

      // The new member logs in and works in the organizer, without the settings they may not use.
      await page.getByTestId('logout').click();
      await page.getByTestId('login-notice').waitFor();
      await logIn(page, member);
      assert.equal(await page.getByTestId('organizer-name').textContent(), 'Demo Venue');
      assert.equal(await page.getByTestId('current-user').textContent(), member.name);
      assert.equal(await page.getByTestId('nav-customers').count(), 1);
      assert.equal(await page.getByTestId('nav-teams').count(), 0, 'no Teams section without organizer.teams:write');
      assert.equal(await page.getByTestId('nav-devices').count(), 0, 'no Devices section without organizer.devices:read');
    });
  });
  it('issues a card, books credit with a running balance, refunds part of a charge, and opens the customer by scanning the card', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await api.createCustomer({ name_parts: { full_name: `Card Holder${tag}` }, email: `card.${tag}@example.org` });
    await flow('10-cards-credit', async (page, shoot) => {
      await logIn(page);
      await searchFor(page, `Holder${tag}`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Card Holder${tag}` }).waitFor();

      // A card, with the serial as an NFC reader writes it; the backend keeps its normal form.
      const cards = detail.getByTestId('cards');
      await cards.getByTestId('issue-card').click();
      const cardForm = page.getByTestId('card-form');
      await cardForm.getByLabel('Serial number').fill('04:A2:3B:7C');
      await cardForm.getByRole('button', { name: 'Issue card' }).click();
      const card = cards.getByTestId('card-row').filter({ hasText: '04A23B7C' });
      await card.getByTestId('card-status').filter({ hasText: 'Active' }).waitFor();

      // Top up 20.00 and charge 4.50 (typed with a comma): 15.50, with the balance after each entry.
      const credit = detail.getByTestId('credit');
      /** @param {string} amount */
      const balanceIs = (amount) => credit.locator(`[data-testid="credit-balance"][data-amount="${amount}"]`).waitFor();
      const runningBalances = () =>
        credit.getByTestId('entry-balance').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')));
      await balanceIs('0.00');
      await credit.getByTestId('topup').click();
      await page.getByTestId('booking-form').getByLabel('Amount').fill('20.00');
      await page.getByTestId('booking-form').getByLabel('Amount').press('Enter');
      await balanceIs('20.00');
      await credit.getByTestId('charge').click();
      await page.getByTestId('booking-form').getByLabel('Amount').fill('4,50');
      await page.getByTestId('booking-form').getByLabel('Reference').fill(`Bar ${tag}`);
      await page.getByTestId('booking-form').getByLabel('Reference').press('Enter');
      await balanceIs('15.50');
      assert.deepEqual(await runningBalances(), ['15.50', '20.00']);

      // Refund 1.50 of the charge: the form offers all that is left.
      const charged = credit.getByTestId('ledger-row').filter({ hasText: `Bar ${tag}` });
      await charged.getByTestId('refund-entry').click();
      const undo = page.getByTestId('undo-form');
      assert.equal(await undo.getByLabel('Amount').inputValue(), '4.50');
      await undo.getByLabel('Amount').fill('1.50');
      await undo.getByLabel('Amount').press('Enter');
      await balanceIs('17.00');
      assert.deepEqual(await runningBalances(), ['17.00', '15.50', '20.00']);
      await charged.getByTestId('entry-undone').filter({ hasText: '1.50' }).waitFor();
      await shoot();

      // Back to the list, out of every field: a card reader types the serial and Enter.
      const search = page.getByRole('combobox', { name: 'Search customers' });
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      assert.equal(await search.inputValue(), '');
      await page.keyboard.press('Escape');
      assert.ok(await page.evaluate(() => document.activeElement === document.body), 'no field has focus');
      await page.keyboard.type('04A23B7C\n', { delay: 5 });
      await detail.getByTestId('customer-name').filter({ hasText: `Card Holder${tag}` }).waitFor();
      assert.equal(await detail.getByTestId('customer-identifier').textContent(), customer.identifier);
      assert.equal(await search.inputValue(), '', 'the scan typed nothing into the search box');
      await page.screenshot({ path: path.join(shots, '10-scanned.png') });

      // The desk API agrees, with the page's session cookie.
      const response = await page.request.get(
        `${server.baseUrl}/api/desk/organizers/${ORGANIZER}/customers/${customer.identifier}/credit`,
      );
      assert.equal(response.status(), 200, await response.text());
      const balance = await response.json();
      assert.equal(balance.amount, '17.00');
      assert.equal(balance.currencyLabel, 'EUR');
    });
  });
  it('sends the first person waiting a voucher by mail as soon as a sold-out seat frees up', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const first = { email: `first.${tag}@example.org`, name: `First Waiting${tag}` };
    const second = { email: `second.${tag}@example.org`, name: `Second Waiting${tag}` };
    await flow('11-waiting-list', async (page, shoot) => {
      await logIn(page);
      await page.getByRole('button', { name: 'Events' }).click();
      await page.getByTestId('events').waitFor();

      // A new event: the slug follows the name.
      await page.getByTestId('new-event').click();
      const eventForm = page.getByTestId('event-form');
      await eventForm.getByLabel('Name', { exact: true }).fill(`Chamber Concert ${tag}`);
      assert.equal(await eventForm.getByLabel('Short name (slug)', { exact: true }).inputValue(), `chamber-concert-${tag}`);
      await eventForm.getByLabel('Starts', { exact: true }).fill('2027-03-01T19:00');
      await eventForm.getByLabel('Location', { exact: true }).fill('Small hall');
      await eventForm.getByRole('button', { name: 'Create event' }).click();
      await page.getByTestId('event-title').filter({ hasText: `Chamber Concert ${tag}` }).waitFor();

      // One product, and a quota of one seat for it.
      await page.getByTestId('add-product').click();
      const productForm = page.getByTestId('product-form');
      await productForm.getByLabel('Name', { exact: true }).fill('Seat');
      await productForm.getByLabel('Price', { exact: true }).fill('25,00');
      await productForm.getByLabel('Price', { exact: true }).press('Enter');
      await page.getByTestId('product-row').filter({ hasText: 'Seat' }).waitFor();
      await page.getByTestId('add-quota').click();
      const quotaForm = page.getByTestId('quota-form');
      await quotaForm.getByLabel('Name', { exact: true }).fill('Small hall');
      await quotaForm.getByLabel('Size', { exact: true }).fill('1');
      assert.ok(await quotaForm.getByLabel('Seat', { exact: true }).isChecked(), 'the only product is ticked');
      await quotaForm.getByRole('button', { name: 'Create quota' }).click();
      const quota = page.getByTestId('quota-row').filter({ hasText: 'Small hall' });
      await quota.getByTestId('quota-availability').filter({ hasText: '1 left' }).waitFor();

      // The seat is sold elsewhere: sold out.
      await quota.getByTestId('quota-sold').fill('1');
      await quota.getByTestId('quota-sold').press('Enter');
      await quota.getByTestId('quota-availability').filter({ hasText: 'sold out' }).waitFor();

      // Two people wait for it.
      await page.getByTestId('tab-waiting').click();
      const list = page.getByTestId('waiting-list');
      await list.getByTestId('nobody-waiting').waitFor();
      for (const person of [first, second]) {
        await list.getByTestId('add-entry').click();
        const entryForm = page.getByTestId('entry-form');
        await entryForm.getByLabel('Email', { exact: true }).fill(person.email);
        await entryForm.getByLabel('Name', { exact: true }).fill(person.name);
        await entryForm.getByLabel('Email', { exact: true }).press('Enter');
        await list.locator(`[data-testid="waiting-row"][data-email="${person.email}"]`).waitFor();
      }
      assert.deepEqual(
        await list.getByTestId('waiting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email'))),
        [first.email, second.email],
      );
      await page.screenshot({ path: path.join(shots, '11-waiting.png') });

      // The ticket comes back: with automatic assignment (on by default) the first in line gets
      // the seat, without anyone clicking; the open list shows it by itself.
      await page.getByTestId('tab-setup').click();
      await quota.getByTestId('quota-sold').fill('0');
      await quota.getByTestId('quota-sold').press('Enter');
      await page.getByTestId('quotas-notice').filter({ hasText: 'Quota “Small hall” saved.' }).waitFor();
      await page.getByTestId('tab-waiting').click();
      const voucherRow = list.locator(`[data-testid="voucher-row"][data-email="${first.email}"]`);
      await voucherRow.waitFor({ timeout: 20_000 });
      const code = ((await voucherRow.getByTestId('voucher-code').textContent()) ?? '').trim();
      assert.match(code, /^[A-Z0-9]{6,}$/, `a voucher code is shown: ${JSON.stringify(code)}`);
      await voucherRow.getByTestId('voucher-state').filter({ hasText: 'Not used yet' }).waitFor();
      assert.match((await voucherRow.getByTestId('voucher-valid-until').textContent()) ?? '', /\d/);
      await shoot();

      // The second person still waits, now first in line.
      assert.deepEqual(
        await list.getByTestId('waiting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email'))),
        [second.email],
      );
      assert.equal(await list.getByTestId('voucher-row').count(), 1);

      // The mail went to the first person, with the code the desk shows.
      const deadline = Date.now() + 20_000;
      let mail = smtp.mails.find((m) => m.to.includes(first.email));
      while (!mail && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        mail = smtp.mails.find((m) => m.to.includes(first.email));
      }
      assert.ok(mail, `a mail to ${first.email} reached the SMTP server; it got mails to: ${JSON.stringify(smtp.mails.map((m) => m.to))}`);
      assert.deepEqual(mail.to, [first.email]);
      assert.ok(mailText(mail.data).includes(code), `the mail contains the voucher code ${code}:\n${mailText(mail.data)}`);
      assert.equal(smtp.mails.filter((m) => m.to.includes(second.email)).length, 0, 'nothing went to the second person');

      // The events list counts one waiting and one voucher out.
      await page.getByTestId('back-to-events').click();
      const row = page.locator(`[data-testid="event-row"][data-slug="chamber-concert-${tag}"]`);
      await row.getByTestId('event-row-waiting').filter({ hasText: '1' }).waitFor();
      assert.equal((await row.getByTestId('event-row-vouchers').textContent())?.trim(), '1');
    });
  });
});
