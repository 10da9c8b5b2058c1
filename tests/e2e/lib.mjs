// Shared pieces of the end-to-end tests: the server's address and accounts
// (set by run.sh), launching Debian's chromium through playwright-core,
// logging in, screenshots, and reading Vietnamese numbers off a page.
import path from 'node:path';
import { chromium } from 'playwright-core';

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through tests/e2e/run.sh`);
  return v;
}

export const BASE = env('THADS_E2E_URL');
export const SHOTS = env('THADS_E2E_SHOTS');
export const OFFICER = { login: env('THADS_E2E_OFFICER'), password: env('THADS_E2E_OFFICER_PASSWORD') };
export const OFFICER2 = { login: env('THADS_E2E_OFFICER2'), password: env('THADS_E2E_OFFICER2_PASSWORD') };
export const HEAD = { login: env('THADS_E2E_HEAD'), password: env('THADS_E2E_HEAD_PASSWORD') };
export const ADMIN = { login: env('THADS_E2E_ADMIN'), password: env('THADS_E2E_ADMIN_PASSWORD') };
export const CLERK = { login: env('THADS_E2E_CLERK'), password: env('THADS_E2E_CLERK_PASSWORD') };
export const PROCURACY = { login: env('THADS_E2E_PROCURACY'), password: env('THADS_E2E_PROCURACY_PASSWORD') };
// Steering (issue 17): the province's head, its steering secretariat, two bodies' users.
export const PHEAD = { login: env('THADS_E2E_PHEAD'), password: env('THADS_E2E_PHEAD_PASSWORD') };
export const STEERING = { login: env('THADS_E2E_STEERING'), password: env('THADS_E2E_STEERING_PASSWORD') };
export const POLICE = { login: env('THADS_E2E_POLICE'), password: env('THADS_E2E_POLICE_PASSWORD') };
export const FOLLOWER = { login: env('THADS_E2E_FOLLOWER'), password: env('THADS_E2E_FOLLOWER_PASSWORD') };

// The fixture's cases (tests/e2e/fixture/cases.jsonl).
export const CASES = {
  nhung: 'HN-KV1-2025-0101',       // Nguyễn Thị Hồng Nhung, officer HN-CHV-001, partly collected
  van: 'HN-KV1-2025-0102',         // Nguyễn Thị Hồng Vân, officer HN-CHV-002
  hung: 'HN-KV1-2025-0103',        // Đặng Văn Hùng, officer HN-CHV-001, verified unable
  script: 'HN-KV1-2025-0104',      // <script>alert(1)</script>, without conditions
  nhungKV2: 'HN-KV2-2025-0301',    // the namesake in HN-KV2
};

// Debian's chromium with the flags known to work on this machine (no
// background networking: the network is closed). Playwright's launch() starts
// it with a new empty --user-data-dir of its own (it refuses one in `args`)
// and removes it on close.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.THADS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// A fresh context (no cookies) and page. Every dialog is recorded and
// dismissed: a test that must see none checks `page.dialogs`.
export async function newPage(browser) {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(15000);
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e)));
  return page;
}

// Logs in through the login form; resolves once the user's home page has loaded.
export async function login(page, user, { shot } = {}) {
  await page.goto('/login');
  await page.locator('#login').fill(user.login);
  await page.locator('#password').fill(user.password);
  if (shot) await screenshot(page, shot);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.locator('#login-submit').click(),
  ]);
  await page.locator('#current-user').waitFor();
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

// "1.234.567 đ" -> 1234567; "12" -> 12; "1.234" -> 1234.
export function vnInt(text) {
  const t = String(text).replace(/\s|đ/g, '');
  if (!/^-?[\d.]+$/.test(t)) throw new Error(`not a Vietnamese integer: ${JSON.stringify(text)}`);
  return Number(t.replace(/\./g, ''));
}

// "83,90%" -> 83.9; "-" -> null.
export function vnPercent(text) {
  const t = String(text).trim();
  if (t === '-') return null;
  const m = /^(-?\d+),(\d{2})%$/.exec(t);
  if (!m) throw new Error(`not a Vietnamese percentage: ${JSON.stringify(text)}`);
  return Number(`${m[1]}.${m[2]}`);
}

// The legal day (UTC+7) as dd/mm/yyyy: the default date of every event form.
export function vnToday() {
  const d = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

export const MONEY_RE = /^\d{1,3}(\.\d{3})* đ$/;
export const DATE_RE = /^\d{2}\/\d{2}\/\d{4}$/;
