// End-to-end harness: a real `tessera serve` on a fresh database file, and headless Chromium
// driven by playwright-core, and clients for the server's HTTP APIs. Used by flows.mjs and the
// *.test.mjs files in this folder (node --test).
//
// Needs: the UI built into ui/dist (`npm run build`) and the server binary, from env TESSERA_BIN
// (default target/debug/tessera, relative to the repo root). Screenshots go to
// TESSERA_E2E_SCREENSHOTS, or a new temp folder whose path is printed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const UI_DIST = path.join(REPO_ROOT, 'ui', 'dist');
export const ORGANIZER = 'demo';
export const ADMIN = { email: 'admin@example.org', password: 'e2e correct horse battery staple' };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The environment for our child processes, without settings that would override the flags. */
function childEnv(extra = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('TESSERA_')) env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs a command to completion; rejects with its output when it fails.
 * @param {string} bin
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<string>} stdout
 */
function run(bin, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(bin)} ${args[0]} exited with ${code}\n${stdout}${stderr}`));
    });
  });
}

/** @returns {Promise<number>} a TCP port that was free a moment ago on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} TesseraServer
 * @property {string} baseUrl
 * @property {string} db
 * @property {() => string} log           everything the server printed so far
 * @property {() => Promise<string>} createToken  a new team API token for the demo organizer
 * @property {() => Promise<void>} stop
 */

/**
 * Initializes a fresh database (organizer "demo", admin user) and starts `tessera serve` on it.
 * @param {{ env?: Record<string, string> }} [options]  `env`: extra environment for `tessera serve`
 *   (TESSERA_SMTP_URL, say); the parent's TESSERA_* variables never reach it.
 * @returns {Promise<TesseraServer>}
 */
export async function startServer(options = {}) {
  const bin = path.resolve(REPO_ROOT, process.env.TESSERA_BIN ?? 'target/debug/tessera');
  if (!existsSync(bin)) {
    throw new Error(`No server binary at ${bin}: build it (cargo build) or set TESSERA_BIN.`);
  }
  if (!existsSync(path.join(UI_DIST, 'index.html'))) {
    throw new Error(`No built UI in ${UI_DIST}: run \`npm run build\` first.`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-e2e-'));
  const db = path.join(dir, 'tessera.db');
  await run(
    bin,
    ['init', '--db', db, '--organizer', ORGANIZER, '--organizer-name', 'Demo Venue', '--admin-email', ADMIN.email],
    { TESSERA_ADMIN_PASSWORD: ADMIN.password },
  );

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--ui-dir', UI_DIST], {
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!running) {
      await stop();
      throw new Error(`tessera serve exited before it was healthy:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`tessera serve did not answer GET /api/health with 200 within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    db,
    log: () => output,
    async createToken() {
      const stdout = await run(bin, ['token', 'create', '--db', db, '--organizer', ORGANIZER]);
      const token = stdout.trim().split(/\s+/).at(-1);
      if (!token) throw new Error(`tessera token create printed no token: ${JSON.stringify(stdout)}`);
      return token;
    },
    stop,
  };
}

/**
 * A JSON request to the server's HTTP API as an outside client makes it (a ticket shop, a
 * terminal): it accepts JSON, sends `body` as JSON, and `authorization` as the header when given.
 * @param {string} url
 * @param {{ method?: string, authorization?: string, body?: unknown }} [options]
 * @returns {Promise<Response>}
 */
export function apiFetch(url, { method = 'GET', authorization, body } = {}) {
  return fetch(url, {
    method,
    headers: {
      Accept: 'application/json',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A client for the pretix dialect, for arranging and checking data beside the UI.
 * @param {string} baseUrl
 * @param {string} token  a team API token of the demo organizer
 */
export function pretixApi(baseUrl, token) {
  const root = `${baseUrl}/api/v1/organizers/${ORGANIZER}/customers/`;
  /**
   * @param {string} method
   * @param {string} url
   * @param {number} expectedStatus
   * @param {unknown} [body]
   */
  async function call(method, url, expectedStatus, body) {
    const response = await apiFetch(url, { method, authorization: `Token ${token}`, body });
    const text = await response.text();
    if (response.status !== expectedStatus) {
      throw new Error(`${method} ${url} answered ${response.status}, expected ${expectedStatus}: ${text}`);
    }
    return text === '' ? null : JSON.parse(text);
  }
  return {
    /** @param {Record<string, unknown>} body */
    createCustomer: (body) => call('POST', root, 201, body),
    /** @param {string} identifier */
    getCustomer: (identifier) => call('GET', `${root}${identifier}/`, 200),
    /**
     * The organizer's customers with this email address.
     * @param {string} email
     * @returns {Promise<{ identifier: string, email: string, name: string }[]>}
     */
    findCustomers: async (email) => (await call('GET', `${root}?${new URLSearchParams({ email })}`, 200)).results,
  };
}

/**
 * Pairs a terminal over the device API with an initialization token (a device's pairing code), as
 * a pretix device does: it calls itself a Zebra TC25 running Till 1.0. Fails unless the server
 * answers 200.
 * @param {string} baseUrl
 * @param {string} initializationToken
 * @returns {Promise<string>} the device's API token, as the server sent it
 */
export async function initializeDevice(baseUrl, initializationToken) {
  const response = await apiFetch(`${baseUrl}/api/v1/device/initialize`, {
    method: 'POST',
    body: {
      token: initializationToken,
      hardware_brand: 'Zebra',
      hardware_model: 'TC25',
      software_brand: 'Till',
      software_version: '1.0',
    },
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text).api_token;
}

/**
 * The device API's `GET /api/v1/device/info` as the device with `apiToken` asks it (which marks
 * the device as seen).
 * @param {string} baseUrl
 * @param {string} apiToken
 */
export function deviceInfo(baseUrl, apiToken) {
  return apiFetch(`${baseUrl}/api/v1/device/info`, { authorization: `Device ${apiToken}` });
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Where screenshots go; created on first use. */
export async function screenshotDir() {
  const configured = process.env.TESSERA_E2E_SCREENSHOTS;
  if (configured) {
    await mkdir(configured, { recursive: true });
    return configured;
  }
  return mkdtemp(path.join(tmpdir(), 'tessera-e2e-shots-'));
}

/** A short random tag that makes each test's data unique and searchable. */
export function uniqueTag() {
  return Math.random().toString(36).slice(2, 8);
}
