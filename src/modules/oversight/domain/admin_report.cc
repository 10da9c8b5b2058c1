#include "modules/oversight/domain/admin_report.h"

#include "modules/oversight/domain/stream.h"

namespace thads::oversight {

std::optional<int64_t> AdminColumns::complied_rate_x100() const {
  if (total == 0) return std::nullopt;
  // Half up: (complied × 10000 × 2 + total) ÷ (2 × total), in integers.
  return (complied * 20000 + total) / (2 * total);
}

FileFacts facts_of(std::span<const Act> acts) {
  FileFacts f;
  const Stream stream(std::vector<Act>(acts.begin(), acts.end()));
  f.withdrawn = stream.withdrawn();
  if (f.withdrawn) return f;
  for (const Act* a : stream.effective())
    f.steps.push_back({a->date, a->type, a->type == "delay_reason" ? a->text("reason") : "", is_ending(a->kind, a->type)});
  if (!acts.empty() && acts.front().type == "received") {
    f.agency = acts.front().text("agency");
    f.debtor_level = acts.front().text("debtor", "level");
  }
  return f;
}

FileStanding standing_of(std::span<const Act> acts, Date from, Date to) { return standing_of(facts_of(acts), from, to); }

FileStanding standing_of(const FileFacts& facts, Date from, Date to) {
  FileStanding f;
  if (facts.withdrawn) return f;
  // The effective acts dated by the period's end.
  std::vector<const FileFacts::Step*> h;
  h.reserve(facts.steps.size());
  for (const FileFacts::Step& a : facts.steps)
    if (!(to < a.date)) h.push_back(&a);
  if (h.empty() || h.front()->type != "received") return f;
  const FileFacts::Step* end = nullptr;
  for (const FileFacts::Step* a : h)
    if (a->ending) {
      end = a;
      break;
    }
  if (end && end->date < from) return f;  // ended before the period: not carried over
  f.counted = true;
  f.carried_over = h.front()->date < from;
  f.debtor_level = facts.debtor_level;
  if (end) {
    f.ended_by = end->type;
    return f;
  }
  for (const FileFacts::Step* a : h) {
    if (a->type == "compel_order") f.compel_order = true;
    if (a->type == "published") f.published = true;
    if (a->type == "unpublished") f.published = false;
    if (a->type == "delay_reason") f.delay_reason = a->reason;
  }
  return f;
}

void add_to(AdminColumns& c, const FileStanding& f) {
  if (!f.counted) return;
  ++(f.carried_over ? c.carried_over : c.received_new);
  ++c.total;
  if (f.ended_by == "complied") return void(++c.complied);
  if (f.ended_by == "closed") return void(++c.closed_other);
  ++c.in_progress;
  if (f.compel_order) ++c.with_compel_order;
  if (f.published) ++c.published;
  const std::string& l = f.debtor_level;
  ++(l == "central" ? c.debtor_central
     : l == "province" ? c.debtor_province
     : l == "district" ? c.debtor_district
     : l == "commune"  ? c.debtor_commune
                       : c.debtor_other);
  const std::string& r = f.delay_reason;
  ++(r == "objective_obstacle" ? c.reason_objective_obstacle
     : r == "awaiting_funds"   ? c.reason_awaiting_funds
     : r == "awaiting_superior" ? c.reason_awaiting_superior
     : r == "disagrees"        ? c.reason_disagrees
     : r == "unclear_judgment" ? c.reason_unclear_judgment
     : r == "other"            ? c.reason_other
                               : c.reason_none);
}

std::optional<RegisterRow> register_row(std::span<const Act> acts, Date from, Date to) {
  const FileStanding f = standing_of(acts, from, to);
  if (!f.counted) return std::nullopt;
  const Stream stream(std::vector<Act>(acts.begin(), acts.end()));
  RegisterRow row;
  row.carried_over = f.carried_over;
  row.ended_by = f.ended_by;
  row.delay_reason = f.delay_reason;
  bool on = false;
  std::string portals;
  for (const Act* a : stream.effective()) {
    if (to < a->date) break;
    const std::string& t = a->type;
    if (t == "received") {
      row.id = a->id, row.agency = a->text("agency"), row.received = a->date.iso();
      row.judgment_number = a->text("judgment", "number"), row.court = a->text("judgment", "court");
      row.judgment_date = a->text("judgment", "date"), row.ruling = a->text("ruling");
      row.debtor = a->text("debtor", "name"), row.debtor_level = a->text("debtor", "level");
      row.creditor = a->text("creditor", "name"), row.obligation = a->text("obligation");
    } else if (t == "officer_assigned") {
      row.officer = a->text("officer");
    } else if (t == "notice_sent" && row.notice_sent.empty()) {
      row.notice_sent = a->date.iso();
    } else if (t == "debtor_reported") {
      row.debtor_reported = a->date.iso() + " " + a->text("result");
    } else if (t == "compel_order") {
      row.compel_number = a->text("number"), row.compel_date = a->text("order_date");
    } else if (t == "published") {
      if (!on) row.published = a->date.iso(), portals.clear();
      on = true;
      for (const auto& p : a->p["portals"]) portals += (portals.empty() ? "" : ",") + p.get<std::string>();
    } else if (t == "unpublished") {
      on = false;
    } else if (is_ending(a->kind, t)) {
      row.ended_on = a->date.iso();
    }
  }
  if (on) row.portals = portals;
  else row.published.clear();
  return row;
}

std::span<const AdminColumn> admin_columns() {
  static const AdminColumn cols[] = {
      {"carried_over", "Kỳ trước chuyển sang", &AdminColumns::carried_over},
      {"received_new", "Thụ lý mới", &AdminColumns::received_new},
      {"total", "Tổng số phải theo dõi", &AdminColumns::total},
      {"complied", "Đã chấp hành xong", &AdminColumns::complied},
      {"closed_other", "Kết thúc theo dõi vì lý do khác", &AdminColumns::closed_other},
      {"in_progress", "Đang theo dõi", &AdminColumns::in_progress},
      {"with_compel_order", "Có quyết định buộc thi hành", &AdminColumns::with_compel_order},
      {"published", "Đang đăng tải công khai", &AdminColumns::published},
      {"debtor_central", "Người phải thi hành: cấp trung ương", &AdminColumns::debtor_central},
      {"debtor_province", "Người phải thi hành: cấp tỉnh", &AdminColumns::debtor_province},
      {"debtor_district", "Người phải thi hành: cấp huyện", &AdminColumns::debtor_district},
      {"debtor_commune", "Người phải thi hành: cấp xã", &AdminColumns::debtor_commune},
      {"debtor_other", "Người phải thi hành: khác", &AdminColumns::debtor_other},
      {"reason_objective_obstacle", "Lý do chậm: trở ngại khách quan", &AdminColumns::reason_objective_obstacle},
      {"reason_awaiting_funds", "Lý do chậm: chờ bố trí kinh phí", &AdminColumns::reason_awaiting_funds},
      {"reason_awaiting_superior", "Lý do chậm: chờ ý kiến cấp trên", &AdminColumns::reason_awaiting_superior},
      {"reason_disagrees", "Lý do chậm: không đồng ý với bản án", &AdminColumns::reason_disagrees},
      {"reason_unclear_judgment", "Lý do chậm: bản án chưa rõ", &AdminColumns::reason_unclear_judgment},
      {"reason_other", "Lý do chậm: khác", &AdminColumns::reason_other},
      {"reason_none", "Chưa ghi nhận lý do", &AdminColumns::reason_none},
      {"complied_rate", "Tỷ lệ chấp hành xong (%)", nullptr},
  };
  return cols;
}

nlohmann::ordered_json columns_json(const AdminColumns& c) {
  nlohmann::ordered_json j;
  for (const AdminColumn& col : admin_columns()) {
    if (col.field) {
      j[col.key] = c.*col.field;
    } else if (auto r = c.complied_rate_x100()) {
      j[col.key] = static_cast<double>(*r) / 100.0;
    } else {
      j[col.key] = nullptr;
    }
  }
  return j;
}

}  // namespace thads::oversight
