// The warning to lift an excess freeze (issue 16 item 2) as an agency's work
// queue reads it, from the freeze requests held in memory (issue 15 "Speed":
// HeldFreeze, oversight/app/held_queue.h), against the same read straight
// from the journal and the ledger (excess_freeze_items_live), on both stores:
// every scope, days before, between and after the acts, after more acts
// arrive (a lift, an answer that nothing was found, a new freeze) and for a
// day before some of them. The held path must find the excesses the journal has, on
// every day asked.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "../../../../tests/support/backends.h"
#include "app/import.h"
#include "modules/coordination/app/excess_freezes.h"

namespace thads {
namespace {

std::string items(const std::vector<QueueItem>& v) {
  std::string out;
  for (const QueueItem& i : v)
    out += i.case_id + "|" + i.agency + "|" + i.officer + "|" + i.debtor_name + "|" + i.label_vi + "|" + i.due.iso() + "\n";
  return out;
}

class ExcessFreezes : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store_ = Store::open(testing::fresh_location(GetParam()));
    add(testing::web_seed() +
        R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"body","code":"HCM-NH-1","name":"Ngân hàng B chi nhánh Thành phố Hồ Chí Minh","type":"bank","agency":"HCM"}
)");
  }

  void add(const std::string& jsonl) {
    std::istringstream in(jsonl);
    ImportOptions o;
    o.now_unix = 1764547200;  // 2025-12-01
    const ImportResult r = import_jsonl(*store_, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.code << ": " << r.refusals.front().refusal.message;
  }

  // Held and straight for every scope on `day`; the number of items found.
  size_t compare(const std::string& day) {
    size_t n = 0;
    const std::vector<std::pair<std::string, std::vector<std::string>>> scopes{
        {"", {}}, {"HN", {"HN", "HN-KV1", "HN-KV2"}}, {"HN-KV1", {"HN-KV1"}}, {"HN-KV2", {"HN-KV2"}}, {"HCM", {"HCM"}}};
    for (const auto& [agency, scope] : scopes) {
      QueueQuery q;
      q.agency = agency;
      q.today = *Date::parse(day);
      const std::vector<QueueItem> held = coordination::excess_freeze_items(*store_, q, scope);
      EXPECT_EQ(items(held), items(coordination::excess_freeze_items_live(*store_, q, scope)))
          << "scope " << agency << " on " << day;
      n += held.size();
    }
    return n;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(ExcessFreezes, TheHeldRequestsFindWhatTheJournalFindsOnEveryDay) {
  // HN-1 (HN-KV1) owes 50.000.000 đ: 30.000.000 đ frozen, then 25.000.000 đ
  // collected (5.000.000 đ excess from 15/01). HCM-1 owes 8.000.000 đ, all
  // frozen on 01/02, then 3.000.000 đ collected on 05/02. HN-3 (HN-KV2):
  // 10.000.000 đ of its 30.000.000 đ frozen, nothing collected.
  add(R"({"kind":"request","id":"HN-YC-1","seq":1,"type":"sent","date":"2025-01-10","agency":"HN-KV1","case":"HN-1","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Nguyễn Văn Bình","id_number":"001085012345"},"amount":30000000}
{"kind":"event","case":"HN-1","seq":4,"type":"collected","date":"2025-01-15","amount":25000000,"method":"voluntary"}
{"kind":"request","id":"HCM-YC-1","seq":1,"type":"sent","date":"2025-02-01","agency":"HCM","case":"HCM-1","body":"HCM-NH-1","purpose":"freeze_account","subject":{"name":"Trần Văn Em","id_number":"079000000001"},"amount":8000000}
{"kind":"event","case":"HCM-1","seq":3,"type":"collected","date":"2025-02-05","amount":3000000,"method":"voluntary"}
{"kind":"request","id":"HN-YC-2","seq":1,"type":"sent","date":"2025-03-03","agency":"HN-KV2","case":"HN-3","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Phạm Thị Dung","id_number":"079123456789"},"amount":10000000}
)");
  EXPECT_EQ(compare("2025-01-12"), 0u);  // frozen, nothing collected yet (a day before: the journal)
  EXPECT_EQ(compare("2025-01-20"), 3u);  // HN-1 in the country's, the province's and HN-KV1's queues
  EXPECT_EQ(compare("2025-02-03"), 3u);
  EXPECT_EQ(compare("2025-03-10"), 5u);  // and HCM-1 in the country's and HCM's (all held)

  // The freeze of HN-1 lifted, HCM-1's bank found no account, and HN-2
  // (2.000.000 đ) frozen whole, then 1.500.000 đ collected.
  add(R"({"kind":"request","id":"HN-YC-1","seq":2,"type":"lifted","date":"2025-03-12"}
{"kind":"request","id":"HCM-YC-1","seq":2,"type":"answered","date":"2025-03-12","result":"not_found"}
{"kind":"request","id":"HN-YC-3","seq":1,"type":"sent","date":"2025-03-13","agency":"HN-KV1","case":"HN-2","body":"HN-NH-1","purpose":"freeze_account","subject":{"name":"Lê Văn Giang","id_number":"001090000002"},"amount":2000000}
{"kind":"event","case":"HN-2","seq":3,"type":"collected","date":"2025-03-14","amount":1500000,"method":"voluntary"}
)");
  // A day before those acts: HCM-1 as it was; HN-1 is not asked for, its
  // freeze no longer open in the ledger (the definition reads its state now).
  EXPECT_EQ(compare("2025-03-10"), 2u);
  EXPECT_EQ(compare("2025-03-13"), 0u);  // lifted, not found; HN-2 not yet collected
  EXPECT_EQ(compare("2025-03-20"), 3u);  // only HN-2: 2.000.000 đ frozen for 500.000 đ owed
}

INSTANTIATE_TEST_SUITE_P(Backends, ExcessFreezes, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
