// Vietnamese messages for the browser's own form checks (required fields,
// patterns, numbers, lengths), instead of the browser's language. Only a
// convenience: the server checks everything again and answers in Vietnamese.
(function () {
  'use strict';
  function message(el) {
    var v = el.validity;
    if (v.valueMissing) return el.type === 'file' ? 'Chưa chọn tệp.' : el.tagName === 'SELECT' ? 'Chưa chọn.' : 'Chưa nhập; đây là thông tin bắt buộc.';
    if (v.patternMismatch || v.typeMismatch || v.badInput)
      return el.dataset.hintVi || (el.title ? 'Không đúng định dạng: ' + el.title : 'Không đúng định dạng.');
    if (v.rangeUnderflow) return 'Giá trị phải từ ' + el.min + ' trở lên.';
    if (v.rangeOverflow) return 'Giá trị không được vượt quá ' + el.max + '.';
    if (v.stepMismatch) return 'Nhập số nguyên.';
    if (v.tooLong) return 'Quá dài: tối đa ' + el.maxLength + ' ký tự.';
    if (v.tooShort) return 'Quá ngắn: ít nhất ' + el.minLength + ' ký tự.';
    return '';
  }
  document.addEventListener('invalid', function (e) {
    var el = e.target;
    if (el && el.setCustomValidity && !(el.dataset && el.dataset.maxBytes)) {  // attached files: checkFiles below
      el.setCustomValidity('');
      if (!el.validity.valid) el.setCustomValidity(message(el));
    }
  }, true);
  function clear(e) {
    if (e.target && e.target.setCustomValidity) e.target.setCustomValidity('');
  }
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);

  // The amount in words (bằng chữ) under every money field (input[data-amount]),
  // as official documents write it, so the officer reads "Một triệu năm trăm
  // nghìn đồng" before confirming. The server reads what was typed
  // (GET /api/v1/amount-in-words, the same rule the form's submission uses):
  // the rule that "1.500.000" is one and a half million is not written twice.
  function amountWords(input) {
    var out = document.createElement('output');
    out.className = 'amount-words';
    out.setAttribute('aria-live', 'polite');
    if (input.name) out.setAttribute('data-for', input.name);
    input.insertAdjacentElement('afterend', out);
    var timer = null, asked = 0;
    function show(text, bad) {
      out.textContent = text;
      out.classList.toggle('bad', !!bad);
    }
    function update() {
      var v = input.value.trim(), mine = ++asked;
      if (!v) { show('', false); return; }
      fetch('/api/v1/amount-in-words?amount=' + encodeURIComponent(v),
            { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (a) {
          if (mine !== asked) return;  // a later keystroke asked again
          if (a.ok) show('Bằng chữ: ' + a.j.words, false);
          else show((a.j.error && a.j.error.message_vi) || 'Số tiền không hợp lệ.', true);
        })
        .catch(function () { if (mine === asked) show('', false); });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(update, 150); });
    if (input.value.trim()) update();
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[data-amount]'), amountWords);

  // Attached files (input[type=file][data-max-bytes]): their count, each
  // file's size and the total are told in Vietnamese before the form is
  // sent, as the server would refuse them (a body over its limit is cut off
  // without a page to show).
  function mb(n) { return (n / 1048576).toFixed(1).replace('.', ',') + ' MB'; }
  function checkFiles(input) {
    var files = input.files || [], most = +input.dataset.maxFiles, each = +input.dataset.maxBytes,
        all = +input.dataset.maxTotal, total = 0, msg = '';
    if (most && files.length > most) msg = 'Chọn tối đa ' + most + ' tệp.';
    for (var i = 0; !msg && i < files.length; i++) {
      total += files[i].size;
      if (files[i].size === 0) msg = 'Tệp ' + files[i].name + ' rỗng (0 byte).';
      else if (each && files[i].size > each) msg = 'Tệp ' + files[i].name + ' quá lớn (' + mb(files[i].size) + '): mỗi tệp tối đa ' + mb(each) + '.';
    }
    if (!msg && all && total > all) msg = 'Tổng dung lượng các tệp (' + mb(total) + ') vượt quá ' + mb(all) + '; gửi bớt tệp, gửi tiếp ở báo cáo sau.';
    input.setCustomValidity(msg);
    if (msg) input.reportValidity();
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[type=file][data-max-bytes]'), function (input) {
    input.addEventListener('change', function () { checkFiles(input); });
  });
})();
