// Issue 17: steering in the browser. The province's head opens the six-month
// report, checks its figures against the statistics and issues it; the
// steering secretariat opens it; the police's user reports progress on its
// directive task and the follow-up owner (the party's internal-affairs
// commission) sees it in the matrix; the secretariat records a member (a
// refusal comes back in Vietnamese with the form as typed), a meeting, and
// the committee's acceptance of a key case; the head's dashboard shows the
// steering block. Every page visited passes axe.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { BASE, CASES, FOLLOWER, PHEAD, POLICE, STEERING, launch, login, newPage, screenshot, vnInt } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;

let browser, head, steering, police, follower;

before(async () => {
  browser = await launch();
  [head, steering, police, follower] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
  await login(head, PHEAD);
  await login(steering, STEERING);
  await login(police, POLICE);
  await login(follower, FOLLOWER);
});
after(async () => {
  await browser?.close();
});

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  assert.deepEqual(found, [], `${page.url()}: ${JSON.stringify(found)}`);
}

// The value of a row of the draft's table, by its label.
async function rowValue(page, table, label) {
  const row = page.locator(`${table} tbody tr`).filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${label}$`) }) });
  return row.locator('td').nth(1).innerText();
}

test('the head sees the six-month figures equal the statistics and issues the report', async () => {
  await head.goto('/steering/reports');
  await axe(head);
  await head.locator('#report-period-form [name="agency"]').fill('HN');
  await head.locator('#report-period-form [name="period"]').fill('2026-6M');
  await Promise.all([head.waitForURL(/period=2026-6M/), head.locator('#report-period-form button').click()]);
  await head.locator('#report-draft').waitFor();
  await axe(head);
  const stats = await (await head.request.get(`${BASE}/api/v1/reports/cases?agency=HN&from=2025-10-01&to=2026-03-31`)).json();
  assert.equal(vnInt(await rowValue(head, '#draft-cases', 'Thụ lý mới')), stats.columns.new);
  assert.equal(vnInt(await rowValue(head, '#draft-cases', 'Số cũ chuyển sang')), stats.columns.carried_over);
  const money = await (await head.request.get(`${BASE}/api/v1/reports/money?agency=HN&from=2025-10-01&to=2026-03-31`)).json();
  assert.equal(vnInt(await rowValue(head, '#draft-money', 'Thi hành xong')), money.columns.completed);
  const pdf = await head.request.get(`${BASE}${await head.locator('#draft-pdf').getAttribute('href')}`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  const form = head.locator('#report-issue-form');
  await form.locator('[name="number"]').fill('15/BC-THADS');
  await form.locator('[name="place"]').fill('Hà Nội');
  await form.locator('[name="difficulties"]').fill('Lực lượng bảo vệ cưỡng chế còn thiếu.');
  await Promise.all([head.waitForURL(/\/steering\/reports\/BC-HN-2026-6M\?version=1/), form.locator('button[type="submit"]').click()]);
  assert.equal(await head.locator('#report-number').innerText(), '15/BC-THADS');
  await axe(head);
  await screenshot(head, 'steering-report-issued');
  const odt = await head.request.get(`${BASE}${await head.locator('#report-odt').getAttribute('href')}`);
  assert.equal(odt.headers()['content-type'], 'application/vnd.oasis.opendocument.text');
  assert.equal((await odt.body()).subarray(0, 2).toString(), 'PK');
});

test('the steering secretariat opens the issued report', async () => {
  await steering.goto('/steering/reports');
  await axe(steering);
  const link = steering.locator('#issued-reports tr[data-id="BC-HN-2026-6M"] a').first();
  await Promise.all([steering.waitForURL(/\/steering\/reports\/BC-HN-2026-6M/), link.click()]);
  assert.equal(await steering.locator('#report-number').innerText(), '15/BC-THADS');
  assert.match(await steering.locator('#report-version').innerText(), /Lực lượng bảo vệ cưỡng chế còn thiếu/);
  await axe(steering);
});

test("the police's user reports progress and the follow-up owner sees it", async () => {
  await police.goto('/steering/directives/CT-E2E');
  await axe(police);
  await police.locator('details#report-1-CA-HN').evaluate((d) => { d.open = true; });
  const form = police.locator('details#report-1-CA-HN form');
  await form.locator('[name="status"]').selectOption('in_progress');
  await form.locator('[name="text"]').fill('Đã lập kế hoạch bảo vệ 3 vụ cưỡng chế');
  // The plan goes with it as an attached document (issue 17 item 1). A file
  // over the limit is told in Vietnamese before anything is sent.
  const files = form.locator('input[type="file"][name="documents"]');
  await files.setInputFiles({ name: 'quet.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3.5 * 1048576, 65) });
  assert.match(await files.evaluate((el) => el.validationMessage), /quá lớn/);
  assert.equal(await form.evaluate((f) => f.checkValidity()), false);
  const plan = '%PDF-1.4\n% Kế hoạch bảo vệ cưỡng chế\n%%EOF\n';
  await files.setInputFiles({ name: 'Kế hoạch bảo vệ.pdf', mimeType: 'application/pdf', buffer: Buffer.from(plan) });
  assert.equal(await files.evaluate((el) => el.validationMessage), '');
  await Promise.all([police.waitForURL(/ok=1/), form.locator('button[type="submit"]').click()]);
  await axe(police);
  assert.match(await police.locator('#steering-tasks').innerText(), /Kế hoạch bảo vệ\.pdf/);
  // The police's user does not open the periodic reports.
  const denied = await police.goto('/steering/reports');
  assert.equal(denied.status(), 403);

  await follower.goto('/steering/matrix');
  await axe(follower);
  assert.match(await follower.locator('main').innerText(), /Đã lập kế hoạch bảo vệ 3 vụ cưỡng chế/);
  // The follow-up owner downloads the attached plan, byte for byte.
  const [download] = await Promise.all([
    follower.waitForEvent('download'),
    follower.locator('#matrix-rows a', { hasText: 'Kế hoạch bảo vệ.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'Kế hoạch bảo vệ.pdf');
  const saved = await download.path();
  assert.equal((await import('node:fs')).readFileSync(saved, 'utf8'), plan);
});

test('the secretariat records members and a meeting; a refusal keeps the form', async () => {
  await steering.goto('/steering/committees');
  await axe(steering);
  const section = 'section.committee[data-id="BCD-HN-E2E"]';
  await steering.locator(`${section} details#member-BCD-HN-E2E`).evaluate((d) => { d.open = true; });
  let form = steering.locator(`${section} form[name="member"]`);
  await form.locator('[name="person"]').fill('Nguyễn Văn Hùng');
  await form.locator('[name="body"]').fill('KHONG-CO');
  await form.locator('[name="role"]').selectOption('deputy');
  await form.locator('button[type="submit"]').click();
  await steering.locator('#steering-error').waitFor();
  assert.match(await steering.locator('#steering-error').innerText(), /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ]/);
  form = steering.locator(`${section} form[name="member"]`);
  assert.equal(await form.locator('[name="person"]').inputValue(), 'Nguyễn Văn Hùng');
  assert.equal(await form.locator('[name="role"]').inputValue(), 'deputy');
  await axe(steering);
  await form.locator('[name="body"]').fill('CA-HN');
  await Promise.all([steering.waitForURL(/ok=1/), form.locator('button[type="submit"]').click()]);
  assert.match(await steering.locator(section).innerText(), /Nguyễn Văn Hùng/);

  await steering.locator(`${section} details#meeting-BCD-HN-E2E`).evaluate((d) => { d.open = true; });
  form = steering.locator(`${section} form[name="meeting"]`);
  await form.locator('[name="id"]').fill('BCD-HN-E2E-PH1');
  await form.locator('[name="agenda"]').fill('Kết quả 6 tháng\nVụ việc trọng điểm');
  await form.locator('[name="conclusions"]').fill('Tập trung cưỡng chế');
  await Promise.all([steering.waitForURL(/ok=1/), form.locator('button[type="submit"]').click()]);
  assert.match(await steering.locator(`${section} li[data-id="BCD-HN-E2E-PH1"]`).innerText(), /Kết quả 6 tháng/);
  await axe(steering);
});

test('the committee accepts a key case the head proposed', async () => {
  await head.goto('/steering/reports');
  const csrf = await head.locator('input[name="csrf"]').first().inputValue();
  const proposed = await head.request.post(`${BASE}/api/v1/steering/records`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { kind: 'key_case', type: 'proposed', date: '2026-12-01', case: CASES.nhung, agency: 'HN-KV1', reasons: ['security_sensitive'] },
  });
  assert.equal(proposed.status(), 201, await proposed.text());
  const id = (await proposed.json()).key;

  await steering.goto('/steering/key-cases');
  await axe(steering);
  await steering.locator(`details#act-${id}`).evaluate((d) => { d.open = true; });
  const form = steering.locator(`details#act-${id} form`);
  await form.locator('[name="type"]').selectOption('accepted');
  await form.locator('[name="committee"]').selectOption('BCD-HN-E2E');
  await Promise.all([steering.waitForURL(/ok=1/), form.locator('button[type="submit"]').click()]);
  assert.match(await steering.locator(`#key-case-rows tr[data-id="${id}"]`).innerText(), /Đang theo dõi/);
  // A step without its owner: refused in Vietnamese, the text kept.
  await steering.locator(`details#act-${id}`).evaluate((d) => { d.open = true; });
  const step = steering.locator(`details#act-${id} form`);
  await step.locator('[name="type"]').selectOption('step');
  await step.locator('[name="text"]').fill('Phối hợp công an xác minh tài sản');
  await step.locator('[name="deadline"]').fill('31/01/2027');
  await step.locator('button[type="submit"]').click();
  await steering.locator('#steering-error').waitFor();
  assert.equal(await steering.locator(`details#act-${id} form [name="text"]`).inputValue(), 'Phối hợp công an xác minh tài sản');
  await axe(steering);
});

test("the head's dashboard shows the steering block", async () => {
  await head.goto('/dashboard');
  const block = head.locator('section#steering-block');
  await block.waitFor();
  assert.match(await block.innerText(), /Lượt nhiệm vụ theo chỉ thị quá hạn/);
  assert.match(await block.innerText(), /Vụ việc trọng điểm Ban Chỉ đạo theo dõi/);
  await axe(head);
});
