// The search index saved in the store (NameIndex::save and load_saved,
// store/read_model_snapshots.h), on both stores: an index that starts from
// the saved one answers every search exactly as one loaded from the tables,
// also after more events were written (the journal's tail) and when it was
// saved with cases re-read since its load; a saved index whose bytes were
// changed is not used; the decoder never crashes on cut or altered bytes.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>

#include "../support/backends.h"
#include "../support/temp_store.h"
#include "app/demo.h"
#include "app/import.h"
#include "app/name_index.h"
#include "store/read_model_snapshots.h"

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

// Every search of a few words in two scopes (the whole country, one
// agency), as text, for comparison.
std::string answers(const NameIndex& index, Store& store) {
  std::vector<std::string> all;
  for (const AgencyRecord& a : store.agencies()) all.push_back(a.code);
  std::string out;
  for (const std::vector<std::string>& scope : {all, std::vector<std::string>{all.back()}}) {
    for (const std::vector<std::string>& words :
         {std::vector<std::string>{"nguyen"}, {"tran", "van"}, {"thi"}, {"ngan", "hang"}, {"le"}, {"h"}, {"0"}}) {
      out += std::to_string(index.count(words, scope)) + ":";
      for (const CaseRow& r : index.search(words, scope, 40))
        out += r.case_id + "|" + r.agency + "|" + r.status + "|" + r.debtor_name + "|" + std::to_string(r.remaining) + ";";
      out += "\n";
    }
  }
  return out;
}

class NameIndexSaved : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    std::ostringstream out;
    generate_demo(out, DemoOptions{500, 5, kToday});
    const std::string text = out.str();
    const size_t cut = text.find('\n', text.size() / 2) + 1;
    first_ = text.substr(0, cut);
    second_ = text.substr(cut);
    location_ = testing::fresh_location(GetParam());
    import_text(*Store::open(location_), first_);
  }
  std::unique_ptr<Store> fresh() { return Store::open(location_); }
  std::string from_tables() {
    auto s = fresh();
    return answers(*NameIndex::load(*s), *s);
  }
  std::string from_saved(SnapshotOrigin& origin) {
    auto s = fresh();
    return answers(*NameIndex::load_saved(*s, nullptr, &origin), *s);
  }
  std::string first_, second_, location_;
};

TEST_P(NameIndexSaved, AnswersFromTheSavedIndexAsFromTheTablesAlsoAfterTheTail) {
  {
    auto s = fresh();
    ASSERT_TRUE(NameIndex::load(*s)->save(*s));
  }
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_TRUE(origin.saved) << origin.why_not;
  const std::string before = from_tables();
  import_text(*fresh(), second_);
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(got, from_tables());
  EXPECT_NE(got, before);
}

TEST_P(NameIndexSaved, AnIndexSavedWithCasesReReadSinceItsLoadAnswersTheSame) {
  auto s = fresh();
  auto loaded = NameIndex::load(*s);
  import_text(*s, second_);
  auto refreshed = NameIndex::refresh(loaded, *s);
  ASSERT_TRUE(refreshed);
  ASSERT_GT(refreshed->changed_count(), 0u);
  ASSERT_TRUE(refreshed->save(*s));
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_TRUE(origin.saved) << origin.why_not;
  auto back = NameIndex::decode(refreshed->encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->encode(), refreshed->encode());
  EXPECT_EQ(back->case_count(), refreshed->case_count());
}

TEST_P(NameIndexSaved, AChangedByteIsNotTrusted) {
  auto s = fresh();
  ASSERT_TRUE(NameIndex::load(*s)->save(*s));
  s->db().run("UPDATE read_model_snapshots SET checksum = ? WHERE name = ?",
              {std::string(64, 'b'), std::string(NameIndex::kSavedName)});
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_FALSE(origin.saved);
  EXPECT_NE(origin.why_not.find("checksum"), std::string::npos) << origin.why_not;
}

INSTANTIATE_TEST_SUITE_P(Backends, NameIndexSaved, ::testing::Values("sqlite", "postgres"));

TEST(NameIndexDecode, RefusesCutOrAlteredBytesWithoutCrashing) {
  std::ostringstream out;
  generate_demo(out, DemoOptions{120, 3, kToday});
  auto s = Store::open(testing::temp_dir() + "/decode.db");
  import_text(*s, out.str());
  const std::string bytes = NameIndex::load(*s)->encode();
  std::vector<std::string> all;
  for (const AgencyRecord& a : s->agencies()) all.push_back(a.code);
  ASSERT_TRUE(NameIndex::decode(bytes));
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 16) EXPECT_FALSE(NameIndex::decode(bytes.substr(0, n))) << n;
  EXPECT_FALSE(NameIndex::decode(bytes + "x"));
  std::mt19937 rng(9);
  for (int i = 0; i < 3000; ++i) {
    std::string b = bytes;
    b[rng() % b.size()] = static_cast<char>(rng());
    if (auto d = NameIndex::decode(b)) {
      (void)d->search({"nguyen"}, all, 20);
      (void)d->search({"t", "v"}, {all.back()}, 20);
      (void)d->count({"t"}, all);
    }
  }
}

}  // namespace
}  // namespace thads
