#include "modules/coordination/domain/ledger_row.h"

#include "modules/oversight/domain/deadlines.h"

namespace thads::coordination {

std::optional<LedgerRow> ledger_row(const oversight::Stream& s, const Calendar& cal) {
  if (!s.exists() || s.acts().front().kind != oversight::StreamKind::request) return std::nullopt;
  const oversight::Act& sent = s.acts().front();
  LedgerRow r;
  r.id = sent.id;
  r.case_id = sent.text("case");
  r.agency = sent.text("agency");
  r.body = sent.text("body");
  r.purpose = sent.text("purpose");
  r.subject_name = sent.text("subject", "name");
  r.subject_id = sent.text("subject", "id_number");
  r.sender = sent.actor;
  r.amount = sent.integer("amount");
  r.sent = sent.date;
  for (const oversight::Act* a : s.effective()) {
    if (a->type != "answered") continue;
    if (!r.first_answer) r.first_answer = a->date;
    r.result = a->text("result");
  }
  // Every act counts (a far "today"): the due day does not depend on the day asked.
  for (const Deadline& d : oversight::stream_deadlines(s.acts(), Date::from_ymd(9999, 12, 31), cal))
    if (d.action == "answer") r.answer_due = d.due;
  r.state = s.withdrawn() ? "withdrawn" : oversight::ending_of(s.effective()) ? "ended" : "open";
  return r;
}

Timeliness timeliness(const LedgerRow& r, Date today) {
  if (!r.answer_due) return Timeliness::no_deadline;
  if (r.first_answer) return *r.first_answer <= *r.answer_due ? Timeliness::on_time : Timeliness::late;
  return *r.answer_due < today ? Timeliness::unanswered_overdue : Timeliness::unanswered_open;
}

}  // namespace thads::coordination
