// StatsSnapshot::refresh: a snapshot brought up to date from the journal
// answers every report and dashboard figure exactly as a snapshot loaded
// afresh, whichever path it takes (cases re-read, or a full reload).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "../support/temp_store.h"
#include "app/demo.h"
#include "app/import.h"
#include "app/report_render.h"
#include "app/reports.h"

namespace thads {
namespace {

const Date kToday = Date::from_ymd(2026, 9, 30);

void import_text(Store& store, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = 1'790'000'000;
  const ImportResult r = import_jsonl(store, in, o);
  ASSERT_TRUE(r.ok()) << (r.refusals.empty() ? "" : r.refusals.front().refusal.code);
}

// Everything a snapshot answers, as text, for comparison.
std::string answers(const StatsSnapshot& s) {
  std::string out;
  for (const Period p : {Period{Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)},
                         Period{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)},
                         Period{Date::from_ymd(2026, 1, 1), Date::from_ymd(2026, 3, 31)}}) {
    for (const char* by : {"", "agency", "flag"}) {
      auto both = s.compute_both(ReportQuery{Form::cases, p, "", by, std::nullopt});
      const auto& [c, m] = std::get<std::pair<Report, Report>>(both);
      out += report_to_json(c) + report_to_json(m);
    }
  }
  const auto f = std::get<CurrentFigures>(s.current("", kToday));
  for (int64_t n : f.backlog_by_age) out += std::to_string(n) + ",";
  for (const auto& [k, n] : f.unable_by_reason) out += k + "=" + std::to_string(n) + ",";
  for (const auto& o : f.overdue_by_officer) out += o.officer + "/" + o.name + "=" + std::to_string(o.count) + ",";
  return out;
}

class StatsRefresh : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream out;
    generate_demo(out, DemoOptions{1200, 7, kToday});
    const std::string text = out.str();
    // Reference records come first; cut the events in the middle of a case,
    // so the second part both extends known cases and opens new ones.
    const size_t cut = text.find('\n', text.size() / 2) + 1;
    first_ = text.substr(0, cut);
    second_ = text.substr(cut);
    store_ = Store::open(testing::temp_dir() + "/refresh.db");
    import_text(*store_, first_);
  }
  std::string first_, second_;
  std::unique_ptr<Store> store_;
};

TEST_F(StatsRefresh, ReReadsTheChangedCasesAndAnswersAsAFreshLoad) {
  auto old = std::make_shared<const StatsSnapshot>(StatsSnapshot::load(*store_));
  const std::string before = answers(*old);
  EXPECT_EQ(StatsSnapshot::refresh(old, *store_), old);  // the journal has not moved
  import_text(*store_, second_);
  auto next = StatsSnapshot::refresh(old, *store_);
  ASSERT_NE(next, old);
  const StatsSnapshot fresh = StatsSnapshot::load(*store_);
  EXPECT_EQ(next->case_count(), fresh.case_count());
  EXPECT_GT(next->case_count(), old->case_count());
  EXPECT_EQ(next->position(), fresh.position());
  EXPECT_EQ(answers(*next), answers(fresh));
  EXPECT_NE(answers(*next), before);
  EXPECT_EQ(answers(*old), before);  // the old snapshot is never changed
  // A second refresh goes through the index built by the first one.
  EXPECT_EQ(StatsSnapshot::refresh(next, *store_), next);
}

TEST_F(StatsRefresh, ManyChangesOrReferenceChangesReloadEverything) {
  auto old = std::make_shared<const StatsSnapshot>(StatsSnapshot::load(*store_));
  import_text(*store_, second_);
  auto next = StatsSnapshot::refresh(old, *store_, /*max_changes=*/10);
  EXPECT_EQ(answers(*next), answers(StatsSnapshot::load(*store_)));

  auto now = std::make_shared<const StatsSnapshot>(StatsSnapshot::load(*store_));
  import_text(*store_, "{\"kind\":\"holiday\",\"date\":\"2026-08-14\",\"type\":\"day_off\",\"name\":\"Nghỉ bù (thử)\"}\n");
  auto after = StatsSnapshot::refresh(now, *store_);
  EXPECT_NE(after, now);
  EXPECT_EQ(after->position(), now->position() + 1);
  EXPECT_EQ(answers(*after), answers(StatsSnapshot::load(*store_)));
}

}  // namespace
}  // namespace thads
