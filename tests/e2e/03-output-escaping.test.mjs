// Scenario 4: a party named <script>alert(1)</script> (and an address with an
// <img onerror>) is shown as text on every page that shows it; no dialog fires.
// Text typed into an event form comes back as text too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CASES, OFFICER, launch, login, newPage } from './lib.mjs';

const NAME = '<script>alert(1)</script>';
const ADDRESS = '<img src=x onerror=alert(2)> Phường Hoàn Kiếm, Hà Nội';
const NOTE = '<script>alert(3)</script> & "ghi chú" <b>đậm</b>';

let browser, page, visitor;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  visitor = await newPage(browser);
});
after(async () => {
  await browser?.close();
});

// No element injected into the page's main content, and no dialog so far.
async function assertInert(p) {
  await p.waitForLoadState('load');
  assert.equal(await p.locator('main script, main img, main b').count(), 0, 'no injected element');
  assert.deepEqual(p.dialogs, [], 'no dialog fired');
  assert.deepEqual(p.pageErrors, [], 'no script error');
}

test('the case page shows the party name and address as text', async () => {
  await login(page, OFFICER);
  await page.goto(`/cases/${CASES.script}`);
  assert.equal(await page.locator('#debtor-name').innerText(), NAME);
  assert.equal(await page.locator('#debtor-name').textContent(), NAME);
  assert.match(await page.locator('#parties').innerText(), /<img src=x onerror=alert\(2\)> Phường Hoàn Kiếm, Hà Nội/);
  assert.ok((await page.locator('#parties').innerText()).includes(ADDRESS));
  await assertInert(page);
});

test('search results and the work queue show it as text', async () => {
  await page.goto(`/search?q=${encodeURIComponent(CASES.script)}`);
  const row = page.locator('#case-table tbody tr', { hasText: CASES.script });
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('td').nth(2).innerText()).trim(), NAME);
  await assertInert(page);
  await page.goto('/queue');
  assert.ok((await page.locator('main').innerText()).includes(NAME), 'the queue lists the case by its debtor');
  await assertInert(page);
});

test('text typed into an event form is shown as text', async () => {
  await page.goto(`/cases/${CASES.script}`);
  await page.locator('details#form-verified > summary').click();
  const form = page.locator('details#form-verified form');
  await form.locator('select[name="result"]').selectOption('unable');
  await form.locator('input[name="reason"]').fill(NOTE);
  await Promise.all([page.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  const last = page.locator('#timeline li.event').last();
  assert.equal(await last.getAttribute('data-type'), 'verified');
  assert.ok((await last.innerText()).includes(NOTE), await last.innerText());
  await assertInert(page);
});

test('the public list shows it as text, without a session', async () => {
  await visitor.goto('/public/unable-debtors?q=alert');
  const names = await visitor.locator('#public-list td.name').allInnerTexts();
  assert.ok(names.includes(NAME), `public names: ${names.join(' | ')}`);
  await visitor.goto('/public/unable-debtors');
  assert.ok((await visitor.locator('#public-list td.name').allInnerTexts()).includes(NAME));
  assert.ok((await visitor.locator('#public-list').innerText()).includes(ADDRESS));
  await assertInert(visitor);
});
