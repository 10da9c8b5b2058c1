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
    if (el && el.setCustomValidity) {
      el.setCustomValidity('');
      if (!el.validity.valid) el.setCustomValidity(message(el));
    }
  }, true);
  function clear(e) {
    if (e.target && e.target.setCustomValidity) e.target.setCustomValidity('');
  }
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);
})();
