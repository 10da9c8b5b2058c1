// Scenario 3 of issue 3, item 6: the public list (no login) shows a debtor as
// soon as a decision that the case is not yet enforceable (unable_decided) is
// recorded, and drops them as soon as enforcement is resumed (resumed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, CASES, DATE_RE, MONEY_RE, OFFICER, launch, login, newPage, screenshot, vnToday } from './lib.mjs';

let browser, officer, visitor;

before(async () => {
  browser = await launch();
  officer = await newPage(browser);
  visitor = await newPage(browser); // never logs in
});
after(async () => {
  await browser?.close();
});

// The public list searched for `q` (unaccented), as a visitor without a session.
async function publicRows(q) {
  await visitor.goto('/public/unable-debtors');
  assert.equal(await visitor.locator('#current-user').count(), 0, 'no session');
  await visitor.locator('#q').fill(q);
  await Promise.all([visitor.waitForURL(/\/public\/unable-debtors\?q=/), visitor.locator('#public-search-submit').click()]);
  return visitor.locator('#public-list tbody tr.debtor');
}

async function publicApi(q) {
  const r = await visitor.request.get(`${BASE}/api/v1/public/unable-debtors?q=${encodeURIComponent(q)}`);
  assert.equal(r.status(), 200);
  return r.json();
}

async function record(type, fill = async () => {}) {
  await officer.goto(`/cases/${CASES.hung}`);
  await officer.locator(`details#form-${type} > summary`).click();
  const form = officer.locator(`details#form-${type} form`);
  await fill(form);
  await Promise.all([officer.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  assert.equal(await officer.locator('#timeline li.event').last().getAttribute('data-type'), type);
}

test('before the decision the debtor is not on the public list', async () => {
  const rows = await publicRows('dang van hung');
  assert.equal(await rows.count(), 0);
  assert.equal(await visitor.locator('#public-empty').innerText(), 'Không có người nào phù hợp.');
  const api = await publicApi('dang van hung');
  assert.equal(JSON.stringify(api).includes('Đặng Văn Hùng'), false, JSON.stringify(api));
});

test('the officer records that the case is not yet enforceable', async () => {
  await login(officer, OFFICER);
  await record('unable_decided', (form) => form.locator('select[name="reason"]').selectOption('no_income_or_assets'));
  assert.equal(await officer.locator('#case-summary').getAttribute('data-status'), 'unable');
  assert.equal(await officer.locator('#case-status').innerText(), 'Chưa có điều kiện thi hành');
  assert.match(await officer.locator('#case-public').innerText(), /Đang công khai/);
});

test('the public list shows the debtor at once, found without diacritics', async () => {
  const rows = await publicRows('dang van hung');
  assert.equal(await rows.count(), 1);
  const row = rows.first();
  assert.equal(await row.locator('td.name').innerText(), 'Đặng Văn Hùng');
  const text = await row.innerText();
  assert.match(text, /Thôn Đông, xã Sóc Sơn, Hà Nội/, 'address');
  assert.match(text, /318\/2025\/DS-ST/, 'judgment');
  assert.match(text, new RegExp(CASES.hung), 'enforcement decision');
  assert.match(text, /Không có thu nhập, tài sản/, 'reason in Vietnamese');
  assert.match((await row.locator('td.num').innerText()).trim(), MONEY_RE);
  assert.equal((await row.locator('td.num').innerText()).trim(), '1.234.567.000 đ');
  assert.equal((await row.locator('td').last().innerText()).trim(), vnToday(), 'decided today');
  assert.ok((await row.locator('td').allInnerTexts()).some((t) => DATE_RE.test(t.trim())));
  // No other personal data: the fixture's ID number is never shown.
  assert.equal((await visitor.content()).includes('001090054321'), false, 'no ID number on the public page');
  const api = await publicApi('dang van hung');
  const json = JSON.stringify(api);
  assert.ok(json.includes('Đặng Văn Hùng'), json);
  assert.equal(json.includes('001090054321'), false, 'no ID number in the public API');

  // The whole list, for the screenshot: the fixture's other debtors too.
  await visitor.goto('/public/unable-debtors');
  const names = await visitor.locator('#public-list td.name').allInnerTexts();
  assert.ok(names.includes('Đặng Văn Hùng') && names.includes('Lương Văn Thắng'), names.join(' | '));
  await screenshot(visitor, 'public-list');
});

test('after resumption the debtor drops off the public list at once', async () => {
  await record('resumed');
  assert.equal(await officer.locator('#case-summary').getAttribute('data-status'), 'active');
  assert.equal(await officer.locator('#case-public').count(), 0);
  const rows = await publicRows('dang van hung');
  assert.equal(await rows.count(), 0);
  await visitor.locator('#public-empty').waitFor();
  const api = await publicApi('dang van hung');
  assert.equal(JSON.stringify(api).includes('Đặng Văn Hùng'), false, JSON.stringify(api));
  // The other debtors stay.
  await visitor.goto('/public/unable-debtors');
  assert.ok((await visitor.locator('#public-list td.name').allInnerTexts()).includes('Lương Văn Thắng'));
});
