// The work queue's held models (issue 15 "Speed") against the straightforward
// computation, on a generated multi-agency dataset (the case demo, the
// oversight demo and the benchmarks' generator), on both stores: every
// agency's subtree and three days (today, a day ahead, a day in the past),
// after the first import, after more acts arrive (closures among them), and
// after voids and withdrawals.
//  - the oversight streams: queue_items (held_queue.h) equals
//    queue_items_from_journal (every stream of the scope read and computed);
//  - the whole queue: deadline_queue (the store reads the scope's case rows
//    by agency; the oversight items held) equals every pending case row of
//    the country filtered by the scope, with every module's items (the
//    oversight streams' from the journal), in the core's order.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/backends.h"
#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "app/case_deadlines.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "app/modules.h"
#include "modules/oversight/app/oversight_demo.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/case_queries.h"

namespace thads {
namespace {

const Date kToday = *Date::parse("2026-11-20");

ImportResult import_text(Store& store, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(kToday.days()) + 1) * 86400;
  return import_jsonl(store, in, o);
}

std::string items_json(const std::vector<QueueItem>& items) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const QueueItem& i : items)
    j.push_back({i.kind, i.case_id, i.action, i.label_vi, i.article, i.agency, i.officer, i.debtor_name, i.due.iso(),
                 i.days_late, i.bucket});
  return j.dump();
}

// The order the core gives the queue (by due day, then id; stable).
std::vector<QueueItem> sorted(std::vector<QueueItem> v) {
  std::stable_sort(v.begin(), v.end(), [](const QueueItem& a, const QueueItem& b) {
    return a.due != b.due ? a.due < b.due : a.case_id < b.case_id;
  });
  return v;
}

// The case items of a queue as computed before the index: every pending
// deadline of the country up to the horizon, filtered by the scope.
std::vector<QueueItem> case_items_straight(Store& store, const QueueQuery& q, const std::set<std::string>& scope) {
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  std::vector<QueueItem> out;
  for_each_pending_deadline_until(store.db(), horizon.iso(), q.officer, {}, [&](const PendingDeadlineRow& r) {
    if (!scope.empty() && !scope.count(r.agency)) return;
    out.push_back(case_queue_item(r, q.today));
  });
  return out;
}

struct Compared {
  size_t scopes = 0, stream_items = 0, case_items = 0;
};

// Every province's and every third lower agency's subtree, and the country.
Compared compare_all(Store& store) {
  Compared n;
  const AgencyTree tree = load_agency_tree(store);
  std::vector<std::string> roots{""};
  for (size_t i = 0; i < tree.size(); ++i)
    if (tree.at(static_cast<int>(i)).depth <= 1 || i % 3 == 0)
      roots.push_back(tree.at(static_cast<int>(i)).code);
  for (const Date today : {kToday, kToday.plus_days(9), *Date::parse("2026-05-04")}) {
    for (const std::string& agency : roots) {
      std::vector<std::string> codes;
      std::set<std::string> scope;
      if (!agency.empty()) {
        const int root = tree.find(agency).value();
        for (size_t i = 0; i < tree.size(); ++i)
          if (tree.within(static_cast<int>(i), root)) {
            codes.push_back(tree.at(static_cast<int>(i)).code);
            scope.insert(codes.back());
          }
      }
      QueueQuery q;
      q.agency = agency;
      q.today = today;
      q.limit = 1000000;
      const std::vector<QueueItem> held = oversight::queue_items(store, q, codes);
      std::vector<QueueItem> straight = oversight::queue_items_from_journal(store, q, codes);
      EXPECT_EQ(items_json(sorted(held)), items_json(sorted(straight))) << "agency " << agency << " on " << today.iso();
      n.stream_items += straight.size();
      // The whole queue: the case rows and every module's items.
      auto all = deadline_queue(store, q);
      EXPECT_TRUE(std::holds_alternative<std::vector<QueueItem>>(all));
      if (!std::holds_alternative<std::vector<QueueItem>>(all)) continue;
      std::vector<QueueItem> whole = case_items_straight(store, q, scope);
      n.case_items += whole.size();
      for (const Module& m : modules())
        if (m.queue)
          for (QueueItem& it : m.name == "oversight" ? straight : m.queue(store, q, codes)) whole.push_back(std::move(it));
      EXPECT_EQ(items_json(std::get<std::vector<QueueItem>>(all)), items_json(sorted(whole)))
          << "agency " << agency << " on " << today.iso();
      ++n.scopes;
    }
  }
  return n;
}

class HeldQueueModel : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { THADS_REQUIRE_BACKEND(GetParam()); }
};

TEST_P(HeldQueueModel, AnswersAsTheJournalAfterWritesVoidsAndClosures) {
  const testing::DemoCases cases = testing::demo_cases(1500, 11, kToday);
  std::ostringstream demo, scale;
  oversight::write_demo(cases.world, 11, demo);
  oversight::write_scale(cases.world, 11, oversight::ScaleCounts{120, 200, 80, 300}, scale);

  // Hold back the second half of the acts of one stream in two (monitoring
  // files, complaints, denunciations, procuracy acts that no other record
  // names; requests stay whole: their freezes weigh each other).
  std::vector<nlohmann::json> lines;
  std::set<std::string> named;  // every string value of a record but its own id
  std::map<std::string, int64_t> acts_of;
  for (std::istringstream in(demo.str() + scale.str()); ;) {
    std::string line;
    if (!std::getline(in, line)) break;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
      if (v.is_string()) named.insert(v.get<std::string>());
      else if (v.is_structured())
        for (const auto& x : v) walk(x);
    };
    for (const auto& [k, v] : j.items())
      if (k != "id") walk(v);
    if (j.contains("seq")) ++acts_of[j["id"].get<std::string>()];
    lines.push_back(std::move(j));
  }
  std::string first, later;
  size_t n = 0, held_back = 0;
  std::map<std::string, bool> hold;
  for (const nlohmann::json& j : lines) {
    const std::string kind = j.value("kind", "");
    bool back = false;
    if (j.contains("seq") && kind != "request") {
      const std::string id = j["id"].get<std::string>();
      auto [it, fresh] = hold.try_emplace(id, false);
      if (fresh) it->second = acts_of[id] >= 2 && !named.count(id) && (n++ % 2 == 0);
      back = it->second && j["seq"].get<int64_t>() > (acts_of[id] + 1) / 2;
    }
    (back ? later : first) += j.dump() + "\n";
    held_back += back ? 1 : 0;
  }
  ASSERT_GT(held_back, 100u);

  auto store = Store::open(testing::fresh_location(GetParam()));
  ImportResult r = import_text(*store, cases.text + first);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  Compared c = compare_all(*store);
  EXPECT_GT(c.scopes, 100u);
  EXPECT_GT(c.stream_items, 100u);
  EXPECT_GT(c.case_items, 20u);

  // More acts arrive: the held model reads again only the streams they touch.
  Db& db = store->db();
  const int64_t ended_before = oversight::count_streams(db, "", "ended");
  r = import_text(*store, later);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  EXPECT_GT(oversight::count_streams(db, "", "ended"), ended_before);  // closures among them
  compare_all(*store);

  // Voids: the last act of some streams, and the opening act of streams
  // with nothing else (withdrawn), each its own import (a void the rules
  // refuse is left out).
  size_t voids = 0, withdrawn = 0;
  std::map<std::string, nlohmann::json> last;
  for (const nlohmann::json& j : lines)
    if (j.contains("seq")) last[j["id"].get<std::string>()] = j;
  size_t k = 0;
  for (const auto& [id, j] : last) {
    if (k++ % 7 != 0) continue;
    const int64_t seq = j["seq"].get<int64_t>();
    if (j["type"] == "voided") continue;
    nlohmann::ordered_json v;
    v["kind"] = j["kind"];
    v["id"] = id;
    v["seq"] = seq + 1;
    v["type"] = "voided";
    v["date"] = j["date"];
    v["voids"] = seq;
    v["reason"] = "Nhập nhầm";
    if (import_text(*store, v.dump() + "\n").ok()) ++voids, withdrawn += seq == 1 ? 1 : 0;
  }
  EXPECT_GT(voids, 20u);
  EXPECT_GT(withdrawn, 0u);
  c = compare_all(*store);
  EXPECT_GT(c.stream_items, 100u);
}

INSTANTIATE_TEST_SUITE_P(Backends, HeldQueueModel, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
