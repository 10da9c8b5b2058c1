#include "modules/oversight/domain/deadlines.h"

#include <algorithm>
#include <stdexcept>

#include "modules/oversight/domain/stream.h"

namespace thads::oversight {
namespace {

using History = std::vector<const Act*>;

const Act* first_of(const History& h, std::string_view type, Date from = Date::from_days(-1000000)) {
  for (const Act* a : h)
    if (a->type == type && !(a->date < from)) return a;
  return nullptr;
}
const Act* first_after(const History& h, const Act* after, std::initializer_list<std::string_view> types) {
  for (const Act* a : h)
    if (a->seq > after->seq && std::find(types.begin(), types.end(), a->type) != types.end()) return a;
  return nullptr;
}
const Act* last_of(const History& h, std::string_view type) {
  const Act* r = nullptr;
  for (const Act* a : h)
    if (a->type == type) r = a;
  return r;
}
std::optional<Date> date_of(const Act* a) { return a ? std::optional<Date>(a->date) : std::nullopt; }

struct Ctx {
  Date today;
  const Calendar& cal;
  const OversightSettings& s;
  std::optional<Date> end;  // the ending act's date
  std::vector<Deadline>& out;

  Date wd(Date d, int n) const { return cal.add_working_days(d, n); }
  Date days(Date d, int n) const { return cal.end_of_days(d, n); }

  // A deadline before or at the end: an ended stream lists an unmet one only
  // when it fell due before the end (interchange.md).
  void add(std::string_view action, std::string_view label, Date due, std::string_view article,
           std::optional<Date> done, bool after_end = false) const {
    Deadline d;
    d.action = action;
    d.label_vi = label;
    d.due = due;
    d.article = article;
    if (!done && !after_end && end && !(due < *end)) return;
    settle(d, done, today);
    out.push_back(std::move(d));
  }
};

// --- admin_judgment: LTTHC 2015 Art. 309–312; NĐ 71/2016/NĐ-CP ------------

bool portals_cover(const std::vector<std::string>& have, const std::string& level) {
  auto has = [&](const char* p) { return std::find(have.begin(), have.end(), p) != have.end(); };
  // Art. 30(2): a central or provincial debtor is also published on the
  // national and the government portals.
  if (!has("province")) return false;
  return (level != "central" && level != "province") || (has("national") && has("government"));
}

void admin_judgment(const Ctx& c, const History& h) {
  const Act& r = *h.front();
  const bool now = enforced_immediately(r.text("ruling"));
  // notify: 5 wd from receipt; immediately enforced rulings on the day (NĐ 71/2016 Art. 14).
  c.add("notify", "Gửi thông báo tự nguyện thi hành", now ? r.date : c.wd(r.date, 5), "NĐ 71/2016/NĐ-CP Điều 14",
        date_of(first_of(h, "notice_sent")));
  // debtor_report: the voluntary period is 30 days from the debtor's receipt
  // (LTTHC Art. 311(2)); the report is due 3 wd after it (NĐ 71/2016 Art. 10(2)).
  const Date got = r.date_of("debtor_received_date").value_or(r.date);
  const Date period_end = now ? got : c.days(got, 30);
  c.add("debtor_report", "Cơ quan phải thi hành báo cáo kết quả", c.wd(period_end, 3),
        "Luật TTHC 2015 Điều 311(2); NĐ 71/2016/NĐ-CP Điều 10(2)", date_of(first_of(h, "debtor_reported")));
  if (const Act* co = first_of(h, "compel_order")) {
    c.add("meet_debtor", "Làm việc với người phải thi hành", c.wd(co->date, 3), "NĐ 71/2016/NĐ-CP Điều 14",
          date_of(first_of(h, "debtor_met", co->date)));
    // publish: met on the first day the current publication covers the
    // portals the debtor's level requires (Art. 30(1)-(2)).
    std::vector<std::string> portals;
    std::optional<Date> met;
    for (const Act* a : h) {
      if (a->type == "unpublished") portals.clear();
      if (a->type != "published") continue;
      for (const auto& p : a->p["portals"]) portals.push_back(p.get<std::string>());
      if (!met && portals_cover(portals, r.text("debtor", "level"))) met = a->date;
    }
    c.add("publish", "Đăng tải công khai việc không chấp hành", c.wd(co->date, 5), "NĐ 71/2016/NĐ-CP Điều 30(1)", met);
  }
  // unpublish: a file that ends while published is taken down within 2 wd (Art. 30(3)).
  if (const Act* e = ending_of(h)) {
    bool on = false;
    for (const Act* a : h) {
      if (a->seq > e->seq) break;
      if (a->type == "published") on = true;
      if (a->type == "unpublished") on = false;
    }
    if (on)
      c.add("unpublish", "Gỡ bỏ thông tin đăng tải", c.wd(e->date, 2), "NĐ 71/2016/NĐ-CP Điều 30(3)",
            date_of(first_after(h, e, {"unpublished"})), true);
  }
  // interpretation: the court answers within 15 days (LTTHC Art. 310(4)); the latest request.
  if (const Act* q = last_of(h, "interpretation_requested"))
    c.add("interpretation", "Tòa án giải thích bản án", c.days(q->date, 15), "Luật TTHC 2015 Điều 310(4)",
          date_of(first_after(h, q, {"interpretation_received"})));
}

// --- complaint: L.THADS Art. 140–146; TT 13/2021/TT-BTP -----------------------

void complaint(const Ctx& c, const History& h) {
  const Act& l = *h.front();
  const std::string act = l.text("act");
  const bool second = l.integer("level") == 2;
  const Date known = l.date_of("act_known_date").value_or(l.date);
  // lodge (Art. 140(2)): the complainant's own time limit; met_on is the lodging.
  Date lodge_due = c.days(known, 15);
  if (!second) {
    if (act == "account_freeze") lodge_due = c.wd(known, 3);
    else if (act == "other_protective") lodge_due = c.days(known, 10);
    else if (act == "coercion" || act == "after_coercion") lodge_due = c.days(known, 30);
  }
  c.add("lodge", "Thời hiệu khiếu nại", lodge_due, "Luật THADS Điều 140(2)", l.date);
  // admit: 5 wd at level 1 (Art. 148); 10 days at level 2 (TT 13/2021 Art. 9(1)).
  const Act* admitted = first_of(h, "admitted");
  const Act* rejected = first_of(h, "rejected");
  std::optional<Date> decided = date_of(admitted);
  if (rejected && (!decided || rejected->date < *decided)) decided = rejected->date;
  c.add("admit", "Thụ lý khiếu nại", second ? c.days(l.date, 10) : c.wd(l.date, 5),
        second ? "TT 13/2021/TT-BTP Điều 9(1)" : "Luật THADS Điều 148", decided);
  // resolve (Art. 146): counted from the admission.
  if (admitted) {
    const bool remote = l.flag("remote");
    const bool extended = first_of(h, "extended") != nullptr;
    Date due;
    if (act == "account_freeze" || act == "other_protective") {
      due = c.wd(admitted->date, 5);
    } else {
      int n = act == "coercion" ? (second ? 45 : 30) : (second ? 30 : 15);
      if (act == "coercion" && extended) n += 30;
      if (remote) n += c.s.remote_extra_days;  // Art. 146(5) [B]
      due = c.days(admitted->date, n);
    }
    c.add("resolve", "Giải quyết khiếu nại", due, "Luật THADS Điều 146", date_of(first_of(h, "resolved")));
  }
  // After the decision (TT 13/2021 Art. 14): sent within 3 wd (7 wd at level 2);
  // a second-level decision published within 15 days.
  if (const Act* e = ending_of(h); e && e->type == "resolved") {
    c.add("send_decision", "Gửi quyết định giải quyết khiếu nại", c.wd(e->date, second ? 7 : 3),
          "TT 13/2021/TT-BTP Điều 14", date_of(first_after(h, e, {"decision_sent"})), true);
    if (second)
      c.add("publish_decision", "Công khai quyết định giải quyết khiếu nại lần hai", c.days(e->date, 15),
            "TT 13/2021/TT-BTP Điều 14", date_of(first_after(h, e, {"decision_published"})), true);
  }
}

// --- denunciation: L.THADS Art. 157–159; TT 13/2021 Art. 15–16 ----------------

void denunciation(const Ctx& c, const History& h) {
  const Act& l = *h.front();
  std::optional<Date> decided;
  for (const Act* a : h)
    if (a->type == "admitted" || a->type == "rejected" || a->type == "transferred") {
      decided = a->date;
      break;
    }
  c.add("admit", "Thụ lý tố cáo", c.wd(l.date, l.flag("needs_checks") ? 10 : 7), "TT 13/2021/TT-BTP Điều 16",
        decided);
  if (const Act* admitted = first_of(h, "admitted"))
    c.add("conclude", "Kết luận nội dung tố cáo", c.days(admitted->date, first_of(h, "extended") ? 90 : 60),
          "Luật THADS Điều 157(2)", date_of(first_of(h, "concluded")));
  if (const Act* e = ending_of(h); e && e->type == "concluded") {
    c.add("send_conclusion", "Gửi kết luận nội dung tố cáo", c.wd(e->date, 5), "TT 13/2021/TT-BTP Điều 16",
          date_of(first_after(h, e, {"conclusion_sent"})), true);
    c.add("publish_conclusion", "Công khai kết luận nội dung tố cáo", c.wd(e->date, 7), "TT 13/2021/TT-BTP Điều 16",
          date_of(first_after(h, e, {"conclusion_published"})), true);
  }
}

// --- procuracy: L.THADS Art. 160–161 ------------------------------------------

void procuracy(const Ctx& c, const History& h) {
  const Act& o = *h.front();
  if (o.type == "protest") {
    const Date known = o.date_of("act_known_date").value_or(o.date);
    c.add("lodge", "Thời hạn kháng nghị", c.days(known, o.text("level") == "superior" ? 30 : 15),
          "Luật THADS Điều 160", o.date);
  }
  Date reply_due = c.days(o.date, 15);
  std::string article = "Luật THADS Điều 161(1)";
  if (o.type == "recommendation") reply_due = c.days(o.date, c.s.recommendation_reply_days);
  if (o.type == "requirement") {
    // A self-inspection is reported within 30 days; other requirements are
    // met at once ("ngay"): due on the day received, not moved.
    reply_due = o.text("demand") == "self_inspect" ? c.days(o.date, 30) : o.date;
    article = "Luật Tổ chức VKSND 2014 Điều 28";
  }
  c.add("reply", "Trả lời Viện kiểm sát", reply_due, article, date_of(first_of(h, "replied")));
  if (o.type != "requirement") {
    const Act* start = nullptr;
    if (const Act* r = first_of(h, "replied"); r && r->flag("accepted")) start = r;
    else if (const Act* s = first_of(h, "superior_answered"); s && s->flag("accepted")) start = s;
    if (start)
      c.add("remedy", "Khắc phục vi phạm", c.wd(start->date, o.type == "protest" ? 5 : c.s.recommendation_remedy_wd),
            "Luật THADS Điều 161", date_of(first_of(h, "remedied")));
  }
  if (const Act* rep = first_of(h, "reported_to_superior"))
    c.add("superior_answer", "Cơ quan cấp trên trả lời", c.days(rep->date, 30), "Luật THADS Điều 161(2)",
          date_of(first_of(h, "superior_answered")));
}

// --- request: L.THADS Art. 11, 44, 66–69, 72 -----------------------------------

void request(const Ctx& c, const History& h, std::span<const Event> case_history) {
  const Act& s = *h.front();
  const std::string purpose = s.text("purpose");
  const std::optional<Date> answered = date_of(first_of(h, "answered"));
  if (purpose == "verify_assets")
    c.add("answer", "Cơ quan được yêu cầu trả lời", c.wd(s.date, c.s.verify_assets_answer_wd), "Luật THADS Điều 44",
          answered);
  else if (purpose == "protection")
    c.add("answer", "Kế hoạch bảo vệ cưỡng chế", c.wd(s.date, 3), "Luật THADS Điều 72", answered);
  else if (purpose == "freeze_account" || purpose == "stop_transfer")
    c.add("answer", "Thực hiện phong tỏa, tạm dừng", c.wd(s.date, c.s.freeze_answer_wd),
          purpose == "freeze_account" ? "Luật THADS Điều 67" : "Luật THADS Điều 69", answered);
  if (purpose == "freeze_account") {
    // Within 10 days of a freeze the officer coerces or lifts it (Art. 67(3)).
    std::optional<Date> met = date_of(first_of(h, "lifted"));
    for (const Event& e : case_history)
      if (e.type == EventType::coercion_executed && !(e.date < s.date) && !(c.today < e.date)) {
        if (!met || e.date < *met) met = e.date;
        break;
      }
    c.add("after_freeze", "Cưỡng chế hoặc giải tỏa sau phong tỏa", c.days(s.date, 10), "Luật THADS Điều 67(3)", met);
  }
}

}  // namespace

const OversightSettings& OversightSettings::defaults() {
  static const OversightSettings d;
  return d;
}

namespace {
OversightSettings& deployment() {
  static OversightSettings s;
  return s;
}
}  // namespace

const OversightSettings& OversightSettings::active() { return deployment(); }
void OversightSettings::use(const OversightSettings& s) { deployment() = s; }

OversightSettings OversightSettings::from_json(const nlohmann::json& j) {
  OversightSettings s;
  if (!j.is_object()) throw std::invalid_argument("\"oversight\" must be an object");
  for (const auto& [k, v] : j.items()) {
    int* field = k == "remote_extra_days"           ? &s.remote_extra_days
                 : k == "recommendation_reply_days" ? &s.recommendation_reply_days
                 : k == "recommendation_remedy_wd"  ? &s.recommendation_remedy_wd
                 : k == "verify_assets_answer_wd"   ? &s.verify_assets_answer_wd
                 : k == "freeze_answer_wd"          ? &s.freeze_answer_wd
                                                    : nullptr;
    if (!field) throw std::invalid_argument("unknown oversight setting '" + k + "'");
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 365)
      throw std::invalid_argument("oversight setting '" + k + "' must be a whole number of days from 0 to 365");
    *field = v.get<int>();
  }
  return s;
}

std::vector<Deadline> stream_deadlines(std::span<const Act> acts, Date today, const Calendar& cal,
                                       std::span<const Event> case_history, const OversightSettings& s) {
  std::vector<Deadline> out;
  if (withdrawn_acts(acts)) return out;
  History h;  // a `voided` record removes its target whatever its date
  for (const Act* a : effective_acts(acts))
    if (!(today < a->date)) h.push_back(a);
  if (h.empty() || !is_opening(h.front()->kind, h.front()->type)) return out;
  const Act* end = ending_of(h);
  Ctx c{today, cal, s, end ? std::optional<Date>(end->date) : std::nullopt, out};
  switch (h.front()->kind) {
    case StreamKind::admin_judgment: admin_judgment(c, h); break;
    case StreamKind::complaint: complaint(c, h); break;
    case StreamKind::denunciation: denunciation(c, h); break;
    case StreamKind::procuracy: procuracy(c, h); break;
    case StreamKind::request: request(c, h, case_history); break;
  }
  return out;
}

}  // namespace thads::oversight
