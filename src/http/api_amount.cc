// API: an amount as a form reads it, and in words (số tiền bằng chữ).
//
// GET /api/v1/amount-in-words?amount=1.500.000 answers
//   {"amount": 1500000, "display": "1.500.000 đ", "words": "Một triệu năm trăm nghìn đồng"}
// or 422 bad_field when the text is not an amount the forms accept
// (event_form.h parse_amount: digits, dots or spaces only as thousands
// separators in groups of three). The money fields of the pages call it as
// the officer types (web/static/forms.js), so what will be recorded is read
// out in words before the officer confirms, and the rule that reads
// "1.500.000" as one and a half million lives only here, on the server.
#include "domain/money.h"
#include "http/event_form.h"
#include "http/handlers.h"

namespace thads::http {

Response api_amount_in_words(Ctx&, const Request& req) {
  const std::string& typed = req.q("amount");
  // 18 digits with their separators and some blanks; anything longer is not an amount.
  const auto n = typed.size() <= 40 ? parse_amount(typed) : std::nullopt;
  if (!n)
    return api_error(422, "bad_field", "amount: digits, with dots only as thousands separators (1.500.000)",
                     "Số tiền không hợp lệ: chỉ nhập chữ số; dấu chấm chỉ dùng để tách hàng nghìn, "
                     "ví dụ 1.500.000.");
  const Money m = static_cast<Money>(*n);
  return json_response(200, {{"amount", m}, {"display", format_vnd(m)}, {"words", amount_in_words(m)}});
}

}  // namespace thads::http
