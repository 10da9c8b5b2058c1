// The statistics snapshot saved in the store (StatsSnapshot::save and
// load_saved, store/read_model_snapshots.h), on both stores: a fresh Store
// that starts from it answers every report and dashboard figure exactly as
// a load from the tables, also after more events were written (the journal's
// tail); a saved snapshot that does not match the store (a byte changed,
// cut short, another format, another journal entry at its position, a
// position past the head, a part missing, a rebuild since) is not used,
// and the answers are the same.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>

#include "../support/backends.h"
#include "../support/temp_store.h"
#include "app/demo.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/report_render.h"
#include "app/reports.h"
#include "store/db.h"
#include "store/engine_memory.h"
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

// Everything a snapshot answers, as text (the reports as rendered), for comparison.
std::string answers(const StatsSnapshot& s) {
  std::string out;
  for (const Period p : {Period{Date::from_ymd(2024, 10, 1), Date::from_ymd(2025, 9, 30)},
                         Period{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)},
                         Period{Date::from_ymd(2026, 1, 1), Date::from_ymd(2026, 3, 31)}}) {
    for (const char* by : {"", "agency", "mode", "judgment_kind", "flag"}) {
      auto both = s.compute_both(ReportQuery{Form::cases, p, "", by, std::nullopt});
      const auto& [c, m] = std::get<std::pair<Report, Report>>(both);
      out += report_to_json(c) + report_to_table(m);
    }
  }
  const auto f = std::get<CurrentFigures>(s.current("", kToday));
  for (int64_t n : f.backlog_by_age) out += std::to_string(n) + ",";
  for (const auto& [k, n] : f.unable_by_reason) out += k + "=" + std::to_string(n) + ",";
  for (const auto& o : f.overdue_by_officer) out += o.officer + "/" + o.name + "=" + std::to_string(o.count) + ",";
  return out;
}

std::string hex_of(const std::string& bytes) {
  static const char* d = "0123456789abcdef";
  std::string h;
  for (unsigned char c : bytes) (h += d[c >> 4]) += d[c & 15];
  return h;
}

class StatsSaved : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    std::ostringstream out;
    generate_demo(out, DemoOptions{600, 11, kToday});
    const std::string text = out.str();
    const size_t cut = text.find('\n', text.size() / 2) + 1;
    first_ = text.substr(0, cut);
    second_ = text.substr(cut);
    location_ = testing::fresh_location(GetParam());
    auto s = Store::open(location_);
    import_text(*s, first_);
  }
  // A Store opened afresh, as a new process would.
  std::unique_ptr<Store> fresh() { return Store::open(location_); }
  void save() {
    auto s = fresh();
    ASSERT_TRUE(StatsSnapshot::load(*s).save(*s));
  }
  // The answers of a Store opened afresh: from the tables, and through load_saved().
  std::string from_tables() {
    auto s = fresh();
    return answers(StatsSnapshot::load(*s));
  }
  std::string from_saved(SnapshotOrigin& origin) {
    auto s = fresh();
    return answers(*StatsSnapshot::load_saved(*s, &origin));
  }
  void sql(const std::string& statement, const std::vector<Value>& params = {}) {
    auto s = fresh();
    s->db().run(statement, params);
  }
  // The saved data replaced by `bytes` (its checksum left as it was).
  void overwrite_data(const std::string& bytes) {
    if (GetParam() == "postgres") sql("UPDATE read_model_snapshots SET data = decode(?, 'hex')", {hex_of(bytes)});
    else sql("UPDATE read_model_snapshots SET data = CAST(? AS BLOB)", {bytes});
  }
  std::string saved_blob() {
    auto s = fresh();
    Snapshot tx(*s);
    SnapshotRead r = read_snapshot(s->db(), StatsSnapshot::kSavedName);
    tx.commit();
    EXPECT_TRUE(r.ok) << r.why;
    return std::string(r.snapshot.blob);
  }
  // The saved snapshot is not used, and the answers are those of the tables.
  void expect_rejected(const std::string& why_part) {
    SnapshotOrigin origin;
    const std::string got = from_saved(origin);
    EXPECT_FALSE(origin.saved);
    EXPECT_NE(origin.why_not.find(why_part), std::string::npos) << origin.why_not;
    EXPECT_EQ(got, from_tables());
  }

  std::string first_, second_, location_;
};

TEST_P(StatsSaved, AFreshStoreAnswersFromTheSavedSnapshotAsFromTheTables) {
  save();
  SnapshotOrigin origin;
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(got, from_tables());
  // The report of the CLI's path (run_report), byte for byte.
  auto s = fresh();
  const ReportQuery q{Form::money, Period{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)}, "", "agency",
                      std::nullopt};
  EXPECT_EQ(report_to_json(std::get<Report>(run_report(*s, q))),
            report_to_json(std::get<Report>(StatsSnapshot::load(*s).compute(q))));
}

// The save after an import reads the store once through a small page cache
// and no memory map (read_for_one_pass, so that the import's peak memory is
// not raised by the store's mapped pages): what it saves answers exactly as
// the tables do.
TEST_P(StatsSaved, ASaveThroughTheOnePassReadAnswersAsTheTables) {
  auto s = fresh();
  read_for_one_pass(*s);
  if (GetParam() == "sqlite") {
    EXPECT_EQ(s->db().one("PRAGMA mmap_size")->i(0), 0);
    EXPECT_EQ(s->db().one("PRAGMA cache_size")->i(0), -16384);
  }
  ASSERT_TRUE(StatsSnapshot::load(*s).save(*s));
  SnapshotOrigin origin;
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(got, from_tables());
}

TEST_P(StatsSaved, EventsWrittenAfterTheSnapshotAreReadFromTheJournalTail) {
  save();
  const int64_t saved_at = fresh()->journal_position();
  const std::string before = from_tables();
  import_text(*fresh(), second_);
  SnapshotOrigin origin;
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(origin.saved_pos, saved_at);
  EXPECT_GT(fresh()->journal_position(), saved_at);
  EXPECT_EQ(got, from_tables());
  EXPECT_NE(got, before);
}

TEST_P(StatsSaved, AReadOnlyStoreUsesTheSnapshotAndWritesNone) {
  auto ro = Store::open_read_only(location_);
  SnapshotOrigin origin;
  const std::string without = answers(*StatsSnapshot::load_saved(*ro, &origin));
  EXPECT_FALSE(origin.saved);
  EXPECT_EQ(origin.why_not, "none");
  EXPECT_EQ(without, from_tables());
  from_saved(origin);  // nothing was saved by the read-only load
  EXPECT_EQ(origin.why_not, "none");
  save();
  auto ro2 = Store::open_read_only(location_);
  EXPECT_EQ(answers(*StatsSnapshot::load_saved(*ro2, &origin)), without);
  EXPECT_TRUE(origin.saved) << origin.why_not;
}

TEST_P(StatsSaved, AFlippedByteIsNotTrusted) {
  save();
  std::string b = saved_blob();
  b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x20);
  overwrite_data(b);
  expect_rejected("checksum");
}

TEST_P(StatsSaved, ATruncatedSnapshotIsNotTrusted) {
  save();
  const std::string b = saved_blob();
  overwrite_data(b.substr(0, b.size() - 7));
  expect_rejected("checksum");
  // Cut short with a checksum of its own (written as a whole): the decoder refuses it.
  auto s = fresh();
  ASSERT_TRUE(write_snapshot(s->db(), StatsSnapshot::kSavedName, StatsSnapshot::kFormat, s->journal_position(),
                             b.substr(0, b.size() / 3)));
  expect_rejected("content");
}

TEST_P(StatsSaved, AnotherFormatIsNotTrusted) {
  save();
  sql("UPDATE read_model_snapshots SET format = ?", {StatsSnapshot::kFormat + 1});
  expect_rejected("format");
}

TEST_P(StatsSaved, AnotherJournalEntryAtItsPositionIsNotTrusted) {
  save();
  sql("UPDATE read_model_snapshots SET chain_hash = ?", {std::string(64, 'a')});
  expect_rejected("not the one it was made from");
}

TEST_P(StatsSaved, APositionPastTheHeadIsNotTrusted) {
  save();
  sql("UPDATE read_model_snapshots SET pos = pos + 1000");
  expect_rejected("past the journal's head");
}

TEST_P(StatsSaved, AMissingPartIsNotTrusted) {
  save();
  sql("UPDATE read_model_snapshots SET parts = parts + 1");
  expect_rejected("parts");
}

TEST_P(StatsSaved, ARebuildDropsTheSnapshotAndASaveAfterItIsUsed) {
  save();
  {
    auto s = fresh();
    rebuild(*s);
  }
  expect_rejected("none");
  save();
  SnapshotOrigin origin;
  EXPECT_EQ(from_saved(origin), from_tables());
  EXPECT_TRUE(origin.saved) << origin.why_not;
}

TEST_P(StatsSaved, AStoreWithoutTheTableIsReadWithoutSnapshot) {
  sql("DROP TABLE read_model_snapshots");
  // (A writable open would create the table again.)
  auto ro = Store::open_read_only(location_);
  SnapshotOrigin origin;
  const std::string got = answers(*StatsSnapshot::load_saved(*ro, &origin));
  EXPECT_EQ(got, answers(StatsSnapshot::load(*ro)));
  EXPECT_FALSE(origin.saved);
  EXPECT_NE(origin.why_not.find("no snapshot table"), std::string::npos) << origin.why_not;
}

// An import of the modules' records only (here a monitoring file) changes no
// statistic: the saved snapshot is moved to the journal's head, its bytes
// untouched, and a fresh process starts from it with no tail to read.
TEST_P(StatsSaved, AnImportOfModuleRecordsOnlyMovesTheSnapshotWithoutRewritingIt) {
  save();
  const std::string blob = saved_blob();
  const int64_t saved_at = fresh()->journal_position();
  import_text(*fresh(),
              R"({"kind":"admin_judgment","id":"HN-HC-SNAP-1","seq":1,"type":"received","date":"2026-09-01",)"
              R"("agency":"HN","judgment":{"number":"4/2026/HC-ST","court":"Tòa án nhân dân thành phố Hà Nội",)"
              R"("date":"2026-06-10","effective_date":"2026-07-20"},"ruling":"annul_decision",)"
              R"("debtor":{"name":"Ủy ban nhân dân phường Ba Đình","level":"commune"},)"
              R"("creditor":{"name":"Trần Văn Bình"},"obligation":"Hủy Quyết định số 9/QĐ-UBND"})" "\n");
  const int64_t head = fresh()->journal_position();
  ASSERT_GT(head, saved_at);
  ASSERT_TRUE(StatsSnapshot::advance_saved(*fresh()));
  EXPECT_EQ(saved_blob(), blob);  // not rewritten
  SnapshotOrigin origin;
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(origin.saved_pos, head);
  EXPECT_EQ(got, from_tables());
  EXPECT_EQ(StatsSnapshot::load_saved(*fresh())->position(), head);
  // Nothing written since: it reflects the head already, and stays as it is.
  EXPECT_TRUE(StatsSnapshot::advance_saved(*fresh()));
  EXPECT_EQ(saved_blob(), blob);
  EXPECT_EQ(saved_snapshot_header(fresh()->db(), StatsSnapshot::kSavedName)->pos, head);
}

// A case event since the snapshot changes the statistics: the snapshot is
// not moved over it (the next reader reads the tail), and its answers stay right.
TEST_P(StatsSaved, AnEventSinceTheSnapshotIsNeverSkipped) {
  save();
  const int64_t saved_at = fresh()->journal_position();
  import_text(*fresh(), second_);
  EXPECT_FALSE(StatsSnapshot::advance_saved(*fresh()));
  SnapshotOrigin origin;
  const std::string got = from_saved(origin);
  EXPECT_TRUE(origin.saved) << origin.why_not;
  EXPECT_EQ(origin.saved_pos, saved_at);
  EXPECT_EQ(got, from_tables());
}

// A snapshot moved back (its row before the position its bytes were made
// at) would answer figures from the future of its position: not trusted.
TEST_P(StatsSaved, APositionMovedBackIsNotTrusted) {
  const int64_t early = fresh()->journal_position();
  std::string early_hash;
  {
    auto s = fresh();
    early_hash = s->db().one("SELECT hash FROM journal WHERE pos = ?", {early})->s(0);
  }
  import_text(*fresh(), second_);
  save();
  sql("UPDATE read_model_snapshots SET pos = ?, chain_hash = ?", {early, early_hash});
  expect_rejected("content");
}

// move_snapshot refuses what would not be a move forward over a saved
// snapshot: another position than the saved one, backward, past the head.
TEST_P(StatsSaved, MoveSnapshotRefusesWhatIsNotAMoveForward) {
  save();
  const int64_t at = fresh()->journal_position();
  import_text(*fresh(), second_);
  const int64_t head = fresh()->journal_position();
  auto s = fresh();
  EXPECT_FALSE(move_snapshot(s->db(), StatsSnapshot::kSavedName, at - 1, head));  // not where it is saved
  EXPECT_FALSE(move_snapshot(s->db(), StatsSnapshot::kSavedName, at, at));        // not forward
  EXPECT_FALSE(move_snapshot(s->db(), StatsSnapshot::kSavedName, at, head + 5));  // past the head
  EXPECT_FALSE(move_snapshot(s->db(), "none-such", at, head));
  const auto h = saved_snapshot_header(s->db(), StatsSnapshot::kSavedName);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->pos, at);
  EXPECT_EQ(h->format, StatsSnapshot::kFormat);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsSaved, ::testing::Values("sqlite", "postgres"));

// The decoder, on bytes that are not a snapshot: every cut and many flipped
// bytes give nullopt or a snapshot that answers, never a crash (the
// sanitizer build checks that no byte outside is read).
TEST(StatsSnapshotDecode, RefusesCutOrAlteredBytesWithoutCrashing) {
  std::ostringstream out;
  generate_demo(out, DemoOptions{150, 3, kToday});
  auto s = Store::open(testing::temp_dir() + "/decode.db");
  import_text(*s, out.str());
  const StatsSnapshot snap = StatsSnapshot::load(*s);
  const std::string bytes = snap.encode();
  const auto back = StatsSnapshot::decode(bytes, snap.tree());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->encode(), bytes);
  EXPECT_FALSE(StatsSnapshot::decode(bytes, AgencyTree{}).has_value());  // other agencies
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 16)
    EXPECT_FALSE(StatsSnapshot::decode(std::string_view(bytes).substr(0, n), snap.tree()).has_value()) << n;
  EXPECT_FALSE(StatsSnapshot::decode(bytes + "x", snap.tree()).has_value());
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string b = bytes;
    const size_t at = rng() % b.size();
    b[at] = static_cast<char>(rng());
    if (auto d = StatsSnapshot::decode(b, snap.tree())) {
      (void)d->compute_both(ReportQuery{Form::cases, Period{Date::from_ymd(2025, 10, 1), Date::from_ymd(2026, 9, 30)},
                                        "", "flag", std::nullopt});
      (void)d->current("", kToday);
    }
  }
}

}  // namespace
}  // namespace thads
