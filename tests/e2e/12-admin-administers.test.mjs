// Issue 13, "An admin who can administer", in Chromium:
// - an admin uploads a file with one bad line: it is refused line by line in
//   Vietnamese and nothing is stored; the corrected file is stored;
// - an admin adds Tết 2027 days off (with the notice's number) and a
//   deadline that fell on them moves past them;
// - an admin sets a yearly target and the head's dashboard shows it;
// - an admin resets a password: the user must change it at the next login.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, CLERK, HEAD, launch, login, newPage, screenshot } from './lib.mjs';

const CASE = 'HN-KV1-E2E-TET27';
let browser, admin, dir;

// A case whose re-verification falls on Wednesday 10/02/2027: verified and
// declared unable on 10/08/2026, re-verified at least every 6 months (Art. 44(2)).
function caseLines(badAgency) {
  const ev = (seq, type, date, extra = {}) => ({ kind: 'event', case: CASE, seq, type, date, ...extra });
  return [
    ev(1, 'case_opened', '2026-06-01', {
      agency: badAgency ? 'KHONG-CO' : 'HN-KV1', mode: 'proactive', judgment_kind: 'civil',
      judgment: { number: '77/2026/DS-ST', court: 'Tòa án nhân dân khu vực 1 - Hà Nội', date: '2026-04-01', effective_date: '2026-05-04' },
      debtor: { name: 'Vương Thị Tết', kind: 'person', address: 'Phường Láng, Hà Nội' },
      creditor: { name: 'Nhà nước', kind: 'state' },
      obligations: [{ category: 'court_fee', amount: 3000000 }],
    }),
    ev(2, 'officer_assigned', '2026-06-01', { officer: 'HN-CHV-001' }),
    ev(3, 'notified', '2026-06-03'),
    ev(4, 'verified', '2026-08-10', { result: 'unable', reason: 'Không có tài sản, thu nhập' }),
    ev(5, 'unable_decided', '2026-08-10', { reason: 'no_income_or_assets' }),
  ].map((l) => JSON.stringify(l)).join('\n') + '\n';
}

async function upload(content) {
  const file = path.join(dir, 'tet27.jsonl');
  fs.writeFileSync(file, content);
  await admin.goto('/admin/import');
  await admin.locator('#f-file').setInputFiles(file);
  await Promise.all([admin.waitForNavigation(), admin.locator('#import-submit').click()]);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-e2e-admin-'));
  browser = await launch();
  admin = await newPage(browser);
  await login(admin, ADMIN);
});
after(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a file with one bad line is refused line by line and nothing is stored', async () => {
  await upload(caseLines(true));
  const lines = admin.locator('#refusal-lines li');
  assert.ok((await lines.count()) >= 1);
  assert.equal(await lines.first().getAttribute('data-line'), '1');
  assert.match(await lines.first().innerText(), /^Dòng 1: Cơ quan: Không tìm thấy cơ quan thi hành án/);
  await screenshot(admin, 'admin-import-refused');
  const head = await newPage(browser);
  await login(head, HEAD);
  const r = await head.goto(`/cases/${CASE}`);
  assert.equal(r.status(), 404, 'nothing of the file was stored');
  await head.context().close();
});

async function reverifyDue(page) {
  await page.goto(`/cases/${CASE}`);
  return (await page.locator('tr[data-action="reverify"] td:nth-child(2)').first().innerText()).trim();
}

test('the corrected file is stored; the 2027 Tết days off move a deadline that fell on them', async () => {
  await upload(caseLines(false));
  assert.match(await admin.locator('.intro').innerText(), /Đã nhập 5 dòng/);
  const head = await newPage(browser);
  await login(head, HEAD);
  assert.equal(await reverifyDue(head), '10/02/2027');
  for (const date of ['10/02/2027', '11/02/2027']) {
    await admin.goto('/admin/holidays');
    await admin.locator('#f-date').fill(date);
    await admin.locator('#f-type').selectOption('day_off');
    await admin.locator('#f-name').fill('Tết Nguyên đán');
    await admin.locator('#f-notice').fill('E2E/TB-LĐTBXH');
    await Promise.all([admin.waitForNavigation(), admin.locator('#holidays-submit').click()]);
    assert.ok(await admin.locator('#admin-ok').count(), await admin.locator('main').innerText());
  }
  assert.match(await admin.locator('#holidays-table').innerText(), /11\/02\/2027\s+Ngày nghỉ\s+Tết Nguyên đán \(Thông báo số E2E\/TB-LĐTBXH\)/);
  await screenshot(admin, 'admin-holidays');
  assert.equal(await reverifyDue(head), '12/02/2027', 'the deadline moves to the next working day');
  await head.context().close();
});

test('an admin creates a head for HN-KV2, sets its target, and the head\'s dashboard shows it', async () => {
  const head2 = { login: 'truong.kv2', password: 'thu-truong-KV2-e2e' };
  await admin.goto('/admin/users');
  await admin.locator('#new-login').fill(head2.login);
  await admin.locator('#new-role').selectOption('head');
  await admin.locator('#new-agency').selectOption('HN-KV2');
  await admin.locator('#new-password').fill(head2.password);
  await Promise.all([admin.waitForNavigation(), admin.locator('#user-submit').click()]);
  assert.ok(await admin.locator('#users-ok').count(), await admin.locator('main').innerText());
  // The statistical year of today: from 1 October to 30 September.
  const now = new Date(Date.now() + 7 * 3600 * 1000);
  const fy = now.getUTCMonth() >= 9 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  await admin.goto('/admin/targets');
  await admin.locator('#f-agency').selectOption('HN-KV2');
  await admin.locator('#f-fiscal_year').fill(String(fy));
  await admin.locator('#f-cases_rate').fill('77,7');
  await admin.locator('#f-money_rate').fill('41,25');
  await Promise.all([admin.waitForNavigation(), admin.locator('#targets-submit').click()]);
  assert.ok(await admin.locator('#admin-ok').count(), await admin.locator('main').innerText());
  await screenshot(admin, 'admin-targets');
  const head = await newPage(browser);
  await login(head, head2);
  await head.goto('/dashboard');
  assert.equal((await head.locator('#cases-target').innerText()).trim(), '77,70%');
  assert.equal((await head.locator('#money-target').innerText()).trim(), '41,25%');
  await head.context().close();
});

test('a password reset by the admin must be changed at the next login', async () => {
  const fresh = 'dat-lai-boi-quan-tri-1';
  await admin.goto(`/admin/users/${CLERK.login}`);
  await admin.locator('#reset-password').fill(fresh);
  await admin.locator('#reset-confirm').fill(fresh);
  await Promise.all([admin.waitForNavigation(), admin.locator('#user-reset-submit').click()]);
  assert.match(await admin.locator('#admin-ok').innerText(), /Đã đặt lại mật khẩu/);
  const clerk = await newPage(browser);
  await clerk.goto('/login');
  await clerk.locator('#login').fill(CLERK.login);
  await clerk.locator('#password').fill(fresh);
  await Promise.all([clerk.waitForURL(/\/password/), clerk.locator('#login-submit').click()]);
  assert.ok(await clerk.locator('#password-must').count());
  await clerk.goto('/queue');
  assert.equal(new URL(clerk.url()).pathname, '/password', 'nothing else until the password is changed');
  await clerk.locator('#old_password').fill(fresh);
  await clerk.locator('#new_password').fill(CLERK.password);
  await clerk.locator('#confirm_password').fill(CLERK.password);
  await Promise.all([clerk.waitForNavigation(), clerk.locator('#password-submit').click()]);
  await clerk.goto('/queue');
  assert.equal(new URL(clerk.url()).pathname, '/queue');
  await clerk.context().close();
});
