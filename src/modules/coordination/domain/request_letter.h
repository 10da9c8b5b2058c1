// The text of the letters the agency sends to other bodies (issue 16 item 4):
// the request or decision of a `request` stream's `sent` act for each
// purpose, the reminder of a `reminded` act (đôn đốc), and the lifting of a
// freeze or stop of a `lifted` act (giải tỏa). Pure: facts in, text out; the
// PDF is written by app/request_letter_pdf.h.
//
// Legal basis cited in each letter (Luật Thi hành án dân sự 2008, amended
// 2014, 2022; the version in force on the letter's date):
// - verify_assets: Art. 44 (xác minh điều kiện thi hành án: agencies,
//   organisations and individuals provide information when the enforcement
//   officer asks) and Art. 11(1)-(2) (their duty to comply);
// - freeze_account: Art. 67 (phong tỏa tài khoản: carried out at once on
//   receipt; within 10 days the officer coerces or lifts, Art. 67(3));
// - stop_transfer: Art. 69 (tạm dừng việc đăng ký, chuyển quyền sở hữu, sử
//   dụng, thay đổi hiện trạng tài sản);
// - protection: Art. 72 (the police plan the protection of a coercion within
//   3 working days of the coercion plan);
// - other: Art. 11 (cooperation of agencies and organisations);
// - reminded: Art. 11 and the article of the first letter;
// - lifted: Art. 67(3) for a freeze (chấm dứt phong tỏa), Art. 69 for a stop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/money.h"

namespace thads::coordination {

struct LetterFacts {
  std::string act;      // sent | reminded | lifted
  std::string purpose;  // verify_assets | freeze_account | stop_transfer | protection | other
  std::string request_id;
  Date sent_date;       // the first letter's date (cited by a reminder or a lifting)
  Date date;            // this letter's date
  std::string body_name;
  std::string subject_name, subject_id;
  Money amount = 0;     // freeze_account
  // The case: its id, the judgment and the enforcement decision's grounds.
  std::string case_id, judgment_number, judgment_court;
  std::optional<Date> judgment_date;
  std::string debtor_address;
  std::string agency_name, officer_name;
};

struct LetterText {
  std::string number;  // "Số: HN-KV1-YC-2025-0001/YC-THADS"
  std::string title;   // upper case, as NĐ 30/2020 sets titles
  std::string subtitle;
  std::string addressee;  // "Kính gửi: …"
  std::vector<std::string> basis;       // "Căn cứ …" lines
  std::vector<std::string> paragraphs;  // the body
  std::string article;                  // the articles, for the page and the test
  std::vector<std::string> recipients;  // Nơi nhận
};

// Whether act `act` of a request with `purpose` has a letter (a lifting only
// for freeze_account and stop_transfer; answers and closings have none).
bool has_letter(const std::string& act, const std::string& purpose);

// The letter's text. Precondition: has_letter(f.act, f.purpose).
LetterText letter_text(const LetterFacts& f);

}  // namespace thads::coordination
