#include "domain/case_view.h"

#include <charconv>

#include "domain/deadlines.h"
#include "domain/text.h"

namespace thads {

CaseView project(const CaseStream& stream, const Calendar& cal, const LegalSettings& settings) {
  CaseView v;
  const CaseState& s = stream.state();
  const auto& evs = stream.events();
  if (evs.empty()) return v;
  v.case_id = evs.front().case_id;
  v.version = stream.version();
  v.last_date = evs.back().date;
  if (s.info) {
    v.agency = s.info->agency;
    v.mode = std::string(to_string(s.info->mode));
    v.judgment_kind = s.info->judgment_kind;
    v.judgment_number = s.info->judgment.number;
    v.court = s.info->judgment.court;
    v.debtor_name = s.info->debtor.name;
    v.debtor_address = s.info->debtor.address;
    v.debtor_id = s.info->debtor.id_number;
    v.creditor_name = s.info->creditor.name;
  } else if (evs.front().opened()) {
    v.agency = evs.front().opened()->agency;  // withdrawn: keep the owner for scope checks
    v.debtor_name = evs.front().opened()->debtor.name;
  }
  v.officer = s.officer;
  v.opened_date = s.opened_date;
  v.opened_amount = s.opened_amount;
  v.collected = s.collected;
  v.reduced = s.reduced;
  v.written_off = s.written_off;
  v.paid_out = s.paid_out;
  v.remaining = s.withdrawn ? 0 : s.remaining();
  if (s.withdrawn) v.status = "withdrawn";
  else if (s.ended) v.status = "ended";
  else v.status = std::string(to_string(s.status));
  if (s.ended && !s.withdrawn) {
    v.ended = std::string(to_string(s.end_type));
    v.end_date = s.end_date;
  }
  if (s.status == Status::unable) {
    v.unable_reason = s.last_unable_reason;
    v.unable_date = s.last_unable_date;
  }
  v.public_unable = !s.ended && s.status == Status::unable;
  v.timeline = serialize(build_timeline(evs));
  v.terms = tokens(v.case_id + " " + v.debtor_name + " " + v.creditor_name + " " + v.debtor_id + " " +
                   v.judgment_number);
  if (!s.ended) {
    std::vector<Event> hist;
    for (const Event* e : effective_history(evs)) hist.push_back(*e);
    // "Today" far in the future: every act is in the past, so what is not met
    // yet is exactly what is still owed; the query decides overdue vs due.
    const DeadlineReport r = compute_deadlines(hist, Date::from_ymd(2199, 12, 31), cal, settings);
    for (const Deadline& d : r.deadlines)
      if (!d.met_on) v.pending.push_back({d.action, d.label_vi, d.article, d.due});
  }
  return v;
}

std::string serialize(const CaseTimeline& t) {
  // opened|amount|mode|kind|flags|end|ended|withdrawn|points; point = d:k:s:a
  std::string out;
  out.reserve(64 + t.points.size() * 16);
  out += std::to_string(t.opened.days()) + '|' + std::to_string(t.opened_amount) + '|' +
         (t.mode == Mode::proactive ? "p" : "r") + '|' + t.judgment_kind + '|';
  for (size_t i = 0; i < t.flags.size(); ++i) out += (i ? "," : "") + t.flags[i];
  out += '|' + std::to_string(static_cast<int>(t.end)) + '|' + std::to_string(t.ended.days()) + '|' +
         (t.withdrawn ? "1" : "0") + '|';
  for (size_t i = 0; i < t.points.size(); ++i) {
    const auto& p = t.points[i];
    if (i) out += ';';
    out += std::to_string(p.date.days()) + ':' + std::to_string(static_cast<int>(p.kind)) + ':' +
           std::to_string(static_cast<int>(p.status)) + ':' + std::to_string(p.amount);
  }
  return out;
}

namespace {

bool num(std::string_view s, int64_t& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string_view next(std::string_view& s, char sep) {
  const size_t p = s.find(sep);
  std::string_view head = s.substr(0, p);
  s = p == std::string_view::npos ? std::string_view{} : s.substr(p + 1);
  return head;
}

}  // namespace

bool parse_timeline(std::string_view text, CaseTimeline& t) {
  int64_t v;
  if (!num(next(text, '|'), v)) return false;
  t.opened = Date::from_days(static_cast<int32_t>(v));
  if (!num(next(text, '|'), t.opened_amount)) return false;
  t.mode = next(text, '|') == "p" ? Mode::proactive : Mode::on_request;
  t.judgment_kind = std::string(next(text, '|'));
  t.flags.clear();
  std::string_view flags = next(text, '|');
  while (!flags.empty()) t.flags.emplace_back(next(flags, ','));
  if (!num(next(text, '|'), v)) return false;
  t.end = static_cast<EndKind>(v);
  if (!num(next(text, '|'), v)) return false;
  t.ended = Date::from_days(static_cast<int32_t>(v));
  t.withdrawn = next(text, '|') == "1";
  t.points.clear();
  while (!text.empty()) {
    std::string_view p = next(text, ';');
    int64_t d, k, st, a;
    if (!num(next(p, ':'), d) || !num(next(p, ':'), k) || !num(next(p, ':'), st) || !num(p, a)) return false;
    t.points.push_back({Date::from_days(static_cast<int32_t>(d)), static_cast<TimelinePoint::Kind>(k),
                        static_cast<Status>(st), a});
  }
  return true;
}

}  // namespace thads
