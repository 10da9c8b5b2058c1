// The coordination demo data: imports after the case and oversight demo with
// nothing refused, is the same bytes for the same seed, and shows where
// coordination fails: answers on time, late and missing, and a closed bank
// branch that is no longer offered; one coercion plan with its requests.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "../../../../tests/support/demo_cases.h"
#include "../../../../tests/support/temp_store.h"
#include "app/demo.h"
#include "app/demo_world.h"
#include "app/import.h"
#include "app/warm_up.h"
#include "modules/coordination/app/coordination_demo.h"
#include "modules/coordination/app/coordination_report.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_demo.h"

namespace thads::coordination {
namespace {

std::string demo_text(uint64_t seed) {
  const testing::DemoCases cases = testing::demo_cases(3000, seed, *Date::parse("2026-11-20"));
  std::ostringstream out;
  oversight::write_demo(cases.world, seed, out);
  write_demo(cases.world, seed, out);
  return cases.text + out.str();
}

TEST(CoordinationDemo, ImportsWholeWithLateAndMissingAnswersAndAClosedBranch) {
  const std::string text = demo_text(7);
  EXPECT_EQ(text, demo_text(7));
  auto store = Store::open(testing::temp_dir() + "/demo.db");
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  ImportResult r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << "line " << r.refusals.front().line << ": " << r.refusals.front().refusal.code << " "
                      << r.refusals.front().refusal.message;
  Db& db = store->db();
  LedgerFilter all;
  all.as_of = "2026-11-20";
  const int64_t total = ledger_count(db, all);
  auto count = [&](const char* status) {
    LedgerFilter f = all;
    f.status = status;
    return ledger_count(db, f);
  };
  EXPECT_GT(total, 50);
  EXPECT_GT(count("on_time"), count("late"));
  EXPECT_GT(count("late"), 0);
  EXPECT_GT(count("overdue"), 0);
  int64_t closed = 0, social = 0;
  for (const BodyEntry& e : body_entries(db)) {
    closed += !e.active;
    social += e.body.type == "social_insurance";
  }
  EXPECT_GT(closed, 0);
  EXPECT_EQ(closed, social);  // one closed branch per province with a social-insurance office
  // One mobilised coercion plan with its three requests (Art. 72(2)), accepted by the import's ban checks.
  EXPECT_NE(text.find(R"({"kind":"coercion_plan")"), std::string::npos);
  LedgerFilter protection = all;
  protection.purpose = "protection";
  EXPECT_GE(ledger_count(db, protection), 1);
}

std::string figures(const std::vector<BodyPerformance>& v) {
  std::string s;
  for (const BodyPerformance& p : v)
    s += p.body + " " + std::to_string(p.sent) + " " + std::to_string(p.on_time) + " " + std::to_string(p.late) + " " +
         std::to_string(p.unanswered) + " " + std::to_string(p.overdue) + " " + std::to_string(p.no_deadline) + " " +
         (p.median_days ? std::to_string(*p.median_days) : "-") + " " + p.oldest_id + "\n";
  return s;
}

// The report from the requests held in memory (app/held_requests.h) answers
// as the fold of the ledger's rows read from the store, before and after
// more requests arrive (issue 16 "Speed").
TEST(CoordinationDemo, TheHeldReportAnswersAsTheStoredLedger) {
  auto store = Store::open(testing::temp_dir() + "/held.db");
  std::istringstream in(demo_text(5));
  ImportOptions o;
  o.now_unix = (static_cast<int64_t>(Date::parse("2026-11-20")->days()) + 1) * 86400;
  ASSERT_TRUE(import_jsonl(*store, in, o).ok());
  // As a server does once it listens: every module's warm-up, this module's
  // (every request's figures held) among them; the answers below come from it.
  bool requests_held = false;
  for (const WarmUp& w : warm_ups()) {
    w.load(*store);
    requests_held = requests_held || w.name.find("requests' figures") != std::string::npos;
  }
  EXPECT_TRUE(requests_held);
  const Date from = *Date::parse("2025-10-01"), to = *Date::parse("2026-09-30");
  auto stored = [&](const std::string& agency) {
    LedgerFilter f;
    std::set<std::string> in{agency};
    for (bool grew = true; grew;) {  // the subtree: agencies whose parent is in it
      grew = false;
      for (const auto& a : store->agencies())
        if ((agency.empty() || in.count(a.parent)) && in.insert(a.code).second) grew = true;
    }
    for (const std::string& a : in)
      if (!a.empty()) f.agencies.push_back(a);
    f.from = from.iso();
    f.to = to.iso();
    f.limit = 1'000'000;
    return figures(body_performance(ledger_rows(store->db(), f), to));
  };
  auto held = [&](const std::string& agency) {
    auto r = coordination_report(*store, agency, from, to);
    EXPECT_TRUE(std::holds_alternative<CoordinationReport>(r));
    return figures(std::get<CoordinationReport>(r).bodies);
  };
  const std::string before = held("");
  EXPECT_EQ(before, stored(""));
  EXPECT_EQ(held("HN"), stored("HN"));
  // A request answered late, and a new one: the held figures move with them.
  LedgerFilter any;
  any.from = from.iso();
  any.to = to.iso();
  any.limit = 1;
  const std::vector<LedgerRow> one = ledger_rows(store->db(), any);
  ASSERT_EQ(one.size(), 1u);
  std::istringstream more(R"({"kind":"request","id":"HN-YC-TEST-1","seq":1,"type":"sent","date":")" + one[0].sent.iso() +
                          R"(","agency":")" + one[0].agency + R"(","case":")" + one[0].case_id + R"(","body":")" +
                          one[0].body + R"(","purpose":"verify_assets","subject":{"name":"Nguyễn Văn A"}})" + "\n");
  const ImportResult r = import_jsonl(*store, more, o);
  ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << " " << r.refusals.front().refusal.message;
  const std::string after = held("");
  EXPECT_EQ(after, stored(""));
  EXPECT_NE(after, before);
}

}  // namespace
}  // namespace thads::coordination
