// Issue 13, "Printing": the official report printed from the browser, as a
// print preview makes it (Chromium's own PDF of the page, print media): one
// A4 landscape sheet wide, every column of the form there, the national
// letterhead and the signature block, and none of the screen's menus and
// filter form. The PDF is read back with pdftotext (poppler-utils).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { HEAD, launch, login, newPage } from './lib.mjs';

let browser, page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
  await login(page, HEAD);
});
after(async () => {
  await browser?.close();
});

function pdfText(buffer, layout = true) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-print-'));
  const file = path.join(dir, 'page.pdf');
  fs.writeFileSync(file, buffer);
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { text, info };
}

for (const form of ['cases', 'money']) {
  test(`the ${form} form prints on A4 landscape with every column, the letterhead and the signatures`, async () => {
    await page.goto(`/reports?form=${form}`);
    const headers = (await page.locator('#report-table thead th').allInnerTexts()).map((h) => h.trim());
    assert.ok(headers.length >= 10, `the form has its columns: ${headers}`);
    await page.emulateMedia({ media: 'print' });
    // What print media hides and shows.
    assert.equal(await page.locator('#report-form').isVisible(), false, 'the filter form is not printed');
    assert.equal(await page.locator('header.top').isVisible(), false, 'the menu is not printed');
    assert.equal(await page.locator('#print-letterhead').isVisible(), true);
    assert.equal(await page.locator('#print-signatures').isVisible(), true);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    const { text, info } = pdfText(pdf);
    // Reading order (no -layout): a cell wrapped on two lines, such as the
    // total row's label, reads as its words in order.
    const reading = pdfText(pdf, false).text.replace(/\s+/g, ' ');
    // A4 landscape: 841.89 x 595.28 points.
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    assert.ok(size, info);
    assert.ok(Number(size[1]) > Number(size[2]), `landscape: ${size[0]}`);
    assert.ok(Math.abs(Number(size[1]) - 841.89) < 2, `A4 wide: ${size[0]}`);
    const flat = text.replace(/\s+/g, ' ');
    for (const part of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Tổng cộng', 'Người lập biểu',
                        'Thủ trưởng đơn vị', form === 'money' ? 'nghìn đồng' : 'việc'])
      assert.ok(reading.includes(part), `printed: ${part}\n${text}`);
    assert.ok(!flat.includes('Tải biểu mẫu Excel'), 'the download link is not printed');
    assert.ok(!flat.includes('Đăng xuất'), 'the menu is not printed');
    // Every column header's last word is on the sheet: no column is cut off.
    for (const h of headers.slice(1)) {
      const word = h.split(/\s+/).pop();
      assert.ok(flat.includes(word), `column "${h}" printed\n${text}`);
    }
    // The total row's figures are all on the sheet (none cut at the right edge).
    const totals = (await page.locator('#report-total td').allInnerTexts()).map((t) => t.trim());
    for (const t of totals) assert.ok(flat.includes(t), `total ${t} printed\n${text}`);
  });
}
