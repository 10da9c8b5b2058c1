// Issue 13, "Set-up and access": every page of the route table, for each
// role and for a visitor, passes axe (axe-core, run in the page) with no
// violation. The pages are taken from the server's own route table as
// published in /api/v1/openapi.json (the GET routes tagged "pages"; a test
// holds that document equal to the routes served), so a new page is checked
// without editing this file.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { ADMIN, BASE, CASES, CLERK, HEAD, OFFICER, PROCURACY, launch, login, newPage } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

let browser;
let pages = [];

before(async () => {
  browser = await launch();
  const doc = await (await fetch(`${BASE}/api/v1/openapi.json`)).json();
  for (const [path, ops] of Object.entries(doc.paths))
    if (ops.get && (ops.get.tags || []).includes('pages')) pages.push(path);
  assert.ok(pages.length >= 25, `page routes: ${pages.length}`);
});
after(async () => {
  await browser?.close();
});

// A concrete URL for a route pattern: a fixture case, an account, the first
// oversight file listed (or an unknown one: its 404 page is checked then).
async function url(page, pattern, oversightId) {
  return pattern
    .replace('/cases/{id}', `/cases/${CASES.nhung}`)
    .replace('/oversight/{id}', `/oversight/${oversightId}`)
    .replace('{login}', OFFICER.login);
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

async function checkAll(who, user) {
  const page = await newPage(browser);
  if (user) await login(page, user);
  let oversightId = 'KHONG-CO';
  if (user) {
    await page.goto('/oversight');
    const first = page.locator('main a[href^="/oversight/"]').filter({ hasNotText: /^$/ });
    for (const href of await first.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const m = /^\/oversight\/([^/?#]+)$/.exec(href || '');
      if (m && !['new', 'unmonitored'].includes(m[1])) { oversightId = m[1]; break; }
    }
  }
  const failures = [];
  for (const pattern of pages) {
    const target = await url(page, pattern, oversightId);
    await page.goto(target);
    const found = await axe(page);
    if (found.length) failures.push(`${who} ${target} → ${page.url().replace(BASE, '')}: ${JSON.stringify(found)}`);
  }
  await page.context().close();
  assert.deepEqual(failures, [], failures.join('\n'));
}

test('a visitor: every page (login pages for the others) has no axe violation', () => checkAll('visitor', null));
test('the officer: every page has no axe violation', () => checkAll('officer', OFFICER));
test('the head: every page has no axe violation', () => checkAll('head', HEAD));
test('the clerk: every page has no axe violation', () => checkAll('clerk', CLERK));
test('the administrator: every page has no axe violation', () => checkAll('admin', ADMIN));
// The procuracy of HN (issue 15): its pages too, and on the case page it reads
// the decisions sent to it (Art. 38) without a form to record them.
test('the procuracy: every page has no axe violation; it reads the case page\'s deliveries', async () => {
  await checkAll('procuracy', PROCURACY);
  const page = await newPage(browser);
  await login(page, PROCURACY);
  await page.goto(`/cases/${CASES.nhung}`);
  const section = page.locator('#deliveries');
  await section.waitFor();
  assert.ok(await section.locator('tr.delivery').count() >= 1);
  assert.equal(await section.locator('form').count(), 0);
  await page.context().close();
});

test('an unknown address answers a Vietnamese page with links onward, also without axe violations', async () => {
  const page = await newPage(browser);
  const r = await page.goto('/khong-co-trang-nay');
  assert.equal(r.status(), 404);
  assert.match(await page.locator('#error-message').innerText(), /Không có trang này/);
  assert.ok(await page.locator('#not-found-links a[href="/login"]').count());
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});

test('a skip link leads the keyboard to the content, and the focus is visible', async () => {
  const page = await newPage(browser);
  await login(page, HEAD);
  await page.goto('/dashboard');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#main');
  await page.context().close();
});
