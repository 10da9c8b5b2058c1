// Issue 16, item 8: coordination with other bodies in Chromium. The
// administrator registers a land registry and a bank; the officer sends the
// land registry a request from the case page (the debtor prefilled), records
// its answer, freezes the debtor's account, is refused a second freeze beyond
// the debt (over_freeze), prints the freeze decision as PDF and lifts the
// freeze; the head reads the purpose ledger and the coordination report. Each
// page passes axe.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { ADMIN, BASE, HEAD, OFFICER, launch, login, newPage, screenshot } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

const CASE = 'HN-KV1-E2E-MOI';  // fixture/recent.mjs: opened yesterday, HN-CHV-001, 27.500.000 đ owed
const ID_NUMBER = '001090012399';
let browser, admin, officer, head;

before(async () => {
  browser = await launch();
  [admin, officer, head] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
});
after(async () => {
  await browser?.close();
});

async function noAxeViolation(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  assert.deepEqual(found, [], `${page.url()}: ${JSON.stringify(found)}`);
}

async function addBody(code, name, type) {
  await admin.goto('/admin/bodies');
  const form = admin.locator('#body-form');
  await form.locator('[name="code"]').fill(code);
  await form.locator('[name="name"]').fill(name);
  await form.locator('[name="type"]').selectOption(type);
  await form.locator('[name="agency"]').selectOption('HN');
  await Promise.all([admin.waitForURL(/\?ok=added/), form.locator('#body-submit').click()]);
}

async function send(fields) {
  await officer.goto(`/cases/${CASE}`);
  await officer.locator('details#form-send-request').evaluate((d) => { d.open = true; });
  const form = officer.locator('form#send-request');
  await form.locator('[name="body"]').selectOption(fields.body);
  await form.locator('[name="purpose"]').selectOption(fields.purpose);
  await form.locator('[name="subject.id_number"]').fill(ID_NUMBER);
  await form.locator('[name="amount"]').fill(fields.amount || '');
  await Promise.all([officer.waitForLoadState('load'), form.locator('#send-request-submit').click()]);
}

function row(text) {
  return officer.locator('#requests-table tr.request', { hasText: text });
}

test('the administrator registers a land registry and a bank of Hà Nội', async () => {
  await login(admin, ADMIN);
  await addBody('HN-VPDK-E2E', 'Văn phòng Đăng ký đất đai Hà Nội (E2E)', 'land_registry');
  await addBody('HN-NH-E2E', 'Ngân hàng E2E chi nhánh Hà Nội', 'bank');
  assert.equal(await admin.locator('#bodies-table tr[data-code="HN-NH-E2E"]').count(), 1);
  await noAxeViolation(admin);
});

test('the officer asks the land registry and records its answer', async () => {
  await login(officer, OFFICER);
  await officer.goto(`/cases/${CASE}`);
  assert.equal(await officer.locator('form#send-request [name="subject.name"]').inputValue(), 'Hoàng Minh Tuấn', 'the debtor by default');
  await noAxeViolation(officer);
  await send({ body: 'HN-VPDK-E2E', purpose: 'verify_assets' });
  assert.match(officer.url(), /\?ok=recorded/);
  const asked = row('Văn phòng Đăng ký đất đai Hà Nội (E2E)');
  assert.match(await asked.locator('td.answer').innerText(), /Chưa trả lời/);
  assert.match(await asked.innerText(), /Điều 44/, 'the answer deadline cites its article');
  const answer = asked.locator('form[name="answered"]');
  await answer.locator('[name="result"]').selectOption('found');
  await answer.locator('[name="note"]').fill('Thửa đất số 12, tờ bản đồ 5');
  await Promise.all([officer.waitForURL(/\?ok=recorded/), answer.locator('button[type="submit"]').click()]);
  assert.match(await row('Văn phòng Đăng ký đất đai Hà Nội (E2E)').locator('td.answer').innerText(), /Có tài sản/);
});

test('the officer freezes an account and is refused a second freeze beyond the debt', async () => {
  await send({ body: 'HN-NH-E2E', purpose: 'freeze_account', amount: '20000000' });
  assert.match(officer.url(), /\?ok=recorded/);
  assert.equal(await officer.locator('#freeze-frozen').innerText(), '20.000.000 đ');
  assert.equal(await officer.locator('#freeze-remaining').innerText(), '27.500.000 đ');
  await send({ body: 'HN-NH-E2E', purpose: 'freeze_account', amount: '10000000' });
  assert.equal(await officer.locator('#refusal-code').innerText(), 'over_freeze');
  assert.match(await officer.locator('#refusal-message').innerText(), /[ăâđêôơư]/i, 'a Vietnamese reason');
  assert.equal(await officer.locator('form#send-request [name="amount"]').inputValue(), '10000000', 'what was typed');
  await noAxeViolation(officer);
  await screenshot(officer, 'coordination-over-freeze');
});

test('the freeze decision prints as PDF, and the officer lifts the freeze', async () => {
  await officer.goto(`/cases/${CASE}`);
  const frozen = row('Ngân hàng E2E chi nhánh Hà Nội');
  const href = await frozen.locator('a.letter[data-seq="1"]').getAttribute('href');
  const pdf = await officer.request.get(`${BASE}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  const lift = frozen.locator('form[name="lifted"]');
  await Promise.all([officer.waitForURL(/\?ok=recorded/), lift.locator('button[type="submit"]').click()]);
  assert.equal(await officer.locator('#freeze-frozen').innerText(), '0 đ');
  assert.equal(await row('Ngân hàng E2E chi nhánh Hà Nội').locator('a.letter').count(), 2, 'the decision and the lifting');
  await noAxeViolation(officer);
  await screenshot(officer, 'coordination-case-requests');
});

test('the head reads the purpose ledger and the coordination report', async () => {
  await login(head, HEAD);
  await head.goto(`/coordination/requests?subject_id=${ID_NUMBER}`);
  assert.equal(await head.locator('tr[data-id]').count(), 2, 'the two requests about the debtor');
  await noAxeViolation(head);
  await head.goto('/coordination/report');
  assert.ok(await head.locator('#coordination-report tr[data-body="HN-VPDK-E2E"]').count());
  await noAxeViolation(head);
});

// Issue 16, item 5: a coercion that mobilises forces, planned at night
// (Art. 46(2)): the officer is refused; the head overrides the ban with a
// reason, and the plan goes to the police, the commune and the procuracy.
function coercionDay() {
  const d = new Date(Date.now() + 14 * 86400000);
  const offDays = ['05-01', '09-01', '09-02'];
  const md = () => d.toISOString().slice(5, 10);
  while ([0, 6].includes(d.getUTCDay()) || d.getUTCMonth() < 4 || offDays.includes(md())) d.setUTCDate(d.getUTCDate() + 1);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function planAtNight(page, override) {
  await page.goto(`/cases/${CASE}`);
  await page.locator('details#form-coercion-plan').evaluate((d) => { d.open = true; });
  const form = page.locator('form#coercion-plan-form');
  await form.locator('[name="measure"]').selectOption('seize_assets');
  await form.locator('[name="scheduled_date"]').fill(coercionDay());
  await form.locator('[name="start_time"]').fill('22:30');
  await form.locator('[name="place"]').fill('Số 5 phố Trần Duy Hưng, Hà Nội');
  await form.locator('[name="method"]').fill('Kê biên nhà đất');
  await form.locator('[name="forces.police"]').fill('6');
  if (override) {
    await form.locator('[name="override.coercion_at_night"]').check();
    await form.locator('[name="override_reason"]').fill('Người phải thi hành án chỉ có mặt buổi tối');
  }
  await Promise.all([page.waitForLoadState('load'), form.locator('#coercion-plan-submit').click()]);
}

test('a coercion at night: the officer is refused, the head overrides with a reason', async () => {
  await addBody('HN-CA-E2E', 'Công an thành phố Hà Nội (E2E)', 'police');
  await addBody('HN-UBND-E2E', 'Ủy ban nhân dân phường Trung Hòa (E2E)', 'people_committee');
  await addBody('HN-VKS-E2E', 'Viện kiểm sát nhân dân thành phố Hà Nội (E2E)', 'procuracy');
  await planAtNight(officer, false);
  assert.equal(await officer.locator('#refusal-code').innerText(), 'coercion_at_night');
  await planAtNight(head, true);
  assert.match(head.url(), /\?ok=recorded/);
  const plan = head.locator('.coercion-plan-record').last();
  assert.equal(await plan.locator('[data-ban="coercion_at_night"]').count(), 1);
  assert.equal(await plan.locator('tr[data-role]').count(), 3, 'police, commune, procuracy');
  await noAxeViolation(head);
});
