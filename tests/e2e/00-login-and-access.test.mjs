// Logging in and out in the browser, and what each account may open: pages
// need a session; a wrong password is refused in Vietnamese; each role lands
// on its own home page; a case outside the agency subtree is "not found".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, CASES, HEAD, OFFICER, launch, login, newPage } from './lib.mjs';

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('pages without a session lead to the login page, which comes back after', async () => {
  const page = await newPage(browser);
  await page.goto(`/cases/${CASES.nhung}`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.locator('h1').innerText(), 'Đăng nhập');
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await page.locator('#login').fill(OFFICER.login);
  await page.locator('#password').fill(OFFICER.password);
  await Promise.all([page.waitForURL(`**/cases/${CASES.nhung}`), page.locator('#login-submit').click()]);
  assert.equal(await page.locator('#debtor-name').innerText(), 'Nguyễn Thị Hồng Nhung');
  await page.context().close();
});

test('a wrong password is refused in Vietnamese', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await page.locator('#login').fill(HEAD.login);
  await page.locator('#password').fill('sai-mat-khau');
  await Promise.all([page.waitForLoadState('load'), page.locator('#login-submit').click()]);
  await page.locator('#login-error').waitFor();
  assert.equal(await page.locator('#login-error').innerText(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
  assert.equal(await page.locator('#current-user').count(), 0);
  assert.equal(await page.locator('#login').inputValue(), HEAD.login, 'the login name is kept');
  await page.context().close();
});

test("the browser's own checks speak Vietnamese: an empty field says what is missing", async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await page.locator('#login-submit').click();
  assert.equal(new URL(page.url()).pathname, '/login', 'the empty form is not sent');
  assert.equal(await page.locator('#login').evaluate((el) => el.validationMessage), 'Chưa nhập; đây là thông tin bắt buộc.');
  await page.locator('#login').fill(HEAD.login);
  assert.equal(await page.locator('#login').evaluate((el) => el.validationMessage), '', 'typing clears the message');
  await page.context().close();
});

test('each role lands on its home page; logging out ends the session', async () => {
  const page = await newPage(browser);
  for (const [user, home, role] of [
    [OFFICER, '/queue', 'Chấp hành viên'],
    [HEAD, '/dashboard', 'Thủ trưởng cơ quan thi hành án'],
    [ADMIN, '/admin/users', null],
  ]) {
    await login(page, user);
    assert.equal(new URL(page.url()).pathname, home, `${user.login} lands on ${home}`);
    if (role) assert.equal(await page.locator('#current-role').innerText(), role);
    await Promise.all([page.waitForURL('**/login'), page.locator('#logout').click()]);
    assert.equal(await page.locator('#current-user').count(), 0);
    await page.goto(home);
    assert.equal(new URL(page.url()).pathname, '/login', 'the session is gone');
  }
  await page.context().close();
});

test('a case outside the subtree is not found; the admin sees no case', async () => {
  const officer = await newPage(browser);
  await login(officer, OFFICER);
  const r = await officer.goto(`/cases/${CASES.nhungKV2}`);
  assert.equal(r.status(), 404);
  assert.match(await officer.locator('#error-message').innerText(), /[Kk]hông tìm thấy/);
  assert.equal((await officer.content()).includes('Long Biên'), false, 'nothing of the case is shown');
  await officer.context().close();

  const admin = await newPage(browser);
  await login(admin, ADMIN);
  const a = await admin.goto(`/cases/${CASES.nhung}`);
  assert.ok([403, 404].includes(a.status()), `admin on a case page: ${a.status()}`);
  assert.equal((await admin.content()).includes('Nguyễn Thị Hồng Nhung'), false);
  await admin.context().close();
});
