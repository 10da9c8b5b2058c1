#include "modules/steering/app/steering_demo.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/demo_data.h"
#include "modules/steering/app/attachments.h"
#include "modules/steering/domain/periods.h"

namespace thads::steering {
namespace {

using json = nlohmann::ordered_json;
using demo::Rng;

void line(std::ostream& out, const json& j) { out << j.dump() << '\n'; }

struct DemoTask {
  const char* number;
  const char* text;
  std::vector<std::string> bodies;  // suffixes: "" = the province agency
  const char* periodicity;          // or nullptr with a deadline
  int deadline_days = 0;            // after the directive's date
};

std::string body(const std::string& p, const std::string& suffix) { return suffix.empty() ? p : p + "-" + suffix; }

// Reports of one (task, body) for the periods up to today: most on time,
// some late, some missing (the late cells of the matrix).
void reports(std::ostream& out, Rng& r, const std::string& task, const std::string& b, Periodicity per,
             std::optional<Date> deadline, Date start, std::optional<Date> stop, Date today) {
  static const char* kDone[] = {"Đã tổ chức quán triệt và triển khai thực hiện đầy đủ.",
                                "Đã phối hợp tổ chức cưỡng chế theo kế hoạch, bảo đảm an toàn.",
                                "Đã báo cáo kết quả với Thường trực Tỉnh ủy.",
                                "Đã rà soát, phân loại và đề xuất biện pháp giải quyết."};
  static const char* kProgress[] = {"Đang phối hợp xác minh điều kiện thi hành án.",
                                    "Đang xây dựng kế hoạch, dự kiến hoàn thành trong kỳ sau."};
  std::vector<TaskPeriod> periods;
  if (per == Periodicity::once) periods.push_back({"once", start, *deadline});
  else periods = periods_between(per, start, stop, today);
  for (const TaskPeriod& p : periods) {
    const Date due = per == Periodicity::once ? *deadline : p.to;
    const double x = r.uniform();
    if (x < 0.15) continue;  // never reported: late
    int seq = 0;
    Date d = std::max(start, due.plus_days(-static_cast<int32_t>(r.range(3, 20))));
    if (x < 0.35) {  // in progress only, then (sometimes) done late
      if (d > today) continue;
      line(out, {{"kind", "task_report"}, {"task", task}, {"body", b}, {"period", p.key}, {"seq", ++seq},
                 {"date", d.iso()}, {"status", "in_progress"}, {"text", kProgress[r.range(0, 1)]}});
      if (x < 0.25) continue;
      d = due.plus_days(static_cast<int32_t>(r.range(5, 40)));
    }
    if (d > today) continue;
    const char* text = kDone[r.range(0, 3)];
    json rep{{"kind", "task_report"}, {"task", task}, {"body", b}, {"period", p.key}, {"seq", ++seq},
             {"date", d.iso()}, {"status", "done"}, {"text", text}};
    // Every third body's done reports carry their written report as an
    // attached document (attachments.h), journalled before the report.
    if (b.size() % 3 == 0) {
      const std::string doc = "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ\n\nNhiệm vụ: " + task + "\nCơ quan thực hiện: " + b +
                              "\nKỳ báo cáo: " + p.key + "\nNgày báo cáo: " + d.vn() + "\n\n" + text + "\n";
      const AttachmentRef ref{sha256_hex(doc), "bao-cao-" + b + "-" + p.key + ".txt", "text/plain",
                              static_cast<int64_t>(doc.size())};
      for (int64_t k = 1; k <= parts_for(ref.size); ++k)
        out << make_attachment_part(ref.sha256, ref.media_type, ref.size, k,
                                    base64_encode(std::string_view(doc).substr(
                                        static_cast<size_t>((k - 1) * kAttachmentPartBytes),
                                        static_cast<size_t>(kAttachmentPartBytes))))
                   .raw
            << '\n';
      rep["documents"] = json::array({json::parse(to_json(ref).dump())});
    }
    line(out, rep);
  }
}

void directive(std::ostream& out, Rng& r, const std::string& p, const std::string& id, const std::string& number,
               Date date, const char* title, const std::string& replaces, const std::vector<DemoTask>& tasks,
               std::optional<Date> stop, Date today, const std::string& issuer) {
  json d{{"kind", "directive"}, {"id", id}, {"number", number}, {"issuer", issuer}, {"date", date.iso()},
         {"title", title}, {"agency", p}};
  if (!replaces.empty()) d["replaces"] = replaces;
  line(out, d);
  for (const DemoTask& t : tasks) {
    std::vector<std::string> bodies;
    for (const std::string& s : t.bodies) bodies.push_back(body(p, s));
    json j{{"kind", "directive_task"}, {"directive", id}, {"number", t.number}, {"text", t.text},
           {"bodies", bodies}, {"owner", body(p, "internal_affairs")}};
    std::optional<Date> deadline;
    if (t.periodicity) j["periodicity"] = t.periodicity;
    else deadline = date.plus_days(t.deadline_days), j["deadline"] = deadline->iso();
    line(out, j);
    const Periodicity per = t.periodicity ? *periodicity_from(t.periodicity) : Periodicity::once;
    for (const std::string& b : bodies)
      reports(out, r, id + "/" + t.number, b, per, deadline, date, stop, today);
  }
}

void province(std::ostream& out, Rng& r, const DemoWorld& w, const demo::Province& pr, int index) {
  const std::string p = pr.code;
  const std::string t = pr.title;
  const Date today = w.today;
  const std::pair<const char*, std::string> bodies[] = {
      {"internal_affairs", "Ban Nội chính " + std::string(index ? "Tỉnh ủy " : "Thành ủy ") + pr.place},
      {"propaganda", "Ban Tuyên giáo và Dân vận " + std::string(index ? "Tỉnh ủy " : "Thành ủy ") + pr.place},
      {"procuracy", "Viện kiểm sát nhân dân " + t},
      {"court", "Tòa án nhân dân " + t},
      {"front", "Ủy ban Mặt trận Tổ quốc Việt Nam " + t},
  };
  for (const auto& [type, name] : bodies)
    line(out, {{"kind", "body"}, {"code", p + "-" + type}, {"name", name},
               {"type", std::string(type) == "procuracy" || std::string(type) == "court" ? type : "other"},
               {"agency", p}});
  const std::string issuer = std::string("Ban Thường vụ ") + (index ? "Tỉnh ủy " : "Thành ủy ") + pr.place;
  // The older directive and the one replacing it.
  const Date old_date = today.plus_days(-3 * 365 - static_cast<int32_t>(r.range(0, 60)));
  const Date new_date = today.plus_days(-420 - static_cast<int32_t>(r.range(0, 30)));
  const std::string old_id = p + "-CT-" + std::to_string(old_date.year()) + "-08";
  const std::string new_id = p + "-CT-" + std::to_string(new_date.year()) + "-21";
  directive(out, r, p, old_id, "08-CT/TU", old_date,
            "Về nâng cao hiệu quả phối hợp trong công tác thi hành án dân sự trên địa bàn", "",
            {{"1", "Các cấp ủy định kỳ nghe báo cáo kết quả thi hành án dân sự", {""}, "six_monthly"},
             {"2", "Phối hợp bảo vệ cưỡng chế các vụ việc lớn", {"police"}, "yearly"}},
            new_date, today, issuer);
  directive(out, r, p, new_id, "21-CT/TU", new_date,
            "Về tăng cường sự lãnh đạo của cấp ủy đối với công tác thi hành án dân sự, thi hành án hành chính",
            old_id,
            {{"1", "Quán triệt chỉ thị đến cán bộ, đảng viên và nhân dân", {"propaganda", "front"}, nullptr, 60},
             {"2", "Nghe cơ quan thi hành án báo cáo định kỳ và đột xuất", {""}, "quarterly"},
             {"2.1", "Chỉ đạo giải quyết dứt điểm các vụ việc phức tạp, kéo dài", {"", "people_committee"}, "six_monthly"},
             {"2.2", "Tổ chức thi hành nghiêm các bản án hành chính", {"people_committee"}, "standing"},
             {"3", "Bố trí lực lượng bảo vệ cưỡng chế kịp thời theo đề nghị", {"police"}, "quarterly"},
             {"4", "Tăng cường kiểm sát việc thi hành án, kiến nghị khắc phục vi phạm", {"procuracy"}, "six_monthly"},
             {"5", "Rà soát bản án tuyên không rõ, khó thi hành để giải thích, đính chính", {"court"}, nullptr, 180},
             {"6", "Theo dõi, kiểm tra và báo cáo việc thực hiện chỉ thị", {"internal_affairs"}, "yearly"}},
            std::nullopt, today, issuer);

  // The steering committee, its members and meetings.
  const std::string c = "BCD-" + p;
  line(out, {{"kind", "committee"}, {"id", c}, {"name", "Ban Chỉ đạo thi hành án dân sự " + t}, {"level", "province"},
             {"agency", p}, {"valid_from", "2016-07-05"}});
  const Date term = Date::from_ymd(std::max(2017, today.year() - 2), 1, 15);
  const std::pair<const char*, std::pair<std::string, const char*>> members[] = {
      {"head", {body(p, "people_committee"), "Phó Chủ tịch Ủy ban nhân dân"}},
      {"deputy", {p, "Thủ trưởng cơ quan thi hành án dân sự"}},
      {"member", {body(p, "police"), "Phó Giám đốc Công an"}},
      {"member", {body(p, "procuracy"), "Phó Viện trưởng Viện kiểm sát"}},
      {"member", {body(p, "court"), "Phó Chánh án Tòa án"}},
      {"secretariat", {p, "Trưởng phòng Nghiệp vụ"}},
  };
  int n = 0;
  for (const auto& [role, who] : members) {
    const demo::PersonName person = demo::person_name(r, pr.south);
    line(out, {{"kind", "committee_member"}, {"committee", c}, {"person", person.text + " (" + who.second + ")"},
               {"body", who.first}, {"role", role}, {"from", term.plus_days(n++).iso()}});
  }
  std::vector<std::string> meeting_ids;
  for (int m = 0; m < 3; ++m) {
    const Date d = today.plus_days(-300 + 120 * m - static_cast<int32_t>(r.range(0, 20)));
    const std::string id = c + "/" + d.iso();
    meeting_ids.push_back(id);
    line(out, {{"kind", "meeting"}, {"id", id}, {"committee", c}, {"date", d.iso()},
               {"agenda", {"Kết quả thi hành án dân sự, thi hành án hành chính trong kỳ",
                           "Các vụ việc trọng điểm, phức tạp, kéo dài"}},
               {"conclusions", {"Tập trung tổ chức cưỡng chế các vụ việc đã đủ điều kiện",
                                "Các cơ quan thành viên báo cáo kết quả trước phiên họp sau"}}});
    const json task{{"kind", "directive_task"}, {"meeting", id}, {"number", "1"},
                    {"text", "Phối hợp tổ chức cưỡng chế các vụ việc được giao tại phiên họp"},
                    {"bodies", {body(p, "police"), p}}, {"owner", p}, {"deadline", d.plus_days(60).iso()}};
    line(out, task);
    for (const std::string& b : {body(p, "police"), p})
      reports(out, r, id + "/1", b, Periodicity::once, d.plus_days(60), d, std::nullopt, today);
  }

  // Key cases: the oldest and the largest cases of the province.
  std::vector<const DemoWorld::Case*> mine;
  for (const DemoWorld::Case& k : w.cases)
    if (k.agency == p || k.agency.rfind(p + "-", 0) == 0) mine.push_back(&k);
  std::sort(mine.begin(), mine.end(), [](const auto* a, const auto* b) {
    return a->opened != b->opened ? a->opened < b->opened : a->id < b->id;
  });
  if (mine.size() > 3) mine.resize(3);
  std::vector<const DemoWorld::Case*> large;
  for (const DemoWorld::Case& k : w.cases)
    if ((k.agency == p || k.agency.rfind(p + "-", 0) == 0) && std::find(mine.begin(), mine.end(), &k) == mine.end())
      large.push_back(&k);
  std::sort(large.begin(), large.end(), [](const auto* a, const auto* b) {
    return a->amount != b->amount ? a->amount > b->amount : a->id < b->id;
  });
  if (large.size() > 2) large.resize(2);
  mine.insert(mine.end(), large.begin(), large.end());
  int k = 0;
  for (const DemoWorld::Case* kc : mine) {
    ++k;
    const std::string id = "TD-" + p + "-" + std::to_string(k);
    const Date proposed = std::max(kc->opened, today.plus_days(-280 + 10 * k));
    if (proposed > today) continue;
    const Date meeting = Date::parse(meeting_ids[0].substr(meeting_ids[0].size() - 10)).value();
    int seq = 0;
    auto act = [&](const char* type, Date d, json payload) {
      json j{{"kind", "key_case"}, {"id", id}, {"seq", ++seq}, {"type", type}, {"date", d.iso()}};
      for (auto& [key, v] : payload.items()) j[key] = v;
      line(out, j);
    };
    json reasons = k <= 3 ? json{"open_long", "coercion_planned"} : json{"large_amount", "credit_institution"};
    if (k == 2) reasons.push_back("complaint_pending");
    act("proposed", proposed, {{"case", kc->id}, {"agency", kc->agency}, {"reasons", reasons}});
    Date decided = std::max(proposed, meeting);
    if (k == 5) {
      act("rejected", decided, {{"committee", c}, {"reason", "Vụ việc đang được giải quyết theo thủ tục thông thường"}});
      continue;
    }
    act("accepted", decided, {{"committee", c}});
    act("stuck", decided, {{"reason", k % 2 ? "Người phải thi hành án chống đối, tài sản là nhà ở duy nhất"
                                            : "Tài sản đang thế chấp, chưa thống nhất giá trị với ngân hàng"}});
    act("step", decided, {{"step", 1}, {"text", "Xác minh lại điều kiện thi hành án"}, {"owner", p},
                          {"deadline", decided.plus_days(30).iso()}});
    act("step", decided, {{"step", 2}, {"text", "Bố trí lực lượng bảo vệ cưỡng chế"}, {"owner", body(p, "police")},
                          {"deadline", decided.plus_days(90).iso()}});
    if (decided.plus_days(25) <= today) act("step_done", decided.plus_days(25), {{"step", 1}});
    if (k == 1 && decided.plus_days(80) <= today) {
      act("step_done", decided.plus_days(80), {{"step", 2}});
      act("closed", decided.plus_days(85), {{"result", "enforced"}});
    }
  }
}

}  // namespace

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out) {
  Rng r(seed ^ 0x57EE41A6ULL);
  int index = 0;
  for (const DemoWorld::Agency& a : world.agencies) {
    if (a.level != "province" || index >= 2) continue;
    const std::string prefix = a.code.substr(0, a.code.find('-'));
    for (const demo::Province& p : demo::provinces())
      if (prefix == p.code) province(out, r, world, p, index++);
  }
}

}  // namespace thads::steering
