// What the *.test.mjs files in this folder share on top of the harness: one session per file (a
// server on a fresh database, an API client for it, the browser, the screenshot folder), a fresh
// browser context per flow with its screenshots, logging in through the login screen, and calls to
// the desk API with the page's session cookie.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ADMIN, ORGANIZER, launchBrowser, pretixApi, screenshotDir, startServer } from './harness.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').BrowserContextOptions} BrowserContextOptions */

/**
 * @typedef {object} Session
 * @property {import('./harness.mjs').TesseraServer} server
 * @property {ReturnType<typeof pretixApi>} api  the pretix dialect with a team API token of the demo organizer
 * @property {Browser} browser
 * @property {string} shots                      the folder screenshots go to
 * @property {() => Promise<void>} close         closes the browser and stops the server
 */

/**
 * A test file's `before`: starts a server on a fresh database, makes a team API token for it,
 * launches the browser and prints where screenshots go. Whatever it started is stopped again when
 * a later step fails.
 * @param {{ env?: Record<string, string> }} [options]  for `startServer`
 * @returns {Promise<Session>}
 */
export async function openSession(options = {}) {
  const server = await startServer(options);
  /** @type {Browser | undefined} */
  let browser;
  try {
    const api = pretixApi(server.baseUrl, await server.createToken());
    const launched = await launchBrowser();
    browser = launched;
    const shots = await screenshotDir();
    console.log(`# screenshots: ${shots}`);
    const close = async () => {
      await launched.close();
      await server.stop();
    };
    return { server, api, browser: launched, shots, close };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/**
 * @typedef {object} FlowOptions
 * @property {BrowserContextOptions} [context]  for the flow's context: viewport, time zone, downloads
 * @property {number} [timeout]                 the page's default timeout in ms (10 s unless given)
 * @property {boolean} [fullPage]               screenshots of the whole page, not just the viewport
 */

/**
 * Runs one flow in a fresh browser context (no cookies) and saves a screenshot `<name>.png`: when
 * the flow calls `shoot()`, otherwise at its end. The page may throw no uncaught errors. On
 * failure it saves `<name>-failed.png` and prints the server log.
 * @param {Session} session
 * @param {string} name
 * @param {(page: Page, shoot: () => Promise<void>) => Promise<void>} body
 * @param {FlowOptions} [options]
 */
export async function runFlow(session, name, body, options = {}) {
  const context = await session.browser.newContext(options.context);
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeout ?? 10_000);
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  /** @param {string} file */
  const screenshot = (file) => page.screenshot({ path: path.join(session.shots, file), fullPage: options.fullPage });
  let shot = false;
  const shoot = async () => {
    await screenshot(`${name}.png`);
    shot = true;
  };
  try {
    await body(page, shoot);
    if (!shot) await shoot();
    assert.deepEqual(pageErrors, [], 'the page threw no uncaught errors');
  } catch (error) {
    await screenshot(`${name}-failed.png`).catch(() => {});
    console.log(`# server log:\n${session.server.log()}`);
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Logs in through the login screen and waits for the overview, where the desk lands.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} [who]  the administrator unless given
 */
export async function logIn(page, baseUrl, who = ADMIN) {
  await page.goto(baseUrl);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByTestId('dashboard').waitFor();
}

/**
 * A call to the desk API of the demo organizer, at the page's origin with its session cookie (so
 * the page must be logged in); fails unless it answers `expected`, where 200 also accepts 201 so
 * that creating calls need not say so.
 * @param {Page} page
 * @param {string} method
 * @param {string} pathname  under /api/desk/organizers/<organizer>/
 * @param {unknown} [body]   sent as JSON
 * @param {number} [expected]
 * @returns {Promise<any>} the parsed body, or null when it is empty
 */
export async function deskRequest(page, method, pathname, body, expected = 200) {
  const url = `${new URL(page.url()).origin}/api/desk/organizers/${ORGANIZER}/${pathname}`;
  const response = await page.request.fetch(url, {
    method,
    headers: { Accept: 'application/json' },
    ...(body === undefined ? {} : { data: /** @type {any} */ (body) }),
  });
  const text = await response.text();
  assert.ok(
    response.status() === expected || (expected === 200 && response.status() === 201),
    `${method} ${pathname} answered ${response.status()}, expected ${expected}: ${text}`,
  );
  return text === '' ? null : JSON.parse(text);
}
