// The dashboard (app/dashboard.h): its year's total comes from the fold by
// agency, its running month from the year's figures, and a server holds it
// per agency, year and day until a write reaches the agency's subtree. Every
// figure equals what the reports compute on their own.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "../support/record_as.h"
#include "app/dashboard.h"
#include "app/import.h"
#include "app/report_render.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

class DashboardHeld : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Store::open(temp_dir() + "/dashboard.db");
    std::istringstream in(web_seed());
    ImportOptions opt;
    opt.now_unix = 1'790'000'000;
    ASSERT_TRUE(import_jsonl(*store_, in, opt).ok());
  }
  DashboardQuery query(const std::string& agency, Date today) {
    DashboardQuery q;
    q.agency = agency;
    q.fiscal_year = 2025;
    q.today = today;
    return q;
  }
  // The report of `agency` over [from, to] computed on its own.
  std::pair<Report, Report> plain(const StatsSnapshot& s, const std::string& agency, Period p) {
    ReportQuery rq;
    rq.agency = agency;
    rq.period = p;
    return std::get<std::pair<Report, Report>>(s.compute_both(rq));
  }
  std::unique_ptr<Store> store_;
};

TEST_F(DashboardHeld, EveryFigureIsTheReportsOwn) {
  const StatsSnapshot stats = StatsSnapshot::load(*store_);
  for (const char* agency : {"CQL", "HN", "HN-KV1", "HCM"}) {
    SCOPED_TRACE(agency);
    auto res = build_dashboard(*store_, stats, query(agency, *Date::parse("2025-06-15")));
    ASSERT_TRUE(std::holds_alternative<Dashboard>(res));
    const Dashboard& d = std::get<Dashboard>(res);
    const auto [cases, money] = plain(stats, agency, d.period);
    EXPECT_EQ(report_to_json(d.cases), report_to_json(cases));
    EXPECT_EQ(report_to_json(d.money), report_to_json(money));
    EXPECT_EQ(d.cases.target_rate_x100, cases.target_rate_x100);
    ASSERT_EQ(d.months.size(), 9u);  // October to June
    for (const MonthPoint& m : d.months) {
      const auto [mc, mm] = plain(stats, agency, {d.period.from, m.to});
      EXPECT_EQ(m.cases_rate_x100, mc.columns.completion_rate_x100) << m.to.iso();
      EXPECT_EQ(m.money_rate_x100, mm.columns.completion_rate_x100) << m.to.iso();
    }
    EXPECT_EQ(d.months.back().to, d.period.to);
  }
}

TEST_F(DashboardHeld, HeldUntilAWriteReachesTheSubtree) {
  ReadCache cache(0);  // every call looks at the journal
  const Date today = *Date::parse("2025-06-15");
  auto first = std::get<std::shared_ptr<const Dashboard>>(held_dashboard(*store_, cache, query("HN", today)));
  EXPECT_EQ(std::get<std::shared_ptr<const Dashboard>>(held_dashboard(*store_, cache, query("HN", today))), first);
  // Another day or another agency is another answer.
  EXPECT_NE(std::get<std::shared_ptr<const Dashboard>>(held_dashboard(*store_, cache, query("HN", today.plus_days(1)))),
            first);

  // A write to a case of another province leaves Hà Nội's dashboard held.
  ASSERT_TRUE(std::holds_alternative<Recorded>(
      record_as_head(*store_, "HCM-1", 2, {{"type", "notified"}, {"date", "2025-06-02"}}, "officer1", 1'750'000'000)));
  EXPECT_EQ(std::get<std::shared_ptr<const Dashboard>>(held_dashboard(*store_, cache, query("HN", today))), first);

  // A collection in Hà Nội is on the next answer, equal to a fresh build.
  ASSERT_TRUE(std::holds_alternative<Recorded>(record_as_head(
      *store_, "HN-1", 3, {{"type", "collected"}, {"date", "2025-06-02"}, {"amount", 50000000}, {"method", "voluntary"}},
      "officer1", 1'750'000'100)));
  auto after = std::get<std::shared_ptr<const Dashboard>>(held_dashboard(*store_, cache, query("HN", today)));
  EXPECT_NE(after, first);
  const StatsSnapshot fresh = StatsSnapshot::load(*store_);
  const Dashboard built = std::get<Dashboard>(build_dashboard(*store_, fresh, query("HN", today)));
  EXPECT_EQ(report_to_json(after->money), report_to_json(built.money));
  EXPECT_NE(report_to_json(after->money), report_to_json(first->money));
  EXPECT_EQ(after->money.columns.completed, 50000000);

  // An unknown agency is refused, not held.
  EXPECT_TRUE(std::holds_alternative<Refusal>(held_dashboard(*store_, cache, query("NO-SUCH", today))));
}

// The modules' dashboard blocks are held per reader, agency and day
// (http/dashboard_blocks.cc): a file received in the agency's subtree, even
// by another process, is on the block once the server has looked at the
// journal again; one received elsewhere leaves it as it was.
std::string in_progress_row(const std::string& page) {
  const size_t block = page.find("<section id=\"admin-judgments\"");
  if (block == std::string::npos) return "no block";
  const size_t at = page.find("<tr data-key=\"in_progress\">", block);
  return at == std::string::npos ? "no row" : page.substr(at, page.find("</tr>", at) - at);
}

TEST(HttpDashboardBlocksHeld, AFileReceivedInTheSubtreeIsOnTheNextBlock) {
  TestServer server;
  Client c = server.client();
  ASSERT_EQ(c.login("supervisor1"), 200);
  const std::string page = "/dashboard?fy=2025&agency=HN&today=2025-06-02";
  const std::string before = in_progress_row(c.get(page).body);
  ASSERT_NE(before.find(">0<"), std::string::npos) << before;
  auto receive = [&](const std::string& id, const std::string& agency) {
    auto store = Store::open(server.db());
    std::istringstream in(
        R"({"kind":"admin_judgment","id":")" + id + R"(","seq":1,"type":"received","date":"2025-04-21","agency":")" +
        agency +
        R"(","judgment":{"number":"1/2025/HC-ST","court":"TAND","date":"2025-03-10","effective_date":"2025-04-10"},)"
        R"("ruling":"annul_decision","debtor":{"name":"UBND tỉnh A","level":"province"},"creditor":{"name":"B"},)"
        R"("obligation":"Hủy quyết định"})" "\n");
    ImportOptions opt;
    opt.now_unix = server.now();
    ASSERT_TRUE(import_jsonl(*store, in, opt).ok());
  };
  receive("HCM-HC-1", "HCM");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(in_progress_row(c.get(page).body), before);
  receive("HN-HC-1", "HN-KV1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const std::string after = in_progress_row(c.get(page).body);
  EXPECT_NE(after.find(">1<"), std::string::npos) << after;
}

}  // namespace
}  // namespace thads::testing
