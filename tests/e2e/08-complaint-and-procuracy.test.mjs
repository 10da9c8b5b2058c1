// Issue 15: a complaint from the desk to its decision, and the procuracy's
// review. A clerk registers a complaint against a coercion and the page says
// at once whether it came within the Art. 140 limit and who resolves it
// (Art. 142); the head admits it, resolves it and sends the decision; the
// procuracy user reads the complaint, reviews the cases classified without
// conditions (Art. 44a, with their verifications and the Art. 38 sending) and
// records a protest from a case of the review; the head accepts it and
// remedies the act protested (Art. 160-161). Every page visited passes axe.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { CASES, CLERK, HEAD, PROCURACY, launch, login, newPage, screenshot } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

let browser, clerk, head, vks, complaintUrl, protestUrl;

before(async () => {
  browser = await launch();
  [clerk, head, vks] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
});
after(async () => {
  await browser?.close();
});

// dd/mm/yyyy of `days` days before today, in Vietnam.
function daysAgo(days) {
  const d = new Date(Date.now() + 7 * 3600 * 1000 - days * 86400 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

async function axeClean(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${page.url()}`);
}

async function act(page, type, fill = async () => {}, url = complaintUrl) {
  await page.goto(url);
  await page.locator(`details#form-${type}`).evaluate((d) => { d.open = true; });
  const form = page.locator(`details#form-${type} form`);
  await fill(form);
  await Promise.all([page.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  assert.equal(await page.locator('#refusal').count(), 0, `the ${type} act is recorded`);
}

test('a clerk registers a complaint against a coercion and sees the time limit and the resolver', async () => {
  await login(clerk, CLERK);
  await clerk.goto('/oversight/new?kind=complaint');
  await axeClean(clerk);
  await clerk.locator('details#form-lodged').evaluate((d) => { d.open = true; });
  const form = clerk.locator('details#form-lodged form');
  await form.locator('[name="agency"]').selectOption('HN-KV1');
  await form.locator('[name="case"]').fill(CASES.hung);
  await form.locator('[name="complainant.name"]').fill('Đặng Văn Hùng');
  await form.locator('[name="against"]').selectOption('officer');
  await form.locator('[name="act"]').selectOption('coercion');
  await form.locator('[name="act_known_date"]').fill(daysAgo(3));
  await form.locator('[name="level"]').selectOption('1');
  await form.locator('[name="channel"]').selectOption('desk');
  await Promise.all([clerk.waitForURL(/\/oversight\/[^/?]+\?ok=opened/), form.locator('button[type="submit"]').click()]);
  complaintUrl = new URL(clerk.url()).pathname;
  // A coercion: 30 days (Art. 140(2)(c)); against a regional officer: the head of HN-KV1 (Art. 142(1)).
  assert.equal(await clerk.locator('#intake-lodge').getAttribute('data-within'), 'yes');
  assert.match(await clerk.locator('#intake-resolver').innerText(), /khu vực 1/);
  assert.match(await clerk.locator('#intake-resolver').innerText(), /142/);
  await axeClean(clerk);
  await screenshot(clerk, 'complaint-registered');
});

test('the head admits and resolves the complaint and sends the decision', async () => {
  await login(head, HEAD);
  await act(head, 'admitted');
  await act(head, 'resolved', (f) => f.locator('[name="outcome"]').selectOption('partly_upheld'));
  // Sent to the parties and the superior by post; the procuracy still lacks it (TT 13/2021 Art. 14).
  await act(head, 'decision_sent', async (f) => {
    await f.locator('[name="sent_to_parties"]').check();
    await f.locator('[name="sent_to_superior"]').check();
    await f.locator('[name="how"]').selectOption('post');
  });
  assert.match(await head.locator('#stream-state').innerText(), /ngày/);
  assert.equal(await head.locator('#intake-sending').getAttribute('data-missing'), 'procuracy');
  // The case page lists the complaint with the same facts.
  await head.goto(`/cases/${encodeURIComponent(CASES.hung)}`);
  const row = head.locator(`#grievances-of-case tr[data-id="${complaintUrl.split('/').pop()}"]`);
  assert.equal(await row.count(), 1, 'the complaint on the case page');
  assert.match(await row.innerText(), /Chưa gửi cho:\s*Viện kiểm sát/);
  await axeClean(head);
  await axeClean(head);
  await head.goto('/dashboard');
  assert.equal(await head.locator('section#grievances').count(), 1, 'the complaints block of the dashboard');
  await axeClean(head);
});

test('the procuracy reads the complaint and reviews the cases without conditions', async () => {
  await login(vks, PROCURACY);
  await vks.goto(complaintUrl);
  assert.match(await vks.locator('main').innerText(), /Khiếu nại đúng một phần/);
  await axeClean(vks);
  await vks.goto('/accountability/review?from=2024-10-01');
  const row = vks.locator(`#rv-cases tr[data-case="${CASES.script}"]`);
  assert.equal(await row.count(), 1, 'the case classified without conditions on 17/03/2025');
  assert.match(await row.innerText(), /17\/03\/2025/);
  await axeClean(vks);
  await screenshot(vks, 'procuracy-review');
  await Promise.all([vks.waitForURL(/\/oversight\/new\?kind=procuracy/), row.locator('a.rv-protest').click()]);
  const form = vks.locator('details#form-protest form');
  assert.equal(await form.locator('[name="case"]').inputValue(), CASES.script);
  assert.equal(await form.locator('[name="agency"]').inputValue(), 'HN-KV1');
  await form.locator('[name="procuracy"]').fill('Viện kiểm sát nhân dân thành phố Hà Nội');
  await form.locator('[name="number"]').fill('05/QĐ-VKS-THADS');
  await form.locator('[name="level"]').selectOption('superior');
  await form.locator('[name="act_known_date"]').fill(daysAgo(2));
  await axeClean(vks);
  await Promise.all([vks.waitForURL(/\/oversight\/[^/?]+\?ok=opened/), form.locator('button[type="submit"]').click()]);
  assert.match(await vks.locator('main').innerText(), /05\/QĐ-VKS-THADS/);
  protestUrl = new URL(vks.url()).pathname;
  await axeClean(vks);
});

test('the head accepts the protest and remedies the act protested', async () => {
  await act(head, 'replied', (f) => f.locator('[name="accepted"]').selectOption('true'), protestUrl);
  await act(head, 'remedied', async () => {}, protestUrl);
  assert.match(await head.locator('#stream-state').innerText(), /ngày/);
  await axeClean(head);
  // The procuracy sees the remedy on its protest.
  await vks.goto(protestUrl);
  assert.match(await vks.locator('main').innerText(), /Khắc phục vi phạm/);
});
