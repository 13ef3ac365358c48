// End-to-end flows of the desk UI in headless Chromium against a real `tessera serve` and a real
// database file. Run with `npm run test:browser` after `npm run build` and a cargo build.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN, ORGANIZER, apiFetch, deviceInfo, initializeDevice, uniqueTag } from './harness.mjs';
import { deskRequest, logIn, openSession, runFlow } from './flows.mjs';

/** @typedef {import('playwright-core').Page} Page */

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

/** @type {Awaited<ReturnType<typeof startSmtpSink>>} */
let smtp;
/** @type {import('./flows.mjs').Session} */
let session;

before(async () => {
  smtp = await startSmtpSink();
  // Mail from organizers without SMTP settings of their own goes to the sink.
  session = await openSession({ env: { TESSERA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
});

after(async () => {
  await session?.close();
  await smtp?.close();
});

/**
 * Runs one flow (see `runFlow`) with the viewport's screenshots.
 * @param {string} name
 * @param {(page: Page, shoot: () => Promise<void>) => Promise<void>} body
 */
function flow(name, body) {
  return runFlow(session, name, body, { context: { viewport: { width: 1280, height: 800 } } });
}

/**
 * Logs in (as the administrator unless `who` is given), and goes from the overview to the
 * customers.
 * @param {Page} page
 * @param {{ email: string, password: string }} [who]
 */
async function logInToCustomers(page, who = ADMIN) {
  await logIn(page, session.server.baseUrl, who);
  await page.getByTestId('nav-customers').click();
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

/**
 * A tiny OAuth client's redirect endpoint on loopback: it answers every request with a short page
 * and keeps the query of each one to /callback (not the browser's favicon request), so a test sees
 * what the browser brought back.
 * @returns {Promise<{ url: string, hits: URLSearchParams[], close: () => Promise<void> }>}
 */
function startRedirectServer() {
  /** @type {URLSearchParams[]} */
  const hits = [];
  const server = createHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') hits.push(url.searchParams);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Back at the application</title><h1>Back at the application</h1>');
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const close = () =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done(undefined));
        });
      resolve({ url: `http://127.0.0.1:${port}/callback`, hits, close });
    });
  });
}

/** A PKCE verifier and its S256 challenge. */
function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * @typedef {object} RegisteredApp
 * @property {string} name
 * @property {string} redirectUri
 * @property {string} clientId
 * @property {string} secret
 */

/**
 * Registers a confidential application under Access → Applications and reads its client ID and
 * secret from the screen, which shows the secret until dismissed.
 * @param {Page} page  a desk page, logged in
 * @param {string} name
 * @param {string} redirectUri
 * @returns {Promise<RegisteredApp>}
 */
async function registerApplication(page, name, redirectUri) {
  await page.getByTestId('nav-access').click();
  await page.getByTestId('access-tab-applications').click();
  const form = page.getByTestId('app-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Redirect URIs').fill(redirectUri);
  await form.getByTestId('app-confidential').check();
  await form.getByRole('button', { name: 'Register application' }).click();
  const panel = page.getByTestId('app-secret-panel');
  await panel.waitFor();
  const clientId = ((await panel.getByTestId('app-new-client-id').textContent()) ?? '').trim();
  const secret = ((await panel.getByTestId('app-secret').textContent()) ?? '').trim();
  return { name, redirectUri, clientId, secret };
}

/**
 * The authorize URL an application sends people to.
 * @param {RegisteredApp} app
 * @param {{ state: string, challenge: string }} request
 */
function authorizeUrl(app, { state, challenge }) {
  const url = new URL(`${session.server.baseUrl}/api/v1/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: app.redirectUri,
    scope: 'read write',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * On the listener's login page (a browser without a desk session), logs in as the administrator
 * and waits for the consent page.
 * @param {Page} page
 * @param {RegisteredApp} app
 */
async function logInForConsent(page, app) {
  await page.getByRole('heading', { name: 'Log in to Tessera' }).waitFor();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: `Authorize ${app.name}` }).waitFor();
}

/**
 * Presses Allow or Deny on the consent page; resolves with where the browser lands at the client.
 * @param {Page} page
 * @param {RegisteredApp} app
 * @param {'Allow' | 'Deny'} button
 */
async function decide(page, app, button) {
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(`${app.redirectUri}?`)),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.getByRole('heading', { name: 'Back at the application' }).waitFor();
  return new URL(page.url());
}

/**
 * Trades a code for tokens at the token URL, as a confidential client does (HTTP Basic).
 * @param {RegisteredApp} app
 * @param {string} code
 * @param {string} verifier
 */
async function exchangeCode(app, code, verifier) {
  const basic = Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.secret)}`).toString('base64');
  const response = await fetch(`${session.server.baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: app.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `POST /api/v1/oauth/token answered ${response.status}: ${text}`);
  return /** @type {{ access_token: string, refresh_token: string, token_type: string, scope: string, expires_in: number }} */ (
    JSON.parse(text)
  );
}

/**
 * A request to the pretix API with an OAuth access token.
 * @param {string} token
 * @param {string} method
 * @param {string} pathname  under the listener, e.g. /api/v1/organizers/
 * @param {unknown} [body]
 */
function withBearer(token, method, pathname, body) {
  return apiFetch(`${session.server.baseUrl}${pathname}`, { method, authorization: `Bearer ${token}`, body });
}

describe('desk UI in a browser', () => {
  it('logs in after a wrong password, and logs out', { timeout: TIMEOUT }, async () => {
    await flow('01-login', async (page, shoot) => {
      await page.goto(session.server.baseUrl);
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('login-error').filter({ hasText: 'Wrong email or password.' }).waitFor();

      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('dashboard').waitFor();
      assert.equal(await page.getByTestId('current-user').textContent(), ADMIN.email);
      assert.equal(await page.getByTestId('organizer-name').textContent(), 'Demo Venue');
      await shoot();

      // The session survives a reload (cookie), and ends with "Log out".
      await page.reload();
      await page.getByTestId('dashboard').waitFor();
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
      await logInToCustomers(page);
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
      const stored = await session.api.getCustomer(identifier);
      assert.equal(stored.email, `ada.${tag}@example.org`);
      assert.equal(stored.notes, 'Wheelchair space, row 3.');
      assert.match(stored.name, new RegExp(`Lovelace${tag}`));
      assert.equal(typeof stored.name_parts._scheme, 'string', 'name_parts carries _scheme');
    });
  });

  it('finds customers by name and email, and opens one from the keyboard', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const grace = await session.api.createCustomer({ name_parts: { full_name: `Grace Hopper${tag}` }, email: `grace.${tag}@example.org` });
    await session.api.createCustomer({ name_parts: { full_name: `Alan Turing${tag}` }, email: `alan.${tag}@example.org` });
    await flow('03-search', async (page) => {
      await logInToCustomers(page);
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
    const customer = await session.api.createCustomer({
      name_parts: { full_name: `Edit Me${tag}` },
      email: `edit.${tag}@example.org`,
    });
    await flow('04-edit-customer', async (page) => {
      await logInToCustomers(page);
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

      const stored = await session.api.getCustomer(customer.identifier);
      assert.equal(stored.email, `edited.${tag}@example.org`);
      assert.equal(stored.notes, 'Prefers the balcony.');
      assert.equal(stored.external_identifier, `CRM-${tag}`);
      assert.equal(stored.name, `Edit Me${tag}`, 'the name is unchanged');
    });
  });

  it('anonymizes a customer only after confirmation', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await session.api.createCustomer({
      name_parts: { full_name: `Forget Me${tag}` },
      email: `forget.${tag}@example.org`,
      phone: '+4930901820',
    });
    await flow('05-anonymize-customer', async (page, shoot) => {
      await logInToCustomers(page);
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
      assert.equal((await session.api.getCustomer(customer.identifier)).email, `forget.${tag}@example.org`);

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

      const stored = await session.api.getCustomer(customer.identifier);
      assert.equal(stored.email, null);
      assert.equal(stored.phone, null);
      assert.equal(stored.name, '');
      assert.equal(stored.is_active, false);
    });
  });

  it('shows a customer created over the pretix API in the desk search', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const created = await session.api.createCustomer({
      name_parts: { full_name: `Pretix Person${tag}` },
      email: `pretix.${tag}@example.org`,
    });
    await flow('06-pretix-api-customer', async (page) => {
      await logInToCustomers(page);
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
    await session.api.createCustomer({ name_parts: { full_name: `Member Person${tag}` }, email: `member.${tag}@example.org` });
    await flow('07-memberships', async (page, shoot) => {
      await logInToCustomers(page);

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
      await page.screenshot({ path: path.join(session.shots, '07-membership-types.png') });

      // The desk: sell it to the customer.
      await page.getByRole('button', { name: 'Customers' }).click();
      await searchFor(page, `Person${tag}`, 1);
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('customer-detail');
      await detail.getByTestId('customer-name').filter({ hasText: `Member Person${tag}` }).waitFor();
      await detail.getByTestId('sell-membership').click();
      const form = page.getByTestId('membership-form');
      await form.getByLabel('Membership type').selectOption({ label: `Two visits${tag} (2 uses)` });
      await page.screenshot({ path: path.join(session.shots, '07-sell-membership.png') });
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
      await logInToCustomers(page);
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
      await page.screenshot({ path: path.join(session.shots, '08-pairing-panel.png') });

      // The terminal pairs with the code, as a pretix device would.
      const apiToken = await initializeDevice(session.server.baseUrl, code);
      assert.equal(typeof apiToken, 'string');
      const info = () => deviceInfo(session.server.baseUrl, apiToken);
      const before = await info();
      assert.equal(before.status, 200, await before.text());

      await page.reload();
      await page.getByRole('button', { name: 'Devices' }).click();
      await row.getByTestId('device-state').filter({ hasText: 'Paired' }).waitFor();
      assert.equal((await row.getByTestId('device-hardware').textContent())?.trim(), 'Zebra TC25');
      assert.equal(await row.getByTestId('show-pairing').count(), 0);
      await page.screenshot({ path: path.join(session.shots, '08-devices-paired.png') });

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
      await logInToCustomers(page);
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
      const customers = `${session.server.baseUrl}/api/v1/organizers/${ORGANIZER}/customers/`;
      /** @param {string} method @param {unknown} [body] */
      const withToken = (method, body) => apiFetch(customers, { method, authorization: `Token ${secret}`, body });
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
      await page.screenshot({ path: path.join(session.shots, '09-teams-done.png') });

      // The new member logs in and works in the organizer, without the settings they may not use.
      await page.getByTestId('logout').click();
      await page.getByTestId('login-notice').waitFor();
      await logInToCustomers(page, member);
      assert.equal(await page.getByTestId('organizer-name').textContent(), 'Demo Venue');
      assert.equal(await page.getByTestId('current-user').textContent(), member.name);
      assert.equal(await page.getByTestId('nav-customers').count(), 1);
      assert.equal(await page.getByTestId('nav-teams').count(), 0, 'no Teams section without organizer.teams:write');
      assert.equal(await page.getByTestId('nav-devices').count(), 0, 'no Devices section without organizer.devices:read');
    });
  });
  it('issues a card, books credit with a running balance, refunds part of a charge, and opens the customer by scanning the card', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const customer = await session.api.createCustomer({ name_parts: { full_name: `Card Holder${tag}` }, email: `card.${tag}@example.org` });
    await flow('10-cards-credit', async (page, shoot) => {
      await logInToCustomers(page);
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
      await page.screenshot({ path: path.join(session.shots, '10-scanned.png') });

      // The desk API agrees, with the page's session cookie.
      const balance = await deskRequest(page, 'GET', `customers/${customer.identifier}/credit`);
      assert.equal(balance.amount, '17.00');
      assert.equal(balance.currencyLabel, 'EUR');
    });
  });
  it('sends the first person waiting a voucher by mail as soon as a sold-out seat frees up', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const first = { email: `first.${tag}@example.org`, name: `First Waiting${tag}` };
    const second = { email: `second.${tag}@example.org`, name: `Second Waiting${tag}` };
    await flow('11-waiting-list', async (page, shoot) => {
      await logInToCustomers(page);
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
      await page.screenshot({ path: path.join(session.shots, '11-waiting.png') });

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

  // The OAuth flows come last: the second one creates an organizer, which the earlier flows do not
  // expect (they see the demo organizer alone).
  it('the consent page as a user sees it: register an application, allow it, use its token, revoke it', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const client = await startRedirectServer();
    try {
      await flow('12-oauth-consent', async (page, shoot) => {
        await logInToCustomers(page);
        await page.getByTestId('nav-access').click();
        await page.getByTestId('applications').waitFor();
        // The addresses a developer needs, at this listener.
        assert.equal(await page.getByTestId('oauth-authorize-url').textContent(), `${session.server.baseUrl}/api/v1/oauth/authorize`);
        assert.equal(await page.getByTestId('oauth-token-url').textContent(), `${session.server.baseUrl}/api/v1/oauth/token`);

        const app = await registerApplication(page, `Ticket shop ${tag}`, client.url);
        assert.match(app.clientId, /^[A-Za-z0-9]{40}$/, `a client ID is shown: ${JSON.stringify(app.clientId)}`);
        assert.match(app.secret, /^[A-Za-z0-9]{128}$/, `a secret is shown: ${JSON.stringify(app.secret)}`);
        await page.getByTestId('app-secret-warning').filter({ hasText: 'it will not be shown again' }).waitFor();
        await page.screenshot({ path: path.join(session.shots, '12-oauth-registered.png') });
        await page.getByTestId('app-secret-dismiss').click();
        await page.getByTestId('app-secret-panel').waitFor({ state: 'detached' });
        assert.equal(await page.getByText(app.secret).count(), 0, 'the secret is gone from the page');
        const row = page.locator(`[data-testid="app-row"][data-client-id="${app.clientId}"]`);
        await row.getByTestId('app-state').filter({ hasText: 'Active' }).waitFor();
        assert.equal((await row.getByTestId('app-redirect-uri').textContent())?.trim(), client.url);

        // Someone follows the application's link in a browser without a desk session.
        const { verifier, challenge } = pkce();
        const context = await session.browser.newContext({ viewport: { width: 1000, height: 800 } });
        try {
          const consent = await context.newPage();
          consent.setDefaultTimeout(10_000);
          await consent.goto(authorizeUrl(app, { state: 's1', challenge }));
          await logInForConsent(consent, app);
          const boxes = consent.locator('input[type="checkbox"][name="organizers"]');
          assert.deepEqual(
            await boxes.evaluateAll((inputs) => inputs.map((i) => (i instanceof HTMLInputElement ? i.value : ''))),
            [ORGANIZER],
            'the consent page offers the organizer the user works in',
          );
          await consent.getByRole('button', { name: 'Allow', exact: true }).waitFor();
          await consent.getByRole('button', { name: 'Deny', exact: true }).waitFor();
          await consent.screenshot({ path: path.join(session.shots, '12-consent-page.png') });
          await boxes.first().check();
          const allowed = await decide(consent, app, 'Allow');
          const code = allowed.searchParams.get('code') ?? '';
          assert.ok(code.length > 0, `the client got a code: ${allowed.href}`);
          assert.equal(allowed.searchParams.get('state'), 's1');
          assert.equal(client.hits.at(-1)?.get('code'), code, 'the redirect server received the code');

          // The application trades the code for a token and reads what it was allowed to.
          const token = await exchangeCode(app, code, verifier);
          assert.equal(token.token_type, 'Bearer');
          assert.equal(token.scope, 'read write');
          const listed = await withBearer(token.access_token, 'GET', '/api/v1/organizers/');
          const listedText = await listed.text();
          assert.equal(listed.status, 200, listedText);
          const organizers = JSON.parse(listedText);
          assert.equal(organizers.count, 1, listedText);
          assert.equal(organizers.results[0].slug, ORGANIZER);

          // Saying no sends the browser back with access_denied (the session is still there: no login).
          const denied = pkce();
          await consent.goto(authorizeUrl(app, { state: 's2', challenge: denied.challenge }));
          await consent.getByRole('heading', { name: `Authorize ${app.name}` }).waitFor();
          const refused = await decide(consent, app, 'Deny');
          assert.equal(refused.searchParams.get('error'), 'access_denied', refused.href);
          assert.equal(refused.searchParams.get('state'), 's2');
          assert.equal(refused.searchParams.get('code'), null);

          // The desk lists the access given, and revoking it stops the token.
          await page.getByTestId('access-tab-grants').click();
          const grant = page.getByTestId('grant-row').filter({ hasText: app.name });
          await grant.waitFor();
          assert.equal((await grant.getByTestId('grant-organizers').textContent())?.trim(), 'Demo Venue');
          assert.equal(await page.getByTestId('grant-row').count(), 1, 'denying gave no access');
          assert.match((await grant.getByTestId('grant-scopes').textContent()) ?? '', /Read data.*Change data/);
          await shoot();
          await grant.getByTestId('grant-revoke').click();
          const dialog = page.getByRole('alertdialog');
          assert.equal((await dialog.getByTestId('revoke-grant-application').textContent())?.trim(), app.name);
          await dialog.getByRole('button', { name: 'Revoke' }).click();
          await page.getByTestId('grants-notice').filter({ hasText: `Access for “${app.name}” revoked.` }).waitFor();
          await page.getByTestId('no-grants').waitFor();
          const afterRevoke = await withBearer(token.access_token, 'GET', '/api/v1/organizers/');
          assert.equal(afterRevoke.status, 401, await afterRevoke.text());
          await page.screenshot({ path: path.join(session.shots, '12-oauth-revoked.png') });
        } finally {
          await context.close();
        }
      });
    } finally {
      await client.close();
    }
  });

  it('reseller accounts: an administrator creates one and links the organizer; an organizer created over the reseller API shows in the switcher after logging in again', { timeout: TIMEOUT }, async () => {
    const tag = uniqueTag();
    const account = `Partners ${tag}`;
    const hall = { name: `Hall ${tag}`, slug: `hall-${tag}` };
    const client = await startRedirectServer();
    try {
      await flow('13-resellers', async (page, shoot) => {
        await logInToCustomers(page);
        await page.getByTestId('nav-access').click();
        await page.getByTestId('access-tab-resellers').click();
        await page.getByTestId('resellers').waitFor();

        await page.getByTestId('new-reseller').click();
        const form = page.getByTestId('reseller-form');
        await form.getByLabel('Name', { exact: true }).fill(account);
        await form.getByLabel('Public name').fill(`${account} Ltd.`);
        await form.getByLabel('Support email').fill(`help.${tag}@example.org`);
        await form.getByRole('button', { name: 'Create account' }).click();
        const detail = page.getByTestId('reseller-detail');
        await detail.getByTestId('reseller-title').filter({ hasText: account }).waitFor();
        assert.deepEqual(await detail.getByTestId('reseller-member').allTextContents(), [ADMIN.email]);

        // Nobody with an unknown address is added; the reason shows under the field.
        const memberForm = detail.getByTestId('reseller-member-form');
        await memberForm.getByLabel('Email').fill(`nobody.${tag}@example.org`);
        await memberForm.getByRole('button', { name: 'Add member' }).click();
        await memberForm.getByTestId('field-error').filter({ hasText: 'No staff user has this email address.' }).waitFor();

        // The demo organizer goes into the account.
        const linkForm = detail.getByTestId('reseller-link-form');
        await linkForm.getByLabel('Organizer').selectOption(ORGANIZER);
        await linkForm.getByRole('button', { name: 'Link organizer' }).click();
        await detail.locator(`[data-testid="reseller-organizer"][data-slug="${ORGANIZER}"]`).waitFor();
        await detail.getByTestId('reseller-nothing-to-link').waitFor();

        // A member creates an organizer in the account over the reseller API, with an application they allowed.
        const app = await registerApplication(page, `Reseller tool ${tag}`, client.url);
        await page.getByTestId('app-secret-dismiss').click();
        const { verifier, challenge } = pkce();
        const context = await session.browser.newContext();
        let token;
        try {
          const consent = await context.newPage();
          consent.setDefaultTimeout(10_000);
          await consent.goto(authorizeUrl(app, { state: 'r1', challenge }));
          await logInForConsent(consent, app);
          await consent.locator(`input[name="organizers"][value="${ORGANIZER}"]`).check();
          const allowed = await decide(consent, app, 'Allow');
          token = await exchangeCode(app, allowed.searchParams.get('code') ?? '', verifier);
        } finally {
          await context.close();
        }
        const accounts = await withBearer(token.access_token, 'GET', '/api/v1/var/');
        const accountsText = await accounts.text();
        assert.equal(accounts.status, 200, accountsText);
        const found = JSON.parse(accountsText).results.find((/** @type {{ name: string }} */ a) => a.name === account);
        assert.ok(found, `GET /api/v1/var/ lists ${account}: ${accountsText}`);
        const created = await withBearer(token.access_token, 'POST', `/api/v1/var/${found.id}/create_organizer/`, hall);
        assert.equal(created.status, 201, await created.text());

        // The account shows it beside the demo organizer once the list is looked at again.
        await page.getByTestId('access-tab-resellers').click();
        const row = page.getByTestId('reseller-row').filter({ hasText: account });
        await row.getByTestId('reseller-row-organizer-count').filter({ hasText: '2' }).waitFor();
        await row.getByTestId('open-reseller').click();
        assert.deepEqual(
          await page.getByTestId('reseller-detail').getByTestId('reseller-organizer').evaluateAll((items) =>
            items.map((i) => i.getAttribute('data-slug')),
          ),
          [ORGANIZER, hall.slug].sort(),
        );
        await shoot();

        // The session knew one organizer; after logging in again, the header switches between both.
        assert.equal(await page.getByTestId('organizer-switcher').count(), 0);
        await page.getByTestId('logout').click();
        await page.getByTestId('login-notice').waitFor();
        await logInToCustomers(page);
        const switcher = page.getByTestId('organizer-switcher');
        assert.deepEqual(await switcher.locator('option').allTextContents(), ['Demo Venue', hall.name].sort());
        await switcher.selectOption(hall.slug);
        await page.waitForFunction((name) => document.title.includes(name), hall.name);
        await page.getByRole('combobox', { name: 'Search customers' }).waitFor();
        // The creator's team there may do everything.
        await page.getByTestId('nav-teams').waitFor();
        await page.screenshot({ path: path.join(session.shots, '13-new-organizer.png') });
      });
    } finally {
      await client.close();
    }
  });
});
