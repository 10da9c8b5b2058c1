#include "modules/oversight/domain/grievance_report.h"

#include <algorithm>

#include "modules/oversight/domain/deadlines.h"
#include "modules/oversight/domain/stream.h"

namespace thads::oversight {
namespace {

using G = GrievanceColumns;
using P = ProcuracyColumns;

constexpr ColumnDef<G> kGrievance[] = {
    {"received", "Tổng số đơn phải giải quyết", &G::received},
    {"carried_over", "Kỳ trước chuyển sang", &G::carried_over},
    {"received_new", "Tiếp nhận mới trong kỳ", &G::received_new},
    {"within_competence", "Đã thụ lý (thuộc thẩm quyền)", &G::within_competence},
    {"not_admitted", "Không thụ lý, chuyển cơ quan có thẩm quyền hoặc rút trước khi thụ lý", &G::not_admitted},
    {"awaiting_admission", "Đang xem xét thụ lý", &G::awaiting_admission},
    {"resolved", "Đã giải quyết", &G::resolved},
    {"resolved_on_time", "Giải quyết đúng thời hạn", &G::resolved_on_time},
    {"resolved_late", "Giải quyết quá thời hạn", &G::resolved_late},
    {"upheld", "Đúng (có cơ sở)", &G::upheld},
    {"partly_upheld", "Đúng một phần (có cơ sở một phần)", &G::partly_upheld},
    {"dismissed", "Sai (không có cơ sở)", &G::dismissed},
    {"ended_other", "Đình chỉ, rút đơn sau khi thụ lý", &G::ended_other},
    {"pending", "Đang giải quyết", &G::pending},
};

constexpr ColumnDef<P> kProcuracy[] = {
    {"received", "Tổng số phải xử lý", &P::received},
    {"carried_over", "Kỳ trước chuyển sang", &P::carried_over},
    {"received_new", "Nhận mới trong kỳ", &P::received_new},
    {"replied", "Đã trả lời", &P::replied},
    {"replied_on_time", "Trả lời đúng thời hạn", &P::replied_on_time},
    {"replied_late", "Trả lời quá thời hạn", &P::replied_late},
    {"accepted", "Chấp nhận", &P::accepted},
    {"not_accepted", "Không chấp nhận", &P::not_accepted},
    {"reported_to_superior", "Báo cáo cơ quan cấp trên", &P::reported_to_superior},
    {"remedied", "Đã khắc phục", &P::remedied},
    {"closed", "Kết thúc khác", &P::closed},
    {"pending", "Đang thực hiện", &P::pending},
    {"pending_overdue", "Trong đó: quá hạn", &P::pending_overdue},
};

// The acts that count by the end of `to`; empty when the stream does not
// count in the period (withdrawn, opened after `to`, ended before `from`).
struct InPeriod {
  std::vector<Act> acts;          // dated on or before `to`, voided records included
  std::vector<const Act*> h;      // the effective ones, into `acts`
  const Act* end = nullptr;
  bool counts = false, carried_over = false;
};

InPeriod in_period(std::span<const Act> all, Date from, Date to) {
  InPeriod p;
  if (withdrawn_acts(all)) return p;
  for (const Act& a : all)
    if (!(to < a.date)) p.acts.push_back(a);
  if (p.acts.empty()) return p;
  // The effective history, pointing into p.acts.
  p.h = effective_acts(p.acts);
  if (p.h.empty() || !is_opening(p.h.front()->kind, p.h.front()->type)) return p;
  p.end = ending_of(p.h);
  if (p.end && p.end->date < from) return p;
  p.counts = true;
  p.carried_over = p.h.front()->date < from;
  return p;
}

bool has(const std::vector<const Act*>& h, const char* type) {
  return std::any_of(h.begin(), h.end(), [&](const Act* a) { return a->type == type; });
}

// The state of deadline `action` at `to`: met on time, met late, or not met.
enum class Kept { on_time, late, no };
Kept kept(const std::vector<Deadline>& ds, const char* action) {
  for (const Deadline& d : ds)
    if (d.action == action && d.met_on) return d.due < *d.met_on ? Kept::late : Kept::on_time;
  return Kept::no;
}
bool overdue(const std::vector<Deadline>& ds, Date to) {
  return std::any_of(ds.begin(), ds.end(), [&](const Deadline& d) { return !d.met_on && d.due < to && d.action != "lodge"; });
}

}  // namespace

std::span<const ColumnDef<GrievanceColumns>> grievance_columns() { return kGrievance; }
std::span<const ColumnDef<ProcuracyColumns>> procuracy_columns() { return kProcuracy; }

std::vector<std::string> grievance_keys(std::span<const Act> acts, Date from, Date to, const Calendar& cal) {
  const InPeriod p = in_period(acts, from, to);
  if (!p.counts) return {};
  std::vector<std::string> k{"received", p.carried_over ? "carried_over" : "received_new"};
  const bool admitted = has(p.h, "admitted");
  if (!admitted) {
    k.push_back(p.end ? "not_admitted" : "awaiting_admission");
    return k;
  }
  k.push_back("within_competence");
  const bool decided = p.end && (p.end->type == "resolved" || p.end->type == "concluded");
  if (!p.end) {
    k.push_back("pending");
  } else if (!decided) {
    k.push_back("ended_other");
  } else {
    k.push_back("resolved");
    // Art. 146 (complaints), Art. 157(2) (denunciations): the decision by its period.
    const auto ds = stream_deadlines(p.acts, to, cal);
    const Kept on = kept(ds, p.end->type == "resolved" ? "resolve" : "conclude");
    k.push_back(on == Kept::late ? "resolved_late" : "resolved_on_time");
    const std::string o = p.end->text("outcome");
    k.push_back(o == "upheld" || o == "founded" ? "upheld"
                : o == "partly_upheld" || o == "partly_founded" ? "partly_upheld"
                                                                : "dismissed");
  }
  return k;
}

std::vector<std::string> procuracy_keys(std::span<const Act> acts, Date from, Date to, const Calendar& cal) {
  const InPeriod p = in_period(acts, from, to);
  if (!p.counts) return {};
  std::vector<std::string> k{"received", p.carried_over ? "carried_over" : "received_new"};
  const auto ds = stream_deadlines(p.acts, to, cal);
  for (const Act* a : p.h) {
    if (a->type == "replied") {
      k.push_back("replied");
      k.push_back(kept(ds, "reply") == Kept::late ? "replied_late" : "replied_on_time");
    }
    if (a->type == "reported_to_superior") k.push_back("reported_to_superior");
  }
  // Accepted: the head's reply, or else the superior's final answer (Art. 161).
  const Act* answer = nullptr;
  for (const Act* a : p.h)
    if (a->type == "replied" || a->type == "superior_answered") answer = a;
  if (answer) k.push_back(answer->flag("accepted") ? "accepted" : "not_accepted");
  if (!p.end) {
    k.push_back("pending");
    if (overdue(ds, to)) k.push_back("pending_overdue");
  } else {
    k.push_back(p.end->type == "remedied" ? "remedied" : "closed");
  }
  return k;
}

}  // namespace thads::oversight
