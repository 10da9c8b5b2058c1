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

// A monitoring file (administrative judgment), one of the modules' records:
// no case row nor term depends on it.
const char* const kModuleRecord =
    R"({"kind":"admin_judgment","id":"HN-HC-NAMES-1","seq":1,"type":"received","date":"2026-09-01",)"
    R"("agency":"HN","judgment":{"number":"4/2026/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội",)"
    R"("date":"2026-06-10","effective_date":"2026-07-20"},"ruling":"annul_decision",)"
    R"("debtor":{"name":"Ủy ban nhân dân phường Ba Đình","level":"commune"},)"
    R"("creditor":{"name":"Trần Văn Bình"},"obligation":"Hủy Quyết định số 9/QĐ-UBND"})" "\n";

std::string saved_bytes(Store& s) {
  Snapshot tx(s);
  SnapshotRead r = read_snapshot(s.db(), NameIndex::kSavedName);
  tx.commit();
  EXPECT_TRUE(r.ok) << r.why;
  return std::string(r.snapshot.blob);
}

// An import of the modules' records only changes no case row nor term: the
// saved index is moved to the journal's head with its bytes untouched, and
// a fresh process starts from it at the head (no tail to read; past
// refresh()'s bound, a tail of such records made it load the index whole).
TEST_P(NameIndexSaved, AnImportOfModuleRecordsOnlyMovesTheSavedIndexWithoutRewritingIt) {
  {
    auto s = fresh();
    ASSERT_TRUE(NameIndex::load(*s)->save(*s));
  }
  const std::string bytes = saved_bytes(*fresh());
  const std::string before = from_tables();
  import_text(*fresh(), kModuleRecord);
  const int64_t head = fresh()->journal_position();
  ASSERT_TRUE(NameIndex::advance_saved(*fresh()));
  EXPECT_EQ(saved_bytes(*fresh()), bytes);  // not rewritten
  EXPECT_EQ(saved_snapshot_header(fresh()->db(), NameIndex::kSavedName)->pos, head);
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), before);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(origin.saved_pos, head);
  {
    auto s = fresh();
    auto index = NameIndex::load_saved(*s);
    EXPECT_EQ(index->position(), head);
    EXPECT_EQ(index->changed_count(), 0u);  // nothing re-read
  }
  EXPECT_TRUE(NameIndex::advance_saved(*fresh()));  // at the head already: stays
  EXPECT_EQ(saved_snapshot_header(fresh()->db(), NameIndex::kSavedName)->pos, head);
}

// A case event since the saved index changes rows and terms: the index is
// not moved over it, and the next load reads the tail and answers right.
TEST_P(NameIndexSaved, ACaseEventSinceTheSavedIndexIsNeverSkipped) {
  int64_t saved_at = 0;
  {
    auto s = fresh();
    auto index = NameIndex::load(*s);
    ASSERT_TRUE(index->save(*s));
    saved_at = index->position();
  }
  import_text(*fresh(), kModuleRecord);
  import_text(*fresh(), second_);
  EXPECT_FALSE(NameIndex::advance_saved(*fresh()));
  EXPECT_EQ(saved_snapshot_header(fresh()->db(), NameIndex::kSavedName)->pos, saved_at);
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(origin.saved_pos, saved_at);
}

// A saved index moved back (its row before the position its bytes were
// made at) would answer rows from the future of its position: not trusted.
TEST_P(NameIndexSaved, APositionMovedBackIsNotTrusted) {
  const int64_t early = fresh()->journal_position();
  std::string early_hash;
  {
    auto s = fresh();
    early_hash = s->db().one("SELECT hash FROM journal WHERE pos = ?", {early})->s(0);
  }
  import_text(*fresh(), second_);
  {
    auto s = fresh();
    ASSERT_TRUE(NameIndex::load(*s)->save(*s));
    s->db().run("UPDATE read_model_snapshots SET pos = ?, chain_hash = ? WHERE name = ?",
                {early, early_hash, std::string(NameIndex::kSavedName)});
  }
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_FALSE(origin.saved);
  EXPECT_NE(origin.why_not.find("content"), std::string::npos) << origin.why_not;
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
