// One conformance suite for both store adapters: SQLite always; PostgreSQL
// with the server that scripts/test.sh starts (THADS_TEST_PG). When the
// variable is absent the PostgreSQL instantiation fails loudly instead of
// skipping, unless THADS_NO_PG=1 is set explicitly for a quick local run.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../support/record_as.h"
#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/case_commands.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/reports.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

const std::string kRef = testing::agency_lines({{"HCM", "Thi hành án dân sự TP. Hồ Chí Minh"}});

std::string report_columns_key(const Report& r) {
  const Columns& c = r.columns;
  std::string k;
  for (int64_t v : {c.carried_over, c.new_, c.entrusted_out, c.completed, c.reduced, c.terminated, c.in_progress,
                    c.postponed_suspended, c.without_conditions, c.closed_unenforced, c.carried_to_next})
    k += std::to_string(v) + ",";
  return k + std::to_string(c.completion_rate_x100.value_or(-1)) + "/" + std::to_string(r.target_rate_x100.value_or(-1));
}

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    location_ = testing::fresh_location(GetParam());
    store_ = Store::open(location_);
  }
  ImportResult import(const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    return import_jsonl(*store_, in, o);
  }
  int64_t accepted() {
    ReportQuery q{Form::cases, {Date::from_ymd(2000, 1, 1), Date::from_ymd(2100, 1, 1)}, "CQL", "", {}};
    auto r = run_report(*store_, q);
    return std::get<Report>(r).columns.accepted;
  }
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, ImportIsAllOrNothing) {
  ASSERT_TRUE(import(kRef).ok());
  const std::string bad = opened_line("A", "2025-01-02", "HN", 100) + "\n" + opened_line("B", "2025-01-02", "HN", 100) +
                          "\n" + ev_line("B", 2, "collected", "2025-01-03", R"("amount":500,"method":"voluntary")") + "\n";
  ImportResult r = import(bad);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].line, 3);
  EXPECT_EQ(r.refusals[0].refusal.code, "over_collection");
  EXPECT_EQ(accepted(), 0);
  EXPECT_TRUE(store_->load_stream("A").empty());
  EXPECT_TRUE(store_->verify_audit().ok);
}

TEST_P(StoreConformance, ImportIsIdempotentAndConflictsAreRefused) {
  const std::string data = kRef + opened_line("A", "2025-01-02", "HN", 100) + "\n" +
                           ev_line("A", 2, "notified", "2025-01-03") + "\n";
  ASSERT_TRUE(import(data).ok());
  ImportResult again = import(data);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.events_added, 0);
  EXPECT_EQ(again.duplicates, 5);
  ImportResult conflict = import(ev_line("A", 2, "notified", "2025-01-04") + "\n");
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.refusals[0].refusal.code, "seq_conflict");
  EXPECT_EQ(store_->load_stream("A").size(), 2u);
}

TEST_P(StoreConformance, StaleWriterGetsAConflict) {
  ASSERT_TRUE(import(kRef + opened_line("A", "2025-01-02", "HN", 100) + "\n").ok());
  nlohmann::json notified = {{"type", "notified"}, {"date", "2025-01-03"}};
  auto first = record_as_head(*store_, "A", 1, notified, "officer-1", 1'760'000'100);
  ASSERT_TRUE(std::holds_alternative<Recorded>(first));
  EXPECT_EQ(std::get<Recorded>(first).version, 2);
  // A second writer who also read version 1 must not overwrite.
  auto second = record_as_head(*store_, "A", 1, notified, "officer-2", 1'760'000'200);
  ASSERT_TRUE(std::holds_alternative<Refusal>(second));
  EXPECT_EQ(std::get<Refusal>(second).code, "version_conflict");
  EXPECT_EQ(store_->load_stream("A").size(), 2u);
  EXPECT_EQ(store_->load_stream("A")[1].actor, "officer-1");
}

TEST_P(StoreConformance, CommandsUseTheImportRules) {
  ASSERT_TRUE(import(kRef + opened_line("A", "2025-01-02", "HN", 100) + "\n").ok());
  auto r = record_as_head(*store_, "A", 1, {{"type", "collected"}, {"date", "2025-01-03"}, {"amount", 101}, {"method", "voluntary"}},
                        "u", 1'760'000'100);
  ASSERT_TRUE(std::holds_alternative<Refusal>(r));
  EXPECT_EQ(std::get<Refusal>(r).code, "over_collection");
  r = record_as_head(*store_, "A", 1, {{"type", "collected"}, {"date", "2025-01-03"}, {"amount", "x"}}, "u", 1'760'000'100);
  EXPECT_EQ(std::get<Refusal>(r).code, "bad_field");
}

TEST_P(StoreConformance, ReadModelsRebuildToTheSameReports) {
  const std::string data = kRef + opened_line("A", "2024-11-02", "HN", 100) + "\n" +
                           ev_line("A", 2, "collected", "2025-01-03", R"("amount":40,"method":"voluntary")") + "\n" +
                           opened_line("B", "2025-01-02", "HCM", 70) + "\n" +
                           ev_line("B", 2, "unable_decided", "2025-02-03", R"("reason":"no_income_or_assets")") + "\n";
  ASSERT_TRUE(import(data).ok());
  ReportQuery q{Form::money, {Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)}, "CQL", "agency", {}};
  const Report before = std::get<Report>(run_report(*store_, q));
  store_->db().exec("DELETE FROM cases");
  rebuild(*store_);
  const Report after = std::get<Report>(run_report(*store_, q));
  EXPECT_EQ(before.columns.completed, 40);
  EXPECT_EQ(after.columns.completed, before.columns.completed);
  EXPECT_EQ(after.columns.without_conditions, 70);
  EXPECT_EQ(after.rows.size(), 2u);
  EXPECT_TRUE(store_->verify_audit().ok);
}

TEST_P(StoreConformance, VerifyAuditNamesTheFirstTamperedEvent) {
  const std::string data = kRef + opened_line("A", "2024-11-02", "HN", 100) + "\n" +
                           ev_line("A", 2, "collected", "2025-01-03", R"("amount":40,"method":"voluntary")") + "\n" +
                           ev_line("A", 3, "notified", "2025-01-04") + "\n";
  ASSERT_TRUE(import(data).ok());
  ASSERT_TRUE(store_->verify_audit().ok);
  store_->db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE kind = 'event' AND seq = 2", {});
  AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad.has_value());
  EXPECT_EQ(r.first_bad->stream, "A");
  EXPECT_EQ(r.first_bad->seq, 2);
}

TEST_P(StoreConformance, VerifyAuditSeesDeletionsAndTruncation) {
  ASSERT_TRUE(import(kRef + opened_line("A", "2024-11-02", "HN", 100) + "\n" + ev_line("A", 2, "notified", "2025-01-04") +
                     "\n" + ev_line("A", 3, "verified", "2025-01-05", R"("result":"able")") + "\n").ok());
  store_->db().run("DELETE FROM journal WHERE kind = 'event' AND seq = 3", {});
  EXPECT_FALSE(store_->verify_audit().ok);  // the tail is gone: the head no longer matches
  store_->db().run("DELETE FROM journal WHERE kind = 'event' AND seq = 1", {});
  AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad.has_value());
  EXPECT_EQ(r.first_bad->seq, 2);  // the entry after the hole
}

TEST_P(StoreConformance, ExportReimportsToIdenticalReports) {
  const std::string data = kRef + R"({"kind":"target","agency":"HN","fiscal_year":2025,"cases_rate":80,"money_rate":50})" "\n" +
                           opened_line("A", "2024-11-02", "HN", 100) + "\n" +
                           ev_line("A", 2, "collected", "2025-01-03", R"("amount":100,"method":"voluntary")") + "\n" +
                           ev_line("A", 3, "completed", "2025-01-04") + "\n" + opened_line("B", "2025-02-02", "HCM", 70) + "\n";
  ASSERT_TRUE(import(data).ok());
  std::ostringstream out;
  export_jsonl(*store_, out);
  auto other = Store::open(testing::fresh_location(GetParam()));
  std::istringstream in(out.str());
  ImportOptions o;
  o.now_unix = 1'800'000'000;  // a later import time must not change anything
  ASSERT_TRUE(import_jsonl(*other, in, o).ok());
  for (Form f : {Form::cases, Form::money}) {
    ReportQuery q{f, {Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)}, "HN", "", {}};
    q.as_known_at = 1'770'000'000;
    EXPECT_EQ(report_columns_key(std::get<Report>(run_report(*store_, q))),
              report_columns_key(std::get<Report>(run_report(*other, q))));
  }
}

TEST_P(StoreConformance, SearchTermsIgnoreDiacritics) {
  ASSERT_TRUE(import(kRef + opened_line("A", "2024-11-02", "HN", 100) + "\n").ok());
  auto r = store_->db().all("SELECT case_id FROM case_terms WHERE term = ?", {"nguyen"});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].s(0), "A");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
