// Scenarios 1 and 2 of issue 3, item 6: an officer logs in, finds a case by
// an unaccented name, opens it, records a collection of the remaining amount
// and completes the case; the head's dashboard and the official form (cases,
// statistical year to date) change accordingly, read off the pages before
// and after.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CASES, DATE_RE, HEAD, MONEY_RE, OFFICER, launch, login, newPage, screenshot, vnInt, vnPercent, vnToday,
} from './lib.mjs';

let browser, head, officer;
let dashBefore, formBefore, remaining;

before(async () => {
  browser = await launch();
  head = await newPage(browser);
  officer = await newPage(browser);
});
after(async () => {
  await browser?.close();
});

// The figures of the head's dashboard (HN-KV1, the current statistical year).
async function readDashboard(page) {
  await page.goto('/dashboard');
  const cell = (table, key) => page.locator(`#${table} tr[data-key="${key}"] td`).innerText();
  return {
    scope: await page.locator('#dashboard-scope').innerText(),
    casesRate: vnPercent(await page.locator('#cases-rate').innerText()),
    moneyRate: vnPercent(await page.locator('#money-rate').innerText()),
    completed: vnInt(await cell('figures-cases', 'completed')),
    withConditions: vnInt(await cell('figures-cases', 'with_conditions')),
    inProgress: vnInt(await cell('figures-cases', 'in_progress')),
    moneyCompleted: vnInt(await cell('figures-money', 'completed')),
  };
}

// The official form by case count for the statistical year to date (the
// reports page's default period), total row.
async function readOfficialForm(page) {
  await page.goto('/reports?form=cases');
  const total = (key) => page.locator(`#report-total td[data-key="${key}"]`).innerText();
  return {
    from: await page.locator('#from').inputValue(),
    to: await page.locator('#to').inputValue(),
    completed: vnInt(await total('completed')),
    withConditions: vnInt(await total('with_conditions')),
    rate: vnPercent(await total('completion_rate')),
  };
}

test('the head reads the dashboard and the official form before', async () => {
  await login(head, HEAD);
  assert.match(new URL(head.url()).pathname, /^\/dashboard/, 'a head lands on the dashboard');
  dashBefore = await readDashboard(head);
  assert.match(dashBefore.scope, /HN-KV1/);
  assert.match(dashBefore.scope, /năm thống kê \d{4}, từ ngày \d{2}\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}/);
  assert.ok(dashBefore.inProgress >= 1, `the fixture's case is in progress (got ${dashBefore.inProgress})`);
  assert.notEqual(dashBefore.casesRate, 100, 'the rate can still change');
  formBefore = await readOfficialForm(head);
  assert.match(formBefore.from, /^01\/10\/\d{4}$/, 'the statistical year starts on 1 October (dd/mm/yyyy)');
  assert.equal(formBefore.completed, dashBefore.completed, 'dashboard and form agree on completed cases');
});

test('the officer logs in and sees the work queue', async () => {
  await login(officer, OFFICER, { shot: 'login' });
  assert.equal(new URL(officer.url()).pathname, '/queue', 'an officer lands on the work queue');
  assert.equal(await officer.locator('#current-user').innerText(), OFFICER.login);
  assert.match(await officer.locator('#queue-today').innerText(), DATE_RE);
  assert.equal(await officer.locator('#queue-today').innerText(), vnToday());
  assert.ok(vnInt(await officer.locator('#queue-count').innerText()) > 0, 'the officer has deadlines');
  // The case opened yesterday has its notification due within 5 working days.
  const soon = officer.locator('#queue-today-list a, #queue-upcoming a', { hasText: 'HN-KV1-E2E-MOI' });
  assert.ok((await soon.count()) >= 1, 'the new case is due soon');
  // Only the officer's own cases: HN-CHV-002's case is not in the queue.
  assert.equal(await officer.locator('main a', { hasText: CASES.van }).count(), 0);
  await screenshot(officer, 'work-queue');
});

test('the officer finds the case by an unaccented name', async () => {
  await officer.goto('/search');
  await officer.locator('#q').fill('nguyen thi hong');
  await Promise.all([officer.waitForURL(/\/search\?q=/), officer.locator('#search-submit').click()]);
  const rows = officer.locator('#case-table tbody tr');
  const texts = await rows.allInnerTexts();
  assert.ok(texts.some((t) => t.includes('Nguyễn Thị Hồng Nhung')), `results: ${texts.join(' | ')}`);
  assert.ok(texts.some((t) => t.includes('Nguyễn Thị Hồng Vân')), 'prefix match on the last word too');
  assert.ok(!texts.some((t) => t.includes(CASES.nhungKV2)), 'the namesake in HN-KV2 is outside the subtree');
  assert.match(await officer.locator('#search-count').innerText(), /^Tìm thấy \d+ việc\.$/);
  const row = rows.filter({ hasText: 'Nguyễn Thị Hồng Nhung' });
  assert.match((await row.locator('td').nth(5).innerText()).trim(), DATE_RE);
  assert.match((await row.locator('td.num').innerText()).trim(), MONEY_RE);
  await screenshot(officer, 'search-results');
  await Promise.all([officer.waitForURL(`**/cases/${CASES.nhung}`), row.locator('a.case-link').click()]);
});

test('the officer opens the case: parties, ledger and timeline in Vietnamese', async () => {
  assert.equal(await officer.locator('#case-id').innerText(), CASES.nhung);
  assert.equal(await officer.locator('#debtor-name').innerText(), 'Nguyễn Thị Hồng Nhung');
  assert.equal(await officer.locator('#creditor-name').innerText(), 'Trần Văn Đức');
  assert.equal(await officer.locator('#case-status').innerText(), 'Đang thi hành');
  assert.equal(await officer.locator('#ledger-opened').innerText(), '47.250.000 đ');
  assert.equal(await officer.locator('#ledger-collected').innerText(), '12.345.678 đ');
  const rem = (await officer.locator('#ledger-remaining').innerText()).trim();
  assert.equal(rem, '34.904.322 đ');
  remaining = vnInt(rem);
  const dates = await officer.locator('#timeline .date').allInnerTexts();
  assert.ok(dates.length >= 5 && dates.every((d) => DATE_RE.test(d)), `timeline dates: ${dates}`);
  assert.ok((await officer.locator('details#form-collected').count()) === 1, 'the officer may record a collection');
  await screenshot(officer, 'case-page');
});

test('completing while money remains is refused, in Vietnamese', async () => {
  await officer.locator('details#form-completed > summary').click();
  const form = officer.locator('details#form-completed form');
  assert.equal(await form.locator('input[name="date"]').inputValue(), vnToday(), 'dates are typed as dd/mm/yyyy');
  await Promise.all([officer.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  const refusal = officer.locator('#refusal');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'not_settled');
  const message = await officer.locator('#refusal-message').innerText();
  assert.match(message, /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i, `a Vietnamese message: ${message}`);
  assert.match(message, /34\.904\.322 đ|còn/i, `the message says what remains: ${message}`);
  assert.equal(await officer.locator('#case-summary').getAttribute('data-status'), 'active', 'nothing recorded');
  await officer.locator('#refusal').scrollIntoViewIfNeeded();
  await screenshot(officer, 'event-form-refusal', { fullPage: false });
});

test('collecting more than remains is refused; the form comes back with what was typed', async () => {
  await officer.goto(`/cases/${CASES.nhung}`);
  await officer.locator('details#form-collected > summary').click();
  const form = officer.locator('details#form-collected form');
  await form.locator('input[name="amount"]').fill(String(remaining + 1));
  await form.locator('select[name="method"]').selectOption('coerced');
  await Promise.all([officer.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  await officer.locator('#refusal').waitFor();
  assert.equal(await officer.locator('#refusal').getAttribute('data-code'), 'over_collection');
  assert.match(await officer.locator('#refusal-message').innerText(), /[ăâđêôơư]/i);
  assert.equal(await officer.locator('details#form-collected').getAttribute('open'), '', 'the failed form is open');
  const again = officer.locator('details#form-collected form');
  assert.equal(await again.locator('input[name="amount"]').inputValue(), String(remaining + 1));
  assert.equal(await again.locator('select[name="method"]').inputValue(), 'coerced');
  assert.equal(await officer.locator('#ledger-remaining').innerText(), '34.904.322 đ', 'nothing recorded');
  await officer.locator('details#form-collected').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await screenshot(officer, 'event-form-collected', { fullPage: false });
});

test('the officer records the remaining amount as collected', async () => {
  await officer.goto(`/cases/${CASES.nhung}`);
  await officer.locator('details#form-collected > summary').click();
  const form = officer.locator('details#form-collected form');
  // The amount is read out in words under the field before the officer confirms;
  // "1.5" is not an amount (a dot only separates thousands).
  const words = form.locator('output.amount-words[data-for="amount"]');
  await form.locator('input[name="amount"]').fill('1.5');
  await officer.waitForFunction((el) => el.classList.contains('bad'), await words.elementHandle());
  assert.match(await words.innerText(), /^Số tiền không hợp lệ/);
  await form.locator('input[name="amount"]').fill('34.904.322');
  await officer.waitForFunction((el) => el.textContent.startsWith('Bằng chữ'), await words.elementHandle());
  assert.equal(await words.innerText(), 'Bằng chữ: Ba mươi bốn triệu chín trăm linh bốn nghìn ba trăm hai mươi hai đồng');
  assert.equal(remaining, 34904322);
  await form.locator('select[name="method"]').selectOption('voluntary');
  await Promise.all([officer.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  assert.match(await officer.locator('#flash-ok').innerText(), /^Đã ghi nhận\./);
  // The message is where the browser went after saving (#flash-ok), and leads on to the timeline.
  assert.equal(new URL(officer.url()).hash, '#flash-ok');
  assert.equal(await officer.locator('#flash-ok a').getAttribute('href'), '#timeline');
  const box = await officer.locator('#flash-ok').boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `the message is on screen: ${JSON.stringify(box)}`);
  assert.equal(await officer.locator('#ledger-remaining').innerText(), '0 đ');
  assert.equal(await officer.locator('#ledger-collected').innerText(), '47.250.000 đ');
  const last = officer.locator('#timeline li.event').last();
  assert.equal(await last.getAttribute('data-type'), 'collected');
  assert.equal(await last.locator('.date').innerText(), vnToday());
  assert.match(await last.innerText(), /34\.904\.322 đ/);
  assert.match(await last.innerText(), new RegExp(`bởi ${OFFICER.login.replace('.', '\\.')}`), 'the actor is recorded');
});

test('the officer completes the case', async () => {
  await officer.locator('details#form-completed > summary').click();
  const form = officer.locator('details#form-completed form');
  await Promise.all([officer.waitForURL(/\?ok=recorded/), form.locator('button[type="submit"]').click()]);
  assert.equal(await officer.locator('#case-summary').getAttribute('data-status'), 'ended');
  assert.match(await officer.locator('#case-status').innerText(), /Thi hành xong/i);
  assert.match(await officer.locator('#case-status').innerText(), new RegExp(vnToday().replace(/\//g, '\\/')));
  assert.equal(await officer.locator('#timeline li.event').last().getAttribute('data-type'), 'completed');
  // An ended case offers no form but the correction.
  assert.equal(await officer.locator('details#form-collected').count(), 0);
});

test("the officer cannot change a colleague's case", async () => {
  await officer.goto(`/cases/${CASES.van}`);
  assert.equal(await officer.locator('#debtor-name').innerText(), 'Nguyễn Thị Hồng Vân');
  assert.equal(await officer.locator('#actions form').count(), 0, 'no event form on a case assigned to HN-CHV-002');
});

test("the head's dashboard and the official form count the completed case", async () => {
  const dash = await readDashboard(head);
  assert.equal(dash.completed, dashBefore.completed + 1, 'completed cases +1');
  assert.equal(dash.inProgress, dashBefore.inProgress - 1, 'in progress -1');
  assert.equal(dash.withConditions, dashBefore.withConditions, 'with conditions unchanged');
  assert.notEqual(dash.casesRate, dashBefore.casesRate, 'the completion rate by cases changes');
  assert.ok(dash.casesRate > (dashBefore.casesRate ?? 0), `rate ${dashBefore.casesRate} -> ${dash.casesRate}`);
  assert.equal(dash.moneyCompleted, dashBefore.moneyCompleted + remaining, 'the collected money counts as completed');
  assert.notEqual(dash.moneyRate, dashBefore.moneyRate, 'the completion rate by money changes');
  await screenshot(head, 'dashboard');

  const form = await readOfficialForm(head);
  assert.equal(form.completed, formBefore.completed + 1, 'official form: completed +1');
  assert.equal(form.withConditions, formBefore.withConditions);
  assert.notEqual(form.rate, formBefore.rate, 'official form: the rate changes');
  assert.equal(form.rate, dash.casesRate, 'the form and the dashboard show the same rate');
  assert.match(await head.locator('#official-form').innerText(), /Đơn vị tính: việc/);
  await screenshot(head, 'official-form');
});
