// The real Tessera window (Tauri + WebKitGTK) driven through tauri-driver and WebKitWebDriver.
// Run under a display (the test script wraps it in `xvfb-run`). The database is made by
// `tessera init` first, so the window opens at the login screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { remote } from 'webdriverio';

const root = resolve(import.meta.dirname, '../..');
const desktopBin = process.env.TESSERA_DESKTOP_BIN ?? join(root, 'target/debug/tessera-desktop');
const cliBin = process.env.TESSERA_BIN ?? join(root, 'target/debug/tessera');
const password = 'desk password 1';

function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise((ok) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); ok(true); });
      socket.on('error', () => ok(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port} after ${ms} ms`);
}

let driver;
let browser;
let work;
let startPort;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tessera-desktop-'));
  const db = join(work, 'desk.sqlite3');
  execFileSync(cliBin, ['init', '--db', db, '--organizer', 'demo', '--organizer-name', 'Demo Venue',
    '--admin-email', 'desk@example.org'], { env: { ...process.env, TESSERA_ADMIN_PASSWORD: password } });
  const env = {
    ...process.env,
    TESSERA_DB: db,
    TESSERA_LISTEN: `127.0.0.1:${(startPort = await freePort())}`,
    XDG_DATA_HOME: join(work, 'data'),
    XDG_CONFIG_HOME: join(work, 'config'),
    XDG_CACHE_HOME: join(work, 'cache'),
  };
  // Its own process group, so that the window it starts through WebKitWebDriver can be stopped
  // with it; its output goes to a file, so that a window left behind holds no pipe of this runner.
  const log = openSync(join(work, 'tauri-driver.log'), 'w');
  driver = spawn('tauri-driver', [], { env, stdio: ['ignore', log, log], detached: true });
  console.log(`tauri-driver log: ${join(work, 'tauri-driver.log')}`);
  await waitForPort(4444, 20000);
  browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: { 'tauri:options': { application: desktopBin } },
  });
});

after(async () => {
  try {
    if (browser) {
      const shot = await browser.takeScreenshot();
      writeFileSync(join(work, 'desktop.png'), Buffer.from(shot, 'base64'));
      console.log(`desktop screenshot: ${join(work, 'desktop.png')}`);
      await browser.deleteSession();
    }
  } finally {
    // The whole group: tauri-driver, WebKitWebDriver and the window, should one outlive the session.
    if (driver?.pid) {
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const log = readFileSync(join(work, 'tauri-driver.log'), 'utf8').trim();
      if (log) console.log(`tauri-driver and the window said:\n${log.split('\n').slice(-40).join('\n')}`);
    }
  }
});

test('log in, create a customer and see it in the list', async () => {
  const email = await browser.$('#login-email');
  await email.waitForDisplayed({ timeout: 20000 });
  await email.setValue('desk@example.org');
  await browser.$('#login-password').setValue(password);
  await browser.$('[data-testid="login-form"] button[type="submit"]').click();

  // The desk lands on its overview: today's figures, drawn from the same services.
  const overview = await browser.$('[data-testid="dashboard"]');
  await overview.waitForDisplayed({ timeout: 15000 });
  assert.ok(await browser.$('[data-testid="hour-chart"]').isExisting(), 'the hourly chart is drawn');
  const customers = await browser.$('[data-testid="nav-customers"]');
  await customers.waitForClickable({ timeout: 10000 });
  await customers.click();

  const newCustomer = await browser.$('[data-testid="new-customer"]');
  await newCustomer.waitForClickable({ timeout: 15000 });
  await newCustomer.click();
  const form = await browser.$('[data-testid="customer-form"]');
  await form.waitForDisplayed({ timeout: 5000 });
  await form.$('input[id$="name-full_name"]').setValue('Window Customer');
  await form.$('input[type="email"]').setValue('window@example.org');
  await form.$('button[type="submit"]').click();

  // The list is re-rendered after the save, so look it up afresh each time.
  const listText = () =>
    browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="customer-row"]'))
        .map((row) => row.textContent)
        .join('\n'),
    );
  await browser.waitUntil(async () => (await listText()).includes('Window Customer'), {
    timeout: 10000,
    timeoutMsg: 'the new customer never appeared in the list',
  });
  assert.match(await listText(), /window@example\.org/);
});

async function healthy(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

test('an administrator moves the HTTP listener to another port without restarting the window', async () => {
  assert.ok(await healthy(startPort), 'the window started its listener');
  const devices = await browser.$('[data-testid="nav-devices"]');
  await devices.waitForClickable({ timeout: 10000 });
  await devices.click();
  const address = await browser.$('[data-testid="listener-address"]');
  await address.waitForDisplayed({ timeout: 10000 });
  assert.match(await address.getText(), new RegExp(`:${startPort}$`));

  const newPort = await freePort();
  const port = await browser.$('[data-testid="listener-port"]');
  await port.clearValue();
  await port.setValue(String(newPort));
  await browser.$('[data-testid="listener-apply"]').click();
  await browser.waitUntil(async () => (await address.getText()).endsWith(`:${newPort}`), {
    timeout: 10000,
    timeoutMsg: 'the panel never showed the new port',
  });
  assert.ok(await healthy(newPort), 'the new port answers at once');
  assert.ok(!(await healthy(startPort)), 'the old port is closed');
});
