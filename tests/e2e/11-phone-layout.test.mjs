// Issue 13, "Set-up and access": at 375 px (a phone) the pages an officer
// uses in the field, and the public list, fit the screen: nothing makes
// the page wider than the screen (wide tables scroll inside their box), the
// header stays short, and the case summary is not clipped. Screenshots:
// phone-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CASES, OFFICER, launch, login, newPage, screenshot } from './lib.mjs';

let browser, page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  await page.setViewportSize({ width: 375, height: 812 });
  await login(page, OFFICER);
});
after(async () => {
  await browser?.close();
});

async function fits(path, shot) {
  await page.goto(path);
  const m = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    header: document.querySelector('header.top').getBoundingClientRect().height,
    h1: document.querySelector('main h1').getBoundingClientRect().right,
  }));
  await screenshot(page, shot);
  assert.ok(m.width <= 375, `${path}: the page is ${m.width} px wide at 375 px`);
  assert.ok(m.header <= 150, `${path}: the header takes ${m.header} px`);
  assert.ok(m.h1 <= 375, `${path}: the title is clipped`);
  return m;
}

test('the queue fits a phone', () => fits('/queue', 'phone-queue'));
test('"Việc của tôi" fits a phone', () => fits('/my-cases', 'phone-my-cases'));
test('the public list fits a phone', () => fits('/public/unable-debtors', 'phone-public-list'));

test('the case page fits a phone and its summary is whole', async () => {
  await fits(`/cases/${CASES.nhung}`, 'phone-case');
  const clipped = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main dl.grid dd, main .name')) {
      const r = el.getBoundingClientRect();
      if (r.right > 375 + 0.5) out.push(el.textContent.slice(0, 40));
    }
    return out;
  });
  assert.deepEqual(clipped, []);
  // The forms to record an act are usable: their buttons are inside the screen.
  const buttons = await page.evaluate(() =>
    [...document.querySelectorAll('main form button')].map((b) => b.getBoundingClientRect().right));
  for (const right of buttons) assert.ok(right <= 375 + 0.5, `a button ends at ${right} px`);
});
