// Issue 13, "Lists people can work with": an officer with more open cases
// than one page holds opens "Việc của tôi" from the menu, sees the counts by
// status and the real total, pages through, sorts by an amount both ways
// (the order holding across pages), looks at the ended ones, and downloads
// the list as CSV with the same rows in the same order.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MONEY_RE, OFFICER2, launch, login, newPage, screenshot, vnInt } from './lib.mjs';

let browser, page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  await login(page, OFFICER2);
});
after(async () => {
  await browser?.close();
});

const rows = () => page.locator('#case-table tbody tr');
const ids = () => page.locator('#case-table tbody tr td:nth-child(1)').allInnerTexts();
const amounts = async () =>
  (await page.locator('#case-table tbody tr td:nth-child(9)').allInnerTexts()).map((t) => vnInt(t.trim()));

async function follow(locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
  await page.locator('#list-total').waitFor();
}

test('"Việc của tôi" is in the menu and counts every open case by status', async () => {
  await follow(page.locator('#nav-my-cases'));
  assert.equal(new URL(page.url()).pathname, '/my-cases');
  const total = vnInt(await page.locator('#list-total').innerText());
  // 62 open cases of the generated caseload and the fixture's own (2, one without conditions).
  assert.ok(total >= 62, `open cases: ${total}`);
  const count = async (status) => {
    const li = page.locator(`#status-counts li[data-status="${status}"] strong`);
    return (await li.count()) ? vnInt(await li.innerText()) : 0;
  };
  const open = (await count('active')) + (await count('postponed_agreed')) + (await count('postponed_suspended')) +
    (await count('unable'));
  assert.equal(open, total, 'the open statuses add up to the total of the open list');
  assert.equal(await count('all'), open + (await count('ended')) + (await count('withdrawn')));
  assert.ok((await count('ended')) >= 3);
  assert.equal(await rows().count(), 50, 'the first page holds 50 cases');
  assert.equal(await page.locator('#list-range').innerText(), '1–50');
  await screenshot(page, 'my-cases');
});

test('the next page holds the rest, none repeated', async () => {
  const total = vnInt(await page.locator('#list-total').innerText());
  const first = await ids();
  await follow(page.locator('#page-next'));
  assert.equal(await page.locator('#list-page').innerText(), '2');
  const second = await ids();
  assert.equal(second.length, total - 50);
  assert.equal(new Set([...first, ...second]).size, total, 'every case once over the two pages');
  const sorted = [...first, ...second];
  assert.deepEqual(sorted, [...sorted].sort(), 'by case number by default');
});

test('sorting by the amount still owed, descending then ascending, holds across pages', async () => {
  await follow(page.locator('#case-table th[data-sort="remaining"] a'));
  let a = await amounts();
  assert.deepEqual(a, [...a].sort((x, y) => x - y), 'ascending on the first click');
  assert.equal(await page.locator('#case-table th[data-sort="remaining"]').getAttribute('aria-sort'), 'ascending');
  await follow(page.locator('#case-table th[data-sort="remaining"] a'));
  a = await amounts();
  assert.deepEqual(a, [...a].sort((x, y) => y - x), 'descending on the second click');
  assert.ok((await page.locator('#case-table tbody td:nth-child(9)').first().innerText()).trim().match(MONEY_RE));
  const lastOfFirst = a[a.length - 1];
  await follow(page.locator('#page-next'));
  const b = await amounts();
  assert.deepEqual(b, [...b].sort((x, y) => y - x));
  assert.ok(b[0] <= lastOfFirst, 'page 2 continues the order of page 1');
  assert.match(page.url(), /sort=remaining/);
  assert.match(page.url(), /dir=desc/);
});

test('the status filter shows the ended cases', async () => {
  await page.locator('#filter-status').selectOption('closed');
  await follow(page.locator('#filter-submit'));
  const statuses = await page.locator('#case-table tbody td:nth-child(7)').allInnerTexts();
  assert.ok(statuses.length >= 3);
  assert.ok(statuses.every((s) => s.trim() === 'Đã kết thúc'), statuses.join(', '));
});

test('the CSV download has the rows of the list, in its order, for Excel', async () => {
  await page.goto('/my-cases?sort=remaining&dir=desc');
  const total = vnInt(await page.locator('#list-total').innerText());
  const shown = await ids();
  const href = await page.locator('#export-csv').getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/csv/);
  const body = await res.body();
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const lines = body.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'Số hồ sơ');
  assert.equal(lines.length - 1, total, 'every case of the list, not only the page');
  assert.deepEqual(lines.slice(1, 51).map((l) => l.split(',')[0]), shown, 'the same order as the page');
});
