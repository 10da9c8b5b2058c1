// CaseView: what the read models keep of one case — the summary shown in
// lists and on the case page, the statistics timeline, the search terms and
// the deadlines not yet met. Derived from the stream alone (pure), so the
// read models can be rebuilt from the journal at any time.
#pragma once

#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/case_state.h"
#include "domain/legal_settings.h"
#include "domain/statistics.h"

namespace thads {

struct PendingDeadline {
  std::string action, label_vi, article;
  Date due;
};

struct CaseView {
  std::string case_id, agency, mode, judgment_kind, judgment_number, court;
  std::string debtor_name, debtor_address, debtor_id, creditor_name, officer;
  std::string status;       // active | postponed_agreed | postponed_suspended | unable | ended | withdrawn
  std::string ended;        // end event type, or ""
  std::string unable_reason;
  Date opened_date, end_date, last_date, unable_date;
  int64_t version = 0;
  Money opened_amount = 0, collected = 0, reduced = 0, written_off = 0, paid_out = 0, remaining = 0;
  std::string timeline;     // serialize(CaseTimeline)
  std::vector<std::string> terms;
  std::vector<PendingDeadline> pending;
  // On the public list of debtors without conditions (NĐ62 Art. 11;
  // TT 04/2023 Art. 4–6): status unable and the case not ended.
  bool public_unable = false;
};

CaseView project(const CaseStream& stream, const Calendar& cal, const LegalSettings& s = LegalSettings::defaults());

// Compact text form of a CaseTimeline for the read model.
std::string serialize(const CaseTimeline& t);
bool parse_timeline(std::string_view text, CaseTimeline& out);

}  // namespace thads
