// Case search over many cases that share common name words: the posting-list
// walk must return exactly the cases a plain scan finds (every word prefixes
// a folded word of the case, within the scope), the first ones by case_id.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/import.h"
#include "domain/text.h"
#include "app/case_search.h"
#include "../support/search_seed.h"
#include "../support/temp_store.h"

namespace thads::testing {
namespace {

std::string seed(int n) {
  std::ostringstream o;
  o << R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"KV1","level":"region","parent":"HN"}
{"kind":"agency","code":"HN-KV2","name":"KV2","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"Hồ Chí Minh","level":"province","parent":"CQL"}
)";
  for (int i = 0; i < n; ++i) {
    const SearchSeedCase c = search_seed_case(i);
    const std::string& id = c.id;
    const std::string& name = c.debtor;
    o << R"({"kind":"event","case":")" << id
      << R"(","seq":1,"type":"case_opened","date":"2025-01-10","agency":")" << c.agency
      << R"(","mode":"proactive","judgment_kind":"civil","judgment":{"number":"99/2024/DS-ST","court":"Tòa","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"name":")"
      << name << R"(","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":8000000}]})"
      << "\n";
  }
  return o.str();
}

// What a plain scan finds: the cases of the scope whose terms match every
// word (prefix), by case_id, at most `limit`.
std::vector<std::string> expected(Store& store, const std::string& text, const std::vector<std::string>& scope,
                                  size_t limit) {
  const auto words = tokens(text);
  std::vector<std::string> out;
  std::vector<std::pair<std::string, std::string>> cases;
  store.db().run("SELECT case_id, agency FROM cases ORDER BY case_id", {},
                 [&](const Row& r) { cases.emplace_back(r.s(0), r.s(1)); });
  for (const auto& [id, agency] : cases) {
    if (std::find(scope.begin(), scope.end(), agency) == scope.end()) continue;
    std::vector<std::string> terms;
    store.db().run("SELECT term FROM case_terms WHERE case_id = ?", {id}, [&](const Row& r) { terms.push_back(r.s(0)); });
    const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.rfind(w, 0) == 0; });
    });
    if (all && !words.empty()) out.push_back(id);
    if (out.size() == limit) break;
  }
  return out;
}

TEST(HttpSearch, PostingWalkFindsWhatAScanFinds) {
  auto owned = Store::open(fresh_location("sqlite"));
  Store& store = *owned;
  std::istringstream in(seed(600));
  ImportOptions opt;
  opt.now_unix = 1'790'000'000;  // recorded after every act's date
  auto r = import_jsonl(store, in, opt);
  ASSERT_TRUE(r.ok());
  const std::vector<std::vector<std::string>> scopes{{"CQL", "HN", "HN-KV1", "HN-KV2", "HCM"},
                                                     {"HN", "HN-KV1", "HN-KV2"},
                                                     {"HCM"}};
  const std::vector<std::string> queries{"nguyen",       "nguyen van an", "nguyen an",  "nguyễn văn ánh", "tran thi hoa",
                                         "le anh",       "an",            "a",          "n v a",          "hoang nguyen",
                                         "nha nuoc tam", "zzz",           "nguyen zzz", "c-0",            "  "};
  // The data really has many cases per common word.
  EXPECT_EQ(expected(store, "nguyen", scopes[0], 1000).size(), 360u);
  EXPECT_EQ(search_cases(store, {"nguyen", scopes[0], 50}).size(), 50u);
  EXPECT_GT(expected(store, "nguyen van an", scopes[1], 1000).size(), 10u);
  for (const auto& scope : scopes)
    for (const auto& q : queries)
      for (size_t limit : {1u, 7u, 50u, 1000u}) {
        std::vector<std::string> got;
        for (const auto& row : search_cases(store, {q, scope, limit})) got.push_back(row.case_id);
        EXPECT_EQ(got, expected(store, q, scope, limit)) << "q=" << q << " scope=" << scope.front() << " limit=" << limit;
      }
}

}  // namespace
}  // namespace thads::testing
