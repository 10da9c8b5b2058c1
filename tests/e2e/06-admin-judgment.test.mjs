// Issue 14, item 10: an administrative judgment from the receipt register to
// the public list and off it again, through the pages. A clerk registers the
// judgment, the head assigns it, the officer sends the notice, records the
// court's compel order and publishes the non-compliance; a visitor without a
// login then finds the body on the public list. Compliance is recorded, the
// file shows the take-down deadline (NĐ 71/2016 Art. 30(3)), and once the
// officer takes the publication down the public list drops the body.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, CLERK, HEAD, OFFICER, launch, login, newPage, screenshot } from './lib.mjs';

const DEBTOR = 'Ủy ban nhân dân phường Đống Đa E2E';
let browser, clerk, head, officer, visitor, fileUrl;

before(async () => {
  browser = await launch();
  [clerk, head, officer, visitor] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
});
after(async () => {
  await browser?.close();
});

async function act(page, type, fill = async () => {}) {
  await page.goto(fileUrl);
  await page.locator(`details#form-${type}`).evaluate((d) => { d.open = true; });
  const form = page.locator(`details#form-${type} form`);
  await fill(form);
  await Promise.all([page.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#refusal').count(), 0, `the ${type} act is recorded`);
}

async function publicNames() {
  await visitor.goto('/public/non-compliance?q=dong+da+e2e');
  assert.equal(await visitor.locator('#current-user').count(), 0, 'no session');
  return visitor.locator('#nc-list tbody tr.body-named td.name').allTextContents();
}

test('a clerk registers a judgment handed over by the court', async () => {
  await login(clerk, CLERK);
  await clerk.goto('/oversight/new?kind=admin_judgment');
  await clerk.locator('details#form-received').evaluate((d) => { d.open = true; });
  const form = clerk.locator('details#form-received form');
  await form.locator('[name="agency"]').selectOption('HN-KV1');
  await form.locator('[name="judgment.number"]').fill('15/2026/HC-ST');
  await form.locator('[name="judgment.court"]').fill('Tòa án nhân dân thành phố Hà Nội');
  await form.locator('[name="judgment.date"]').fill('02/09/2026');
  await form.locator('[name="judgment.effective_date"]').fill('05/10/2026');
  await form.locator('[name="ruling"]').selectOption('annul_decision');
  await form.locator('[name="debtor.name"]').fill(DEBTOR);
  await form.locator('[name="debtor.address"]').fill('Số 1 Tôn Đức Thắng, Hà Nội');
  await form.locator('[name="debtor.level"]').selectOption('commune');
  await form.locator('[name="creditor.name"]').fill('Lê Thị Cúc');
  await form.locator('[name="obligation"]').fill('Hủy Quyết định thu hồi đất số 112/QĐ-UBND');
  await Promise.all([clerk.waitForURL(/\/oversight\/HN-KV1-.*\?ok=opened/), form.locator('button[type="submit"]').click()]);
  fileUrl = new URL(clerk.url()).pathname;
  assert.match(await clerk.locator('#stream-state').innerText(), /Đang theo dõi|đang/i);
  await screenshot(clerk, 'admin-judgment-registered');
});

test('the head assigns the officer, who sends the notice and records the compel order', async () => {
  await login(head, HEAD);
  await act(head, 'officer_assigned', (f) => f.locator('[name="officer"]').selectOption('HN-CHV-001'));
  assert.equal(await head.locator('#stream-officer').getAttribute('data-officer'), 'HN-CHV-001');
  await login(officer, OFFICER);
  await act(officer, 'notice_sent');
  await act(officer, 'compel_order', async (f) => {
    await f.locator('[name="number"]').fill('03/2026/QĐ-BTHA');
    await f.locator('[name="court"]').fill('Tòa án nhân dân thành phố Hà Nội');
    await f.locator('[name="order_date"]').fill('01/12/2026');
  });
  // The publication is now due: its deadline cites Art. 30(1).
  assert.match(await officer.locator('#deadlines').innerText(), /30/);
});

test('the officer publishes and the public list names the body', async () => {
  assert.deepEqual(await publicNames(), []);
  await act(officer, 'published', (f) => f.locator('[name="portals_province"]').check());
  assert.match(await officer.locator('#publication-state').innerText(), /Đang đăng tải/);
  assert.deepEqual(await publicNames(), [DEBTOR]);
  const api = await (await visitor.request.get(`${BASE}/api/v1/public/non-compliance?q=dong%20da%20e2e`)).json();
  assert.equal(api.items.length, 1);
  assert.equal(api.items[0].compel_order.number, '03/2026/QĐ-BTHA');
  assert.equal(api.items[0].debtor.name, DEBTOR);
  await screenshot(visitor, 'public-non-compliance');
});

test('compliance keeps it listed until it is taken down, then the list drops it', async () => {
  await act(officer, 'complied');
  assert.deepEqual(await publicNames(), [DEBTOR], 'still published until taken down');
  assert.match(await officer.locator('#deadlines').innerText(), /Gỡ bỏ/);
  await act(officer, 'unpublished');
  assert.deepEqual(await publicNames(), []);
  assert.equal(await visitor.locator('#nc-empty').count(), 1);
});
