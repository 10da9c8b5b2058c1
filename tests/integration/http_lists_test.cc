// The case lists people work with (issue 13): "Việc của tôi", the case lists
// and search with real totals, pages, sorting by every column and filters,
// their CSV and xlsx downloads, the heads' workload view, the queue's
// officer filter, the dashboard's agency comparison and block downloads, and
// the public list's total, place filters and non-money obligations. Driven
// as a browser without JavaScript would, on the web seed plus 108 cases of
// officer HN-CHV-1 (105 open, 3 completed).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include "http_test_support.h"

namespace thads::testing {
namespace {

constexpr int kGenerated = 108, kGeneratedOpen = 105;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// Cases HN-KV1-G000 … G107 of HN-CHV-1, debtors all "Trương …", amounts
// repeating every 50 cases (equal keys test the stable order); the last
// three completed. Then a case whose parties a spreadsheet would misread,
// and one without conditions whose only obligation is to hand over an asset.
std::string list_seed() {
  std::string s = web_seed();
  const char* middles[] = {"Văn", "Thị", "Minh", "Quốc"};
  const char* givens[] = {"An", "Bảo", "Chi", "Dũng", "Giang", "Khoa", "Linh"};
  for (int i = 0; i < kGenerated; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "HN-KV1-G%03d", i);
    const std::string opened = "2024-" + two(1 + i % 12) + "-" + two(1 + i % 28);
    const int64_t amount = 1000000 + (i * 37 % 50) * 100000;
    const std::string name = std::string("Trương ") + middles[i % 4] + " " + givens[i % 7];
    nlohmann::json open{{"kind", "event"}, {"case", id}, {"seq", 1}, {"type", "case_opened"}, {"date", opened},
                        {"agency", "HN-KV1"}, {"mode", "proactive"}, {"judgment_kind", "civil"},
                        {"judgment", {{"number", std::to_string(100 + i) + "/2023/DS-ST"}, {"court", "Tòa án nhân dân khu vực 1 - Hà Nội"},
                                      {"date", "2023-10-02"}, {"effective_date", "2023-11-02"}}},
                        {"debtor", {{"name", name}, {"kind", "person"}}},
                        {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
                        {"obligations", {{{"category", "court_fee"}, {"amount", amount}}}}};
    s += open.dump() + "\n";
    s += nlohmann::json{{"kind", "event"}, {"case", id}, {"seq", 2}, {"type", "officer_assigned"}, {"date", opened},
                        {"officer", "HN-CHV-1"}}.dump() + "\n";
    if (i >= kGeneratedOpen) {
      s += nlohmann::json{{"kind", "event"}, {"case", id}, {"seq", 3}, {"type", "notified"}, {"date", "2025-01-06"}}.dump() + "\n";
      s += nlohmann::json{{"kind", "event"}, {"case", id}, {"seq", 4}, {"type", "collected"}, {"date", "2025-01-20"},
                          {"amount", amount}, {"method", "voluntary"}}.dump() + "\n";
      s += nlohmann::json{{"kind", "event"}, {"case", id}, {"seq", 5}, {"type", "completed"}, {"date", "2025-01-27"}}.dump() + "\n";
    }
  }
  s += R"J({"kind":"event","case":"HN-KV1-Q","seq":1,"type":"case_opened","date":"2025-02-03","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"5/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Công ty \"Hòa Bình\", chi nhánh 1","kind":"organization"},"creditor":{"name":"=SUM(A1)","kind":"person"},"obligations":[{"category":"other_money","amount":7000000}]})J"
       "\n";
  s += R"({"kind":"event","case":"HN-KV2-T","seq":1,"type":"case_opened","date":"2025-02-03","agency":"HN-KV2","mode":"proactive","judgment_kind":"civil","judgment":{"number":"9/2024/DS-ST","court":"Tòa án nhân dân khu vực 2 - Hà Nội","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Đinh Văn Tài","kind":"person","address":"Phường Hoàng Mai, Hà Nội"},"creditor":{"name":"Lý Thị Hạnh","kind":"person"},"obligations":[{"category":"deliver_asset"}]})"
       "\n"
       R"({"kind":"event","case":"HN-KV2-T","seq":2,"type":"unable_decided","date":"2025-03-03","reason":"no_income_or_assets"})"
       "\n";
  return s;
}

std::string hidden(const std::string& html, const std::string& name) {
  std::smatch m;
  const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
  return std::regex_search(html, m, re) ? m[1].str() : "";
}

bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

void form_login(Client& c, const std::string& login) {
  auto form = c.get("/login");
  auto r = c.post_form("/login", {{"login", login}, {"password", kPassword}, {"login_csrf", hidden(form.body, "login_csrf")}, {"next", "/"}}, false);
  ASSERT_EQ(r.status, 303) << r.body;
  c.csrf = hidden(c.get("/password").body, "csrf");
}

struct Line {
  std::string id, status;
  int64_t remaining = 0;
};

int64_t vn_int(std::string s) {
  std::string d;
  for (char ch : s)
    if (ch >= '0' && ch <= '9') d += ch;
  return d.empty() ? -1 : std::stoll(d);
}

// The rows of the case table of a page.
std::vector<Line> lines(const HttpResponse& r) {
  static const std::regex row(
      "<tr><td><a href=\"/cases/[^\"]+\" class=\"case-link\">([^<]+)</a></td>(?:<td[^>]*>[^<]*</td>){5}<td>([^<]*)</td>"
      "<td>[^<]*</td><td class=\"num\">([^<]*)</td></tr>");
  std::vector<Line> out;
  for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), row); it != std::sregex_iterator(); ++it)
    out.push_back({(*it)[1].str(), (*it)[2].str(), vn_int((*it)[3].str())});
  return out;
}

int64_t total_of(const HttpResponse& r) {
  std::smatch m;
  static const std::regex re("id=\"list-total\"[^>]*>([^<]*)<");
  return std::regex_search(r.body, m, re) ? vn_int(m[1].str()) : -1;
}

int64_t status_count(const HttpResponse& r, const std::string& status) {
  std::smatch m;
  const std::regex re("data-status=\"" + status + "\"><a href=\"[^\"]*\">[^<]*<strong>([^<]*)</strong>");
  return std::regex_search(r.body, m, re) ? vn_int(m[1].str()) : 0;
}

// Every case of a list, page by page.
std::vector<Line> all_pages(Client& c, const std::string& target, size_t size = 50) {
  std::vector<Line> out;
  for (int page = 1;; ++page) {
    auto r = c.get(target + "&size=" + std::to_string(size) + "&page=" + std::to_string(page));
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
    auto l = lines(r);
    out.insert(out.end(), l.begin(), l.end());
    if (!has(r, "id=\"page-next\"") || page > 20) break;
  }
  return out;
}

class HttpLists : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(list_seed()); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline TestServer* server_ = nullptr;
};

TEST_F(HttpLists, MyCasesShowsEveryOpenCaseOfTheOfficerWithCountsByStatus) {
  Client c = server_->client();
  form_login(c, "officer1");
  auto queue = c.get("/queue");
  EXPECT_TRUE(has(queue, "id=\"nav-my-cases\" href=\"/my-cases\""));
  EXPECT_TRUE(has(queue, "id=\"queue-my-cases\""));  // the queue says where the other cases are
  auto r = c.get("/my-cases");
  ASSERT_EQ(r.status, 200);
  // HN-1 and the 105 open generated cases; the 3 completed ones are not listed.
  EXPECT_EQ(total_of(r), kGeneratedOpen + 1);
  EXPECT_EQ(status_count(r, "active"), kGeneratedOpen + 1);
  EXPECT_EQ(status_count(r, "ended"), 3);
  EXPECT_EQ(status_count(r, "all"), kGenerated + 1);
  EXPECT_EQ(lines(r).size(), 50u);
  const auto every = all_pages(c, "/my-cases?sort=id");
  ASSERT_EQ(every.size(), static_cast<size_t>(kGeneratedOpen + 1));
  std::set<std::string> ids;
  for (const Line& l : every) {
    ids.insert(l.id);
    EXPECT_NE(l.status, "Đã kết thúc");
  }
  EXPECT_EQ(ids.size(), every.size()) << "no case on two pages";
  EXPECT_TRUE(ids.count("HN-1"));
  EXPECT_FALSE(ids.count("HN-2"));  // another officer's
  auto ended = c.get("/my-cases?status=closed");
  EXPECT_EQ(total_of(ended), 3);
  for (const Line& l : lines(ended)) EXPECT_EQ(l.status, "Đã kết thúc");
  EXPECT_EQ(total_of(c.get("/my-cases?status=all")), kGenerated + 1);
  // 100 a page: two pages; past the last page, the last page.
  auto big = c.get("/my-cases?size=100&page=9");
  EXPECT_TRUE(has(big, "id=\"list-page\">2<"));
  EXPECT_EQ(lines(big).size(), 6u);
  EXPECT_EQ(c.get("/my-cases?size=30").status, 400);
  EXPECT_EQ(c.get("/my-cases?sort=nothing").status, 400);
  // A head without an officer record has no cases of their own.
  Client h = server_->client();
  form_login(h, "head1");
  EXPECT_FALSE(has(h.get("/queue"), "id=\"nav-my-cases\""));
  EXPECT_EQ(h.get("/my-cases").status, 403);
}

TEST_F(HttpLists, EveryColumnSortsBothWaysStablyAcrossPages) {
  Client c = server_->client();
  form_login(c, "head1");
  auto first = c.get("/cases?status=all");
  ASSERT_EQ(first.status, 200);
  const int64_t total = total_of(first);
  EXPECT_EQ(total, kGenerated + 3);  // HN-1, HN-2, HN-KV1-Q and the generated cases
  EXPECT_FALSE(has(first, "hiển thị 500"));
  for (const char* key : {"id", "agency", "debtor", "creditor", "judgment", "opened", "status", "officer", "remaining"})
    for (const char* dir : {"asc", "desc"}) {
      const auto every = all_pages(c, std::string("/cases?status=all&sort=") + key + "&dir=" + dir);
      ASSERT_EQ(static_cast<int64_t>(every.size()), total) << key << " " << dir;
      std::set<std::string> ids;
      for (const Line& l : every) ids.insert(l.id);
      EXPECT_EQ(static_cast<int64_t>(ids.size()), total) << key << " " << dir << ": a case repeated or skipped";
    }
  // By amount: the order holds over the pages, equal amounts by case number.
  const auto asc = all_pages(c, "/cases?status=all&sort=remaining&dir=asc");
  for (size_t i = 1; i < asc.size(); ++i) {
    ASSERT_LE(asc[i - 1].remaining, asc[i].remaining) << i;
    if (asc[i - 1].remaining == asc[i].remaining) {
      EXPECT_LT(asc[i - 1].id, asc[i].id);
    }
  }
  const auto desc = all_pages(c, "/cases?status=all&sort=remaining&dir=desc", 100);
  for (size_t i = 1; i < desc.size(); ++i) {
    ASSERT_GE(desc[i - 1].remaining, desc[i].remaining) << i;
    if (desc[i - 1].remaining == desc[i].remaining) {
      EXPECT_LT(desc[i - 1].id, desc[i].id);
    }
  }
  // The header links flip the direction of the active column.
  auto page = c.get("/cases?status=all&sort=remaining&dir=asc");
  EXPECT_TRUE(has(page, "aria-sort=\"ascending\" data-sort=\"remaining\""));
  EXPECT_TRUE(has(page, "sort=remaining&amp;status=all"));
  EXPECT_TRUE(has(page, "dir=desc&amp;sort=remaining"));
}

TEST_F(HttpLists, FiltersByStatusOfficerAgencyAgeAmountAndFlags) {
  Client c = server_->client();
  form_login(c, "supervisor1");
  auto ids_of = [&](const std::string& target) {
    std::set<std::string> s;
    for (const Line& l : all_pages(c, target)) s.insert(l.id);
    return s;
  };
  EXPECT_EQ(ids_of("/cases?officer=HN-CHV-2"), (std::set<std::string>{"HN-2"}));
  EXPECT_EQ(ids_of("/cases?agency=HN-KV2"), (std::set<std::string>{"HN-3", "HN-KV2-T"}));
  EXPECT_EQ(ids_of("/cases?status=unable"), (std::set<std::string>{"HN-3", "HN-KV2-T"}));
  EXPECT_EQ(ids_of("/cases?flag=public"), (std::set<std::string>{"HN-3", "HN-KV2-T"}));
  EXPECT_EQ(ids_of("/cases?flag=unassigned&status=open"), (std::set<std::string>{"HN-3", "HN-KV1-Q", "HN-KV2-T"}));
  EXPECT_EQ(ids_of("/cases?officer=-"), ids_of("/cases?flag=unassigned"));
  EXPECT_EQ(ids_of("/cases?status=closed").size(), 3u);
  // Amounts typed as the UI writes them.
  for (const Line& l : all_pages(c, "/cases?min=3.000.000&max=4.000.000")) {
    EXPECT_GE(l.remaining, 3000000);
    EXPECT_LE(l.remaining, 4000000);
  }
  int64_t in_range = 0;  // the generated open cases owing 3.000.000 – 4.000.000 đ
  for (int i = 0; i < kGeneratedOpen; ++i)
    if (const int64_t a = 1000000 + (i * 37 % 50) * 100000; a >= 3000000 && a <= 4000000) ++in_range;
  EXPECT_EQ(total_of(c.get("/cases?min=3.000.000&max=4.000.000")), in_range);
  EXPECT_EQ(c.get("/cases?min=1.5").status, 400);
  EXPECT_EQ(c.get("/cases?flag=bogus").status, 400);
  // Open cases opened more than a year before 01/06/2025.
  const auto old = ids_of("/cases?age=1to2&today=01/06/2025");
  EXPECT_FALSE(old.empty());
  EXPECT_FALSE(old.count("HN-1"));  // opened 05/11/2024
  // Scope: another province's agency is not found, whatever the filter.
  EXPECT_EQ(c.get("/cases?agency=HCM").status, 404);
  EXPECT_EQ(c.get("/cases?agency=HCM&format=csv").status, 404);
}

TEST_F(HttpLists, DownloadsHoldTheListAsShownForExcel) {
  Client c = server_->client();
  form_login(c, "head1");
  auto page = c.get("/cases?status=all&sort=creditor&dir=asc");
  ASSERT_TRUE(has(page, "id=\"export-csv\""));
  auto csv = c.get("/cases?status=all&sort=creditor&dir=asc&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("attachment"), std::string::npos);
  ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  std::vector<std::string> rows;
  for (size_t at = 3; at < csv.body.size();) {
    const size_t end = csv.body.find("\r\n", at);
    rows.push_back(csv.body.substr(at, end - at));
    at = end + 2;
  }
  ASSERT_EQ(static_cast<int64_t>(rows.size()) - 1, total_of(page));
  EXPECT_EQ(rows[0], "Số hồ sơ,Cơ quan,Người phải thi hành án,Người được thi hành án,Bản án,Ngày thụ lý,Trạng thái,"
                     "Chấp hành viên,Còn phải thi hành (đ)");
  // Quoting, a formula neutralised, Vietnamese dates and labels, plain numbers.
  EXPECT_EQ(rows[1], "HN-KV1-Q,HN-KV1,\"Công ty \"\"Hòa Bình\"\", chi nhánh 1\",'=SUM(A1),5/2024/DS-ST,03/02/2025,"
                     "Đang thi hành,Chưa phân công,7000000");
  // The same order as the page.
  const auto shown = lines(page);
  for (size_t i = 0; i < shown.size(); ++i) EXPECT_EQ(rows[i + 1].substr(0, rows[i + 1].find(',')), shown[i].id) << i;
  auto xlsx = c.get("/cases?status=all&sort=creditor&dir=asc&format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
  auto mine = server_->client();
  form_login(mine, "officer1");
  auto my_csv = mine.get("/my-cases?format=csv");
  EXPECT_EQ(std::count(my_csv.body.begin(), my_csv.body.end(), '\n'), kGeneratedOpen + 2);  // header + cases
}

TEST_F(HttpLists, SearchGivesTheRealTotalPagesSortsAndFilters) {
  Client c = server_->client();
  form_login(c, "head1");
  auto r = c.get("/search?q=truong");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "Tìm thấy 108 việc."));
  EXPECT_EQ(total_of(r), kGenerated);
  EXPECT_EQ(lines(r).size(), 50u);
  const auto every = all_pages(c, "/search?q=truong&sort=remaining&dir=desc");
  ASSERT_EQ(every.size(), static_cast<size_t>(kGenerated));
  for (size_t i = 1; i < every.size(); ++i) {
    ASSERT_GE(every[i - 1].remaining, every[i].remaining);
    if (every[i - 1].remaining == every[i].remaining) {
      EXPECT_LT(every[i - 1].id, every[i].id);
    }
  }
  EXPECT_EQ(total_of(c.get("/search?q=truong&status=closed")), 3);
  EXPECT_EQ(total_of(c.get("/search?q=truong+linh")), 15);  // i % 7 == 6
  auto csv = c.get("/search?q=truong&status=closed&format=csv");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 4);
  // Scope: the search of HN-KV2's officer finds none of them.
  Client s = server_->client();
  form_login(s, "supervisor1");
  EXPECT_EQ(total_of(s.get("/search?q=truong&agency=HN-KV2")), 0);
  EXPECT_EQ(s.get("/search?q=truong&agency=HCM").status, 404);
}

TEST_F(HttpLists, HeadsSeeTheOfficersWorkloadAndFilterTheQueueByOfficer) {
  Client c = server_->client();
  form_login(c, "head1");
  auto r = c.get("/workload");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "id=\"nav-workload\""));
  // HN-CHV-1: 106 open, 3 ended; HN-CHV-2: 1 open. Mean 53,5; shares 198% and 1%.
  EXPECT_TRUE(has(r, "id=\"workload-open\">107<"));
  EXPECT_TRUE(has(r, "id=\"workload-mean\">53,50<"));
  std::smatch m;
  const std::regex row1("<tr data-officer=\"HN-CHV-1\" class=\"load-high\">.*?</tr>");
  ASSERT_TRUE(std::regex_search(r.body, m, row1));
  const std::string first = m[0].str();
  EXPECT_NE(first.find(">106</a>"), std::string::npos);
  EXPECT_NE(first.find("198,00%"), std::string::npos);
  EXPECT_NE(first.find("2,75%"), std::string::npos);  // 3 ended of 109
  EXPECT_NE(first.find("href=\"/cases?agency=HN-KV1&amp;officer=HN-CHV-1&amp;status=open\""), std::string::npos);
  EXPECT_TRUE(has(r, "<tr data-officer=\"HN-CHV-2\" class=\"load-low\">"));
  EXPECT_LT(r.body.find("HN-CHV-1\" class"), r.body.find("HN-CHV-2\" class"));  // most loaded first
  auto csv = c.get("/workload?format=csv");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("HN-CHV-1,Nguyễn Văn An,HN-KV1,106,"), std::string::npos);
  // The work queue offers the subtree's officers.
  auto q = c.get("/queue?officer=HN-CHV-2");
  EXPECT_TRUE(has(q, "id=\"queue-officer\""));
  EXPECT_TRUE(has(q, "<option value=\"HN-CHV-2\" selected>"));
  Client o = server_->client();
  form_login(o, "officer1");
  EXPECT_FALSE(has(o.get("/queue"), "id=\"queue-officer\""));
  EXPECT_EQ(o.get("/workload").status, 403);
  Client s = server_->client();
  form_login(s, "supervisor1");
  EXPECT_EQ(s.get("/workload?agency=HCM").status, 404);
  EXPECT_TRUE(has(s.get("/workload?agency=HN"), "data-officer=\"HN-CHV-2\""));
}

TEST_F(HttpLists, ManagersRankSortAndDrillDownTheAgencyComparison) {
  Client c = server_->client();
  form_login(c, "supervisor1");
  auto r = c.get("/dashboard?fy=2025&agency=HN");
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(has(r, "id=\"comparison-table\""));
  const size_t kv1 = r.body.find("<tr data-agency=\"HN-KV1\">"), kv2 = r.body.find("<tr data-agency=\"HN-KV2\">");
  ASSERT_NE(kv1, std::string::npos);
  ASSERT_NE(kv2, std::string::npos);
  // Drill-down from every row: the agency's dashboard and its cases.
  EXPECT_TRUE(has(r, "href=\"/dashboard?agency=HN-KV1&amp;fy=2025\" class=\"agency-drill\""));
  EXPECT_TRUE(has(r, "href=\"/cases?agency=HN-KV2&amp;status=open\" class=\"agency-list\""));
  // HN-KV1 completed cases in FY2025; HN-KV2 none: ranked first.
  EXPECT_LT(kv1, kv2);
  EXPECT_TRUE(has(r, "<td class=\"num rank\">1</td><td><a href=\"/dashboard?agency=HN-KV1"));
  auto by_name = c.get("/dashboard?fy=2025&agency=HN&cmp=name&cmp_dir=desc");
  EXPECT_LT(by_name.body.find("data-agency=\"HN-KV2\""), by_name.body.find("data-agency=\"HN-KV1\""));
  EXPECT_TRUE(has(by_name, "aria-sort=\"descending\" data-sort=\"name\""));
  EXPECT_EQ(c.get("/dashboard?fy=2025&agency=HN&cmp=bogus").status, 400);
  // Every block downloads as CSV.
  for (const char* block : {"cases", "money", "months", "backlog", "unable", "overdue", "agencies"}) {
    auto csv = c.get(std::string("/dashboard?fy=2025&agency=HN&export=") + block);
    EXPECT_EQ(csv.status, 200) << block;
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF") << block;
    EXPECT_TRUE(has(r, std::string("id=\"csv-") + block + "\"")) << block;
  }
  auto agencies = c.get("/dashboard?fy=2025&agency=HN&export=agencies");
  EXPECT_NE(agencies.body.find("\r\n1,HN-KV1,"), std::string::npos);
  EXPECT_EQ(c.get("/dashboard?fy=2025&agency=HN&export=bogus").status, 400);
  // Steering users drill down to dashboards, not to cases.
  Client st = server_->client();
  form_login(st, "steering1");
  auto sr = st.get("/dashboard?fy=2025&agency=HN");
  EXPECT_TRUE(has(sr, "class=\"agency-drill\""));
  EXPECT_FALSE(has(sr, "class=\"agency-list\""));
}

TEST_F(HttpLists, PublicListHasATotalPlaceFiltersAndNamesObligationsWithoutMoney) {
  Client anon = server_->client();
  auto r = anon.get("/public/unable-debtors");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r, "id=\"public-total\">2<"));
  // The obligation to hand over an asset is named, never "0 đ".
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex("Đinh Văn Tài</td>.*?<td class=\"num obligation\">([^<]*)</td>")));
  EXPECT_EQ(m[1].str(), "Giao tài sản");
  EXPECT_FALSE(has(r, ">0 đ<"));
  EXPECT_TRUE(has(r, "<td class=\"num obligation\">30.000.000 đ</td>"));  // HN-3
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?province=HN"), "id=\"public-total\">2<"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?province=HCM"), "id=\"public-total\">0<"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?agency=HN-KV2"), "id=\"public-total\">2<"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?agency=HN-KV1"), "id=\"public-total\">0<"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?province=HCM&agency=HN-KV2"), "id=\"public-total\">0<"));
  EXPECT_TRUE(has(anon.get("/public/unable-debtors?q=dinh+tai&province=HN"), "id=\"public-total\">1<"));
  EXPECT_TRUE(has(r, "<option value=\"HN\">Thi hành án dân sự thành phố Hà Nội</option>"));
}

}  // namespace
}  // namespace thads::testing

namespace thads::testing {
namespace {

// The officer filter of the lists offers the officers of the agency filtered
// to when there are at most 300 of them; past that, only the one chosen and a
// hint to choose an agency (a national search page offered 3,365). The
// officers are held per server until the register changes: an officer added
// by another process shows within the server's recheck interval.
TEST(HttpOfficerFilter, OffersAnAgencysOfficersOrAskForAnAgencyAndSeesANewOne) {
  std::string seed = web_seed();
  for (int i = 1; i <= 301; ++i)
    seed += R"({"kind":"officer","id":"HN-X)" + std::to_string(i) + R"(","name":"Cán bộ )" + std::to_string(i) +
            R"(","agency":"HN-KV2","role":"enforcement_officer"})" "\n";
  TestServer server(seed);
  Client c = server.client();
  form_login(c, "supervisor1");  // of HN: 303 officers below it

  auto all = c.get("/search?q=nguyen");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("id=\"filter-officer-hint\""), std::string::npos);
  EXPECT_EQ(all.body.find("<option value=\"HN-X1\""), std::string::npos);
  EXPECT_EQ(all.body.find("<option value=\"HN-CHV-1\""), std::string::npos);
  EXPECT_NE(all.body.find("<option value=\"-\""), std::string::npos);  // "not assigned" stays
  // The officer chosen stays offered, selected.
  auto one = c.get("/search?q=nguyen&officer=HN-X7");
  EXPECT_NE(one.body.find("<option value=\"HN-X7\" selected>"), std::string::npos);
  EXPECT_EQ(one.body.find("<option value=\"HN-X8\""), std::string::npos);

  // One agency with two officers: both offered, no hint.
  auto kv1 = c.get("/cases?agency=HN-KV1");
  ASSERT_EQ(kv1.status, 200);
  EXPECT_EQ(kv1.body.find("id=\"filter-officer-hint\""), std::string::npos);
  EXPECT_NE(kv1.body.find("<option value=\"HN-CHV-1\""), std::string::npos);
  EXPECT_NE(kv1.body.find("<option value=\"HN-CHV-2\""), std::string::npos);
  EXPECT_EQ(kv1.body.find("<option value=\"HN-X1\""), std::string::npos);

  // An officer added by another process (an import) is offered once the
  // server has looked at the journal again (recheck_seconds, 1 s).
  {
    auto store = Store::open(server.db());
    std::istringstream in(R"({"kind":"officer","id":"HN-CHV-9","name":"Đỗ Văn Mới","agency":"HN-KV1","role":"enforcement_officer"})" "\n");
    ImportOptions opt;
    opt.now_unix = server.now();
    ASSERT_TRUE(import_jsonl(*store, in, opt).ok());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_NE(c.get("/cases?agency=HN-KV1").body.find("<option value=\"HN-CHV-9\""), std::string::npos);
}

// The filters' option lists are held per server as rendered markup, and the
// rows' officer names come from the register the server holds
// (held_officer_names): an agency's name is escaped in its option, the agency
// chosen is the one selected, and a renamed officer or a new agency written
// by another process shows once the server has looked at the journal again.
TEST(HttpListFilters, HeldOptionsAreEscapedSelectedAndFollowTheRegister) {
  std::string seed = web_seed();
  seed += R"({"kind":"agency","code":"HN-KV9","name":"Phòng <Thử> & \"Kiểm\"","level":"region","parent":"HN"})" "\n";
  TestServer server(seed);
  Client c = server.client();
  form_login(c, "supervisor1");  // of HN

  auto all = c.get("/search?q=binh");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("<option value=\"HN\" selected>Thi hành án dân sự thành phố Hà Nội</option>"), std::string::npos);
  EXPECT_NE(all.body.find("<option value=\"HN-KV9\">Phòng &lt;Thử&gt; &amp; &quot;Kiểm&quot;</option>"),
            std::string::npos);
  EXPECT_EQ(all.body.find("<Thử>"), std::string::npos);
  EXPECT_EQ(all.body.find("value=\"HCM\""), std::string::npos);  // outside the reader's scope
  EXPECT_NE(all.body.find(">Nguyễn Văn An</td>"), std::string::npos);  // HN-1's officer, by name
  auto kv9 = c.get("/search?q=binh&agency=HN-KV9");
  ASSERT_EQ(kv9.status, 200);
  EXPECT_NE(kv9.body.find("<option value=\"HN-KV9\" selected>"), std::string::npos);
  EXPECT_EQ(kv9.body.find("<option value=\"HN\" selected>"), std::string::npos);
  // The fixed lists mark the choice in force, each held per choice.
  auto chosen = c.get("/search?q=binh&size=100&age=lt1&flag=overdue&status=unable");
  ASSERT_EQ(chosen.status, 200);
  for (const char* option : {"<option value=\"100\" selected>100</option>", "<option value=\"lt1\" selected>",
                             "<option value=\"overdue\" selected>", "<option value=\"unable\" selected>",
                             "<option value=\"50\">50</option>", "<option value=\"\">Mọi thời gian</option>"})
    EXPECT_NE(chosen.body.find(option), std::string::npos) << option;
  EXPECT_EQ(all.body.find("<option value=\"100\" selected>"), std::string::npos);
  EXPECT_NE(all.body.find("<option value=\"50\" selected>50</option>"), std::string::npos);
  // Asked again, the held markup answers the same.
  EXPECT_EQ(c.get("/search?q=binh").body.find("<option value=\"HN\" selected>") != std::string::npos, true);

  {
    auto store = Store::open(server.db());
    std::istringstream in(
        R"({"kind":"reference_change","record":"officer","key":"HN-CHV-1","seq":1,"name":"Nguyễn Văn An Mới","reason":"đổi tên"})" "\n"
        R"({"kind":"agency","code":"HN-KV8","name":"Phòng Thi hành án dân sự khu vực 8 - Hà Nội","level":"region","parent":"HN"})" "\n");
    ImportOptions opt;
    opt.now_unix = server.now();
    auto result = import_jsonl(*store, in, opt);
    ASSERT_TRUE(result.ok());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  auto after = c.get("/search?q=binh");
  EXPECT_NE(after.body.find(">Nguyễn Văn An Mới</td>"), std::string::npos);
  // A search ordered otherwise takes the other path, named the same way.
  EXPECT_NE(c.get("/search?q=binh&sort=debtor").body.find(">Nguyễn Văn An Mới</td>"), std::string::npos);
  EXPECT_NE(after.body.find("<option value=\"HN-KV8\">"), std::string::npos);
  EXPECT_EQ(c.get("/search?q=binh&agency=HN-KV8").status, 200);  // in the held scope too
}

// The search page's total is held per server for the search index's
// position (held_count, app/case_lists.cc): asked again it is the same, in
// another scope it is that scope's, and a case written since (here by
// another process) is counted once the server has looked at the journal again.
TEST(HttpSearchCount, AHeldTotalIsPerScopeAndMovesWithTheJournal) {
  TestServer server(list_seed());
  Client c = server.client();
  form_login(c, "head1");
  EXPECT_TRUE(has(c.get("/search?q=truong"), "Tìm thấy 108 việc."));
  EXPECT_TRUE(has(c.get("/search?q=truong&page=2"), "Tìm thấy 108 việc."));
  EXPECT_EQ(total_of(c.get("/search?q=truong+linh")), 15);
  // Another actor, and another scope of theirs.
  Client s = server.client();
  form_login(s, "supervisor1");
  EXPECT_EQ(total_of(s.get("/search?q=truong")), 108);
  EXPECT_EQ(total_of(s.get("/search?q=truong&agency=HN-KV2")), 0);
  {
    auto store = Store::open(server.db());
    std::istringstream in(
        R"({"kind":"event","case":"HN-KV1-NEW","seq":1,"type":"case_opened","date":"2025-02-03","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"77/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Trương Văn Mới","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]})"
        "\n");
    ImportOptions opt;
    opt.now_unix = server.now();
    ASSERT_TRUE(import_jsonl(*store, in, opt).ok());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_TRUE(has(c.get("/search?q=truong"), "Tìm thấy 109 việc."));
  EXPECT_EQ(total_of(c.get("/search?q=truong+linh")), 15);
  EXPECT_EQ(total_of(s.get("/search?q=truong")), 109);
  EXPECT_EQ(total_of(s.get("/search?q=truong&agency=HN-KV2")), 0);
}

// A national or provincial head's dashboard lists the 20 officers with the
// most overdue deadlines, not all of them (a national page listed 2,676 in
// 473 KB); the block's CSV has every one.
TEST(HttpDashboardOverdue, ThePageListsTheTwentyMostOverdueAndTheCsvAll) {
  std::string seed = web_seed();
  for (int i = 1; i <= 25; ++i) {
    const std::string n = std::to_string(i), officer = "HN-CHV-X" + n, id = "HN-X" + n;
    seed += R"({"kind":"officer","id":")" + officer + R"(","name":"Cán bộ )" + n +
            R"(","agency":"HN-KV1","role":"enforcement_officer"})" "\n";
    // Officer i holds i cases opened and assigned, never notified: each has
    // an overdue deadline (Art. 39: notify within 3 working days).
    for (int k = 1; k <= i; ++k) {
      const std::string c = id + "-" + std::to_string(k);
      seed += R"({"kind":"event","case":")" + c +
              R"(","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Người )" +
              c + R"(","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]})" "\n";
      seed += R"({"kind":"event","case":")" + c + R"(","seq":2,"type":"officer_assigned","date":"2025-01-06","officer":")" +
              officer + R"("})" "\n";
    }
  }
  TestServer server(seed);
  Client c = server.client();
  form_login(c, "supervisor1");
  auto r = c.get("/dashboard?fy=2025&agency=HN&today=2025-06-02");
  ASSERT_EQ(r.status, 200);
  const size_t from = r.body.find("<section id=\"overdue\""), to = r.body.find("</section>", from);
  ASSERT_NE(from, std::string::npos);
  const std::string block = r.body.substr(from, to - from);
  size_t rows = 0;
  for (size_t at = block.find("<tr data-key="); at != std::string::npos; at = block.find("<tr data-key=", at + 1)) ++rows;
  EXPECT_EQ(rows, 20u);
  EXPECT_NE(block.find("data-key=\"HN-CHV-X25\""), std::string::npos);  // the most overdue first
  EXPECT_EQ(block.find("data-key=\"HN-CHV-X1\""), std::string::npos);   // one case: past the twentieth
  EXPECT_NE(block.find("id=\"overdue-more\""), std::string::npos);
  auto csv = c.get("/dashboard?fy=2025&agency=HN&today=2025-06-02&export=overdue");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Cán bộ 1 (HN-CHV-X1)"), std::string::npos);
  EXPECT_NE(csv.body.find("Cán bộ 25 (HN-CHV-X25)"), std::string::npos);
}

}  // namespace
}  // namespace thads::testing
