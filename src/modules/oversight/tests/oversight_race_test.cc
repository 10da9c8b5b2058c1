// Two officers freeze accounts for one case at the same moment: of two
// requests that together exceed what the case owes, exactly one is accepted,
// on both stores (the write transactions serialise on the journal head, and
// the freeze budget is judged inside them).
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/temp_store.h"
#include "app/import.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads {
namespace {

const char* kBase =
    R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"DN","name":"Đà Nẵng","level":"province","parent":"CQL"}
{"kind":"body","code":"VCB-DN","name":"Ngân hàng","type":"bank","agency":"DN"}
{"kind":"event","case":"DN-1","seq":1,"type":"case_opened","date":"2025-03-03","agency":"DN","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND","date":"2024-09-10","effective_date":"2024-10-15"},"debtor":{"name":"Phạm Văn Dũng","kind":"person","id_number":"048085000201"},"creditor":{"name":"B","kind":"person"},"obligations":[{"category":"other_money","amount":100000000}],"request_date":"2025-03-03"}
)";

std::string freeze(const std::string& id) {
  return R"({"kind":"request","id":")" + id +
         R"(","seq":1,"type":"sent","date":"2025-06-02","agency":"DN","case":"DN-1","body":"VCB-DN","purpose":"freeze_account","subject":{"name":"Phạm Văn Dũng","id_number":"048085000201"},"amount":60000000})";
}

ImportResult import_text(const std::string& location, const std::string& text) {
  auto store = Store::open(location);
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = 1'796'000'000;
  return import_jsonl(*store, in, o);
}

class OversightRace : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { THADS_REQUIRE_BACKEND(GetParam()); }
};

TEST_P(OversightRace, OfTwoFreezesBeyondTheDebtExactlyOneIsAccepted) {
  for (int trial = 0; trial < 5; ++trial) {
    const std::string location = testing::fresh_location(GetParam());
    ASSERT_TRUE(import_text(location, kBase).ok());
    std::atomic<int> ready{0};
    ImportResult a, b;
    auto run = [&](ImportResult& out, const std::string& id) {
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      out = import_text(location, freeze(id));
    };
    std::thread t1(run, std::ref(a), "DN-YC-1"), t2(run, std::ref(b), "DN-YC-2");
    t1.join();
    t2.join();
    ASSERT_NE(a.ok(), b.ok()) << "trial " << trial;
    const ImportResult& refused = a.ok() ? b : a;
    EXPECT_EQ(refused.refusals.front().refusal.code, "over_freeze");
    auto store = Store::open(location);
    EXPECT_EQ(oversight::requests_of_case(store->db(), "DN-1").size(), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, OversightRace, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
