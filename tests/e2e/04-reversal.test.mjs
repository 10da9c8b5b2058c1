// Issue 13: an officer mistypes a collection ("1.500.000" typed as
// "15.000.000"), records its reversal with a reason; he is not offered the
// approval; the head approves it on the case page; the ledger counts the
// entry out and shows the reversal, and the right amount is collected afresh
// (docs/formats/reversal.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CASES, HEAD, OFFICER, launch, login, newPage, screenshot, vnInt } from './lib.mjs';

let browser, head, officer;
let collectedBefore, typoSeq, reversalSeq;

before(async () => {
  browser = await launch();
  head = await newPage(browser);
  officer = await newPage(browser);
});
after(async () => {
  await browser?.close();
});

async function record(page, type, fields) {
  await page.locator(`details#form-${type} > summary`).click();
  const form = page.locator(`details#form-${type} form`);
  for (const [name, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await Promise.all([page.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
}

test('the officer mistypes a collection and records its reversal', async () => {
  await login(officer, OFFICER);
  await officer.goto(`/cases/${CASES.hung}`);
  collectedBefore = vnInt(await officer.locator('#ledger-collected').innerText());
  await record(officer, 'collected', { amount: '15.000.000', method: 'voluntary' });
  assert.equal(vnInt(await officer.locator('#ledger-collected').innerText()), collectedBefore + 15000000);
  typoSeq = await officer.locator('#collections tbody tr').last().getAttribute('data-seq');
  await record(officer, 'reversed', { reverses: typoSeq, reason: 'Nhập nhầm: 15.000.000 thay vì 1.500.000' });
  const row = officer.locator('#reversals tbody tr').last();
  reversalSeq = await row.getAttribute('data-seq');
  assert.match(await row.innerText(), /Chờ thủ trưởng duyệt/);
  // Until the head approves, the entry still counts, and the officer cannot approve.
  assert.equal(vnInt(await officer.locator('#ledger-collected').innerText()), collectedBefore + 15000000);
  assert.equal(await officer.locator('details#form-reversal_approved').count(), 0);
});

test('the head approves the reversal; the ledger counts the entry out', async () => {
  await login(head, HEAD);
  await head.goto(`/cases/${CASES.hung}`);
  await record(head, 'reversal_approved', { approves: reversalSeq });
  assert.equal(vnInt(await head.locator('#ledger-collected').innerText()), collectedBefore);
  assert.match(await head.locator(`#collections tr[data-seq="${typoSeq}"]`).innerText(), /đã ghi đảo/);
  assert.match(await head.locator(`#reversals tr[data-seq="${reversalSeq}"]`).innerText(), /Đã duyệt ngày/);
  assert.match(await head.locator(`#timeline li[data-seq="${typoSeq}"]`).innerText(), /đã ghi đảo/);
  await head.locator('#ledger').evaluate((e) => e.scrollIntoView());
  await screenshot(head, 'case-reversal', { fullPage: false });
});

test('the officer collects the right amount afresh', async () => {
  await officer.goto(`/cases/${CASES.hung}`);
  await record(officer, 'collected', { amount: '1.500.000', method: 'voluntary' });
  assert.equal(vnInt(await officer.locator('#ledger-collected').innerText()), collectedBefore + 1500000);
});
