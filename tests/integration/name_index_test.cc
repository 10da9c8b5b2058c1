// The in-memory search index (app/name_index.h) against the read model: the
// same cases, rows and order as a plain scan of `case_terms` and as the SQL
// search, for whole-country and smaller scopes, when loaded and after writes
// (a new case, a withdrawn case whose words change, an ended case), on both
// stores; and the server's search API after writes made through the server.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "../support/record_as.h"
#include "app/case_commands.h"
#include "app/import.h"
#include "app/name_index.h"
#include "domain/text.h"
#include "app/case_search.h"
#include "app/read_cache.h"
#include "http_test_support.h"
#include "../support/backends.h"
#include "../support/search_seed.h"
#include "../support/temp_store.h"

namespace thads::testing {
namespace {

// Cases spread over HN-KV1, HN-KV2 and HCM of the web seed's agencies, many
// sharing common name words; ids not in insertion order.
std::string cases_seed(int n) {
  std::ostringstream o;
  for (int i = 0; i < n; ++i) {
    const SearchSeedCase c = search_seed_case(i);
    const std::string& id = c.id;
    const std::string& name = c.debtor;
    o << R"({"kind":"event","case":")" << id
      << R"(","seq":1,"type":"case_opened","date":"2025-01-10","agency":")" << c.agency
      << R"(","mode":"proactive","judgment_kind":"civil","judgment":{"number":")" << (i % 40)
      << R"(/2024/DS-ST","court":"Tòa","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"name":")" << name
      << R"(","kind":"person"},"creditor":{"name":"Ngân hàng Đông Á","kind":"organization"},"obligations":[{"category":"court_fee","amount":8000000}]})"
      << "\n";
  }
  return o.str();
}

std::string agencies_seed() {
  return R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"KV1","level":"region","parent":"HN"}
{"kind":"agency","code":"HN-KV2","name":"KV2","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"Hồ Chí Minh","level":"province","parent":"CQL"}
)";
}

void import(Store& store, const std::string& jsonl) {
  std::istringstream in(jsonl);
  ImportOptions opt;
  opt.now_unix = 1'790'000'000;  // recorded after every act's date
  auto r = import_jsonl(store, in, opt);
  ASSERT_TRUE(r.ok()) << (r.refusals.empty() ? "" : r.refusals.front().refusal.message);
}

// What a plain scan finds: the cases of the scope whose terms match every
// word (prefix), by case_id, at most `limit`.
std::vector<std::string> scan(Store& store, const std::string& text, const std::vector<std::string>& scope,
                              size_t limit) {
  auto words = tokens(text);
  if (words.size() > 8) words.resize(8);
  std::vector<std::string> out;
  if (words.empty()) return out;
  std::vector<std::pair<std::string, std::string>> cases;
  store.db().run("SELECT case_id, agency FROM cases", {}, [&](const Row& r) { cases.emplace_back(r.s(0), r.s(1)); });
  std::sort(cases.begin(), cases.end());
  for (const auto& [id, agency] : cases) {
    if (out.size() == limit) break;
    if (std::find(scope.begin(), scope.end(), agency) == scope.end()) continue;
    std::vector<std::string> terms;
    store.db().run("SELECT term FROM case_terms WHERE case_id = ?", {id}, [&](const Row& r) { terms.push_back(r.s(0)); });
    const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.starts_with(w); });
    });
    if (all) out.push_back(id);
  }
  return out;
}

std::vector<std::string> ids(const std::vector<CaseRow>& rows) {
  std::vector<std::string> out;
  for (const CaseRow& r : rows) out.push_back(r.case_id);
  return out;
}

const std::vector<std::vector<std::string>>& scopes() {
  static const std::vector<std::vector<std::string>> s{
      {"CQL", "HN", "HN-KV1", "HN-KV2", "HCM"}, {"HN", "HN-KV1", "HN-KV2"}, {"HN-KV1"}, {"HCM"}, {"NO-SUCH"}};
  return s;
}

const std::vector<std::string>& queries() {
  static const std::vector<std::string> q{
      "nguyen", "nguyen van an", "nguyen an", "nguyễn văn ánh", "tran thi hoa", "le anh", "an", "a", "n v a",
      "hoang nguyen", "ngan hang dong", "zzz", "nguyen zzz", "c-0", "c-01", "12", "ds st", "moi", "moi nguyen",
      "phan", "x", "  "};
  return q;
}

// Every way of walking the index: the one it picks, leapfrog, and blocks
// of 64 cases (many blocks over 600 cases) and of the default size, with
// each way of intersecting in a block.
std::vector<std::pair<std::string, NameIndex::Plan>> plans() {
  using W = NameIndex::Walk;
  using I = NameIndex::Intersect;
  return {{"automatic", {}},
          {"leapfrog", {W::leapfrog, I::automatic, 0}},
          {"blocks", {W::blocks, I::automatic, 0}},
          {"blocks of 64", {W::blocks, I::automatic, 64}},
          {"blocks of 64, marking", {W::blocks, I::mark, 64}},
          {"blocks of 64, probing", {W::blocks, I::probe, 64}},
          {"blocks of 100, probing", {W::blocks, I::probe, 100}}};
}

// The index answers as the scan (ids, every limit) and as the SQL search
// (whole rows, all matches) for every scope and query, whatever its walk;
// its count() is the number of all matches.
void expect_agrees(Store& store, const NameIndex& index, const std::string& when) {
  for (const auto& scope : scopes())
    for (const auto& q : queries()) {
      auto words = tokens(q);
      if (words.size() > 8) words.resize(8);
      std::vector<std::vector<std::string>> scanned;
      for (size_t limit : {1u, 7u, 50u}) scanned.push_back(scan(store, q, scope, limit));
      const std::vector<CaseRow> all = search_cases(store, {q, scope, 100000});
      // The total the case lists show: every match, counted without rows.
      EXPECT_EQ(index.count(words, scope), all.size()) << when << ": q=" << q << " scope=" << scope.front();
      for (const auto& [plan_name, plan] : plans()) {
        const std::string where = when + ", " + plan_name + ": q=" + q + " scope=" + scope.front();
        size_t k = 0;
        for (size_t limit : {1u, 7u, 50u})
          EXPECT_EQ(ids(index.search(words, scope, limit, plan)), scanned[k++]) << where << " limit=" << limit;
        EXPECT_EQ(index.search(words, scope, 100000, plan), all) << where;
      }
    }
}

class NameIndexTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store_ = Store::open(fresh_location(GetParam()));
    import(*store_, agencies_seed() + cases_seed(600));
  }
  std::unique_ptr<Store> store_;
};

TEST_P(NameIndexTest, AnswersAsTheReadModelWhenLoaded) {
  auto index = NameIndex::load(*store_);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->case_count(), 600u);
  EXPECT_EQ(index->changed_count(), 0u);
  // The data really has many cases per common word, more than a page.
  EXPECT_EQ(index->search({"nguyen"}, scopes()[0], 1000).size(), 360u);
  EXPECT_EQ(index->search({"nguyen"}, scopes()[0], 50).size(), 50u);
  EXPECT_TRUE(index->search({}, scopes()[0], 50).empty());
  EXPECT_TRUE(index->search({"nguyen"}, {}, 50).empty());
  EXPECT_TRUE(index->search({"nguyen"}, scopes()[0], 0).empty());
  expect_agrees(*store_, *index, "loaded");
}

// A server that stops gives up loading the index (issue 12: `thads serve`
// waited tens of seconds for it on SIGTERM): the load throws LoadStopped at
// its first cancellation point, the store still answers afterwards, and a
// read cache told to stop starts no load and answers nullptr (searches run
// in SQL).
TEST_P(NameIndexTest, ALoadAskedToStopGivesUpAndLeavesTheStoreAsItWas) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(NameIndex::load(*store_, &stop), LoadStopped);
  stop = false;
  auto index = NameIndex::load(*store_, &stop);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->case_count(), 600u);
  ReadCache cache(0);
  cache.stop_loading();
  EXPECT_EQ(cache.names(*store_), nullptr);
  EXPECT_EQ(search_cases(*store_, {"nguyen", scopes()[0], 1000}).size(), 360u);
}

// The index keeps the scopes last asked for: more scopes than it keeps, each
// asked twice, the first ones again after they were pushed out, and a scope
// in another order, all answer as the scope they name.
TEST_P(NameIndexTest, KeptScopesAnswerAsTheScopeTheyName) {
  auto index = NameIndex::load(*store_);
  ASSERT_TRUE(index);
  const std::vector<std::string> hn{"HN", "HN-KV1", "HN-KV2"};
  const auto expected = ids(index->search({"nguyen", "an"}, hn, 1000));
  ASSERT_GT(expected.size(), 10u);
  EXPECT_EQ(expected, scan(*store_, "nguyen an", hn, 1000));
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 100; ++i) {
      std::vector<std::string> scope = hn;
      scope.push_back("NO-SUCH-" + std::to_string(i));  // a distinct scope, the same agencies
      if (i % 2) std::reverse(scope.begin(), scope.end());
      EXPECT_EQ(ids(index->search({"nguyen", "an"}, scope, 1000)), expected) << i;
      EXPECT_EQ(ids(index->search({"nguyen", "an"}, scope, 1000)), expected) << i;
    }
  const std::vector<std::string> hcm{"HCM"};
  EXPECT_EQ(ids(index->search({"nguyen", "an"}, hcm, 1000)), scan(*store_, "nguyen an", hcm, 1000));
}

TEST_P(NameIndexTest, AnswersAsTheReadModelAfterWrites) {
  auto loaded = NameIndex::load(*store_);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(NameIndex::refresh(loaded, *store_), loaded);  // nothing new

  // New cases, one sorting before every loaded one and one after.
  import(*store_,
         R"({"kind":"event","case":"A-0001","seq":1,"type":"case_opened","date":"2025-02-10","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"5/2025/DS-ST","court":"Tòa","date":"2025-01-11","effective_date":"2025-01-20"},"debtor":{"name":"Nguyễn Văn Mới","kind":"person","id_number":"001099000111"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}
{"kind":"event","case":"Z-0001","seq":1,"type":"case_opened","date":"2025-02-10","agency":"HCM","mode":"proactive","judgment_kind":"civil","judgment":{"number":"6/2025/DS-ST","court":"Tòa","date":"2025-01-11","effective_date":"2025-01-20"},"debtor":{"name":"Phan Thị Mới","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}
)");
  // An ended case: its row changes, not its words.
  const std::string ended = "C-7919";
  auto r = record_as_head(*store_, ended, store_->version_of(ended),
                        {{"type", "terminated"}, {"date", "2025-03-01"}, {"ground", "50.1.a"}}, "test", 1'790'000'000);
  ASSERT_TRUE(std::holds_alternative<Recorded>(r)) << std::get<Refusal>(r).message;
  // A withdrawn case (its opening voided): the creditor and judgment words go.
  const std::string withdrawn = "C-5838";
  r = record_as_head(*store_, withdrawn, store_->version_of(withdrawn),
                   {{"type", "voided"}, {"date", "2025-03-02"}, {"voids", 1}, {"reason", "nhập nhầm"}}, "test", 1'790'000'000);
  ASSERT_TRUE(std::holds_alternative<Recorded>(r)) << std::get<Refusal>(r).message;

  auto index = NameIndex::refresh(loaded, *store_);
  ASSERT_TRUE(index);
  ASSERT_NE(index, loaded);
  EXPECT_EQ(index->case_count(), 602u);
  EXPECT_EQ(index->changed_count(), 4u);
  EXPECT_EQ(ids(index->search({"moi"}, scopes()[0], 50)), (std::vector<std::string>{"A-0001", "Z-0001"}));
  EXPECT_EQ(ids(index->search({"moi"}, scopes()[2], 50)), (std::vector<std::string>{"A-0001"}));
  EXPECT_TRUE(index->search({"ngan", "hang"}, scopes()[0], 1000).size() <
              loaded->search({"ngan", "hang"}, scopes()[0], 1000).size());
  const auto row = index->search(tokens(ended), scopes()[0], 50);
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0].status, "ended");
  EXPECT_EQ(row[0].remaining, 0);
  expect_agrees(*store_, *index, "after writes");
  // The loaded generation is left as it was.
  EXPECT_TRUE(loaded->search({"moi"}, scopes()[0], 50).empty());
  EXPECT_EQ(loaded->search(tokens(ended), scopes()[0], 50).at(0).status, "active");

  // Another write on a case already changed, and a reload when too much moved.
  r = record_as_head(*store_, "A-0001", store_->version_of("A-0001"),
                   {{"type", "voided"}, {"date", "2025-03-03"}, {"voids", 1}, {"reason", "nhập nhầm"}}, "test", 1'790'000'000);
  ASSERT_TRUE(std::holds_alternative<Recorded>(r)) << std::get<Refusal>(r).message;
  EXPECT_EQ(NameIndex::refresh(index, *store_, 0), nullptr);
  auto again = NameIndex::refresh(index, *store_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->case_count(), 602u);
  expect_agrees(*store_, *again, "after a second write");
  auto fresh = NameIndex::load(*store_);
  EXPECT_EQ(fresh->changed_count(), 0u);
  expect_agrees(*store_, *fresh, "reloaded");
}

// Refreshes share the rows of unchanged blocks of case numbers between
// generations (NameIndex::RowMap): a later refresh that changes another case
// of the same block leaves every earlier generation's rows as they were.
TEST_P(NameIndexTest, EachGenerationKeepsItsRowsWhenALaterOneChangesTheSameBlock) {
  auto g0 = NameIndex::load(*store_);
  ASSERT_TRUE(g0);
  auto collect = [&](const std::string& id, int64_t amount) {
    auto r = record_as_head(*store_, id, store_->version_of(id),
                            {{"type", "collected"}, {"date", "2025-03-01"}, {"amount", amount}, {"method", "voluntary"}},
                            "test", 1'790'000'000);
    ASSERT_TRUE(std::holds_alternative<Recorded>(r)) << std::get<Refusal>(r).message;
  };
  auto remaining = [&](const NameIndex& index, const std::string& id) {
    const auto rows = index.search(tokens(id), scopes()[0], 50);
    return rows.size() == 1 ? rows[0].remaining : int64_t{-1};
  };
  // The first two cases by id (numbers 0 and 1: one block), each changed in turn.
  const auto first = ids(g0->search({"c"}, scopes()[0], 2));
  ASSERT_EQ(first.size(), 2u);
  const std::string a = first[0], b = first[1];
  const int64_t a0 = remaining(*g0, a), b0 = remaining(*g0, b);
  ASSERT_GT(a0, 1000);
  ASSERT_GT(b0, 1000);
  collect(a, 1000);
  auto g1 = NameIndex::refresh(g0, *store_);
  collect(b, 1000);
  auto g2 = NameIndex::refresh(g1, *store_);
  collect(a, 1000);
  auto g3 = NameIndex::refresh(g2, *store_);
  ASSERT_TRUE(g1 && g2 && g3);
  EXPECT_EQ(remaining(*g0, a), a0);
  EXPECT_EQ(remaining(*g0, b), b0);
  EXPECT_EQ(remaining(*g1, a), a0 - 1000);
  EXPECT_EQ(remaining(*g1, b), b0);
  EXPECT_EQ(remaining(*g2, a), a0 - 1000);
  EXPECT_EQ(remaining(*g2, b), b0 - 1000);
  EXPECT_EQ(remaining(*g3, a), a0 - 2000);
  EXPECT_EQ(remaining(*g3, b), b0 - 1000);
  EXPECT_EQ(g3->changed_count(), 2u);
  expect_agrees(*store_, *g3, "after three refreshes");
}

INSTANTIATE_TEST_SUITE_P(Stores, NameIndexTest, ::testing::Values("sqlite", "postgres"));

// The search API of a running server, which answers from the index, against
// the SQL search on the same store: before and after writes made through the
// server, for a region, a province and the whole country.
TEST(NameIndexServer, SearchApiAnswersAsSqlAfterWritesThroughTheServer) {
  TestServer server(web_seed() + cases_seed(300));
  {
    auto store = Store::open(server.db());
    auto res = add_user(*store, NewUser{"national1", "supervisor", "CQL", ""}, kPassword, "test", server.now());
    ASSERT_TRUE(std::holds_alternative<User>(res));
  }
  struct Viewer {
    std::string login;
    std::vector<std::string> scope;
  };
  const std::vector<Viewer> viewers{{"head1", {"HN-KV1"}},
                                    {"supervisor1", {"HN", "HN-KV1", "HN-KV2"}},
                                    {"national1", {"CQL", "HN", "HN-KV1", "HN-KV2", "HCM"}}};
  const std::vector<std::string> qs{"nguyen", "nguyen van an", "tran thi", "an", "n v a", "binh", "moi", "le thi cuc",
                                    "ngan hang", "hn-", "12 2024", "zzz"};
  auto check = [&](const std::string& when) {
    auto store = Store::open(server.db());
    for (const Viewer& v : viewers) {
      Client c = server.client();
      ASSERT_EQ(c.login(v.login), 200);
      for (const std::string& q : qs) {
        auto resp = c.get("/api/v1/cases?limit=200&q=" + Client::encode(q));
        ASSERT_EQ(resp.status, 200) << resp.body;
        const nlohmann::json body = resp.json();
        std::vector<std::string> got;
        for (const auto& item : body["items"])
          got.push_back(item["id"].get<std::string>() + "|" + item["status"].get<std::string>() + "|" +
                        item["debtor"].get<std::string>() + "|" + std::to_string(item["remaining"].get<int64_t>()));
        std::vector<std::string> want;
        for (const CaseRow& r : search_cases(*store, {q, v.scope, 200}))
          want.push_back(r.case_id + "|" + r.status + "|" + r.debtor_name + "|" + std::to_string(r.remaining));
        EXPECT_EQ(got, want) << when << ": " << v.login << " q=" << q;
      }
    }
  };
  check("loaded");

  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  // A new case.
  auto opened = head.post_json(
      "/api/v1/cases",
      {{"event",
        {{"agency", "HN-KV1"}, {"date", "2025-06-02"}, {"mode", "proactive"}, {"judgment_kind", "criminal"},
         {"judgment", {{"number", "1/2025/HS-ST"}, {"court", "TAND"}, {"date", "2025-04-01"}, {"effective_date", "2025-05-01"}}},
         {"debtor", {{"name", "Nguyễn Văn Mới"}, {"kind", "person"}}},
         {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
         {"obligations", {{{"category", "fine"}, {"amount", 5000000}}}}}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string new_id = opened.json()["id"];
  // An ended case, and a withdrawn one (its words change: the creditor's go).
  auto version = [&](const std::string& id) { return Store::open(server.db())->version_of(id); };
  auto ended = head.post_json("/api/v1/cases/HN-2/events",
                              {{"expected_version", version("HN-2")},
                               {"event", {{"type", "terminated"}, {"date", "2025-06-03"}, {"ground", "50.1.a"}}}});
  ASSERT_EQ(ended.status, 201) << ended.body;
  auto voided = head.post_json(
      "/api/v1/cases/C-0000/events",
      {{"expected_version", version("C-0000")},
       {"event", {{"type", "voided"}, {"date", "2025-06-03"}, {"voids", 1}, {"reason", "nhập nhầm"}}}});
  ASSERT_EQ(voided.status, 201) << voided.body;

  auto found = head.get("/api/v1/cases?q=moi").json()["items"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], new_id);
  const auto creditor = head.get("/api/v1/cases?q=ngan%20hang").json()["items"];
  ASSERT_FALSE(creditor.empty());
  EXPECT_NE(creditor[0]["id"], "C-0000");
  check("after writes");
}

}  // namespace
}  // namespace thads::testing
