// `thads import` and the statistics snapshot saved in the store
// (docs/storage.md, "Read-model snapshots"): an import of case data saves
// the snapshot brought up to date; an import of the modules' records only
// moves the saved snapshot to the journal's head without rewriting it
// (StatsSnapshot::advance_saved), so the next report reads no tail; the
// search index a server saved is moved the same way (NameIndex::advance_saved).
#include <gtest/gtest.h>

#include <fstream>

#include "../support/run_command.h"
#include "../support/temp_store.h"
#include "app/name_index.h"
#include "app/reports.h"
#include "store/read_model_snapshots.h"
#include "store/store.h"

namespace thads {
namespace {

using testing::output_of;

const std::string kThads = THADS_BINARY;

struct Saved {
  int64_t pos = -1, head = -2;
  std::string blob;
};

Saved saved_in(const std::string& db, const std::string& name = StatsSnapshot::kSavedName) {
  auto s = Store::open(db);
  Snapshot tx(*s);
  Saved out;
  SnapshotRead r = read_snapshot(s->db(), name);
  out.head = s->journal_position();
  tx.commit();
  EXPECT_TRUE(r.ok) << r.why;
  out.pos = r.snapshot.pos;
  out.blob = std::string(r.snapshot.blob);
  return out;
}

TEST(CliImportSnapshot, AnImportOfModuleRecordsOnlyMovesTheSavedStatisticsForward) {
  const std::string dir = testing::temp_dir(), db = dir + "/s.db", cases = dir + "/cases.jsonl",
                    file = dir + "/file.jsonl";
  std::ofstream(cases)
      << R"({"kind":"format","v":1})" "\n"
      << R"({"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":null})" "\n"
      << R"({"kind":"event","case":"HN-A","seq":1,"type":"case_opened","date":"2026-03-02","agency":"HN",)"
         R"("mode":"proactive","judgment_kind":"civil","judgment":{"number":"A/2026/DS-ST","court":"TAND Hà Nội",)"
         R"("date":"2026-01-11","effective_date":"2026-02-10"},"debtor":{"name":"Trần Thị Bình","kind":"person"},)"
         R"("creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":10000000}]})"
         "\n";
  int rc = -1;
  std::string out = output_of(kThads + " import --db " + db + " " + cases, &rc);
  ASSERT_EQ(rc, 0) << out;
  const Saved first = saved_in(db);
  EXPECT_EQ(first.pos, first.head);  // saved at the head after the cases
  {  // the search index, as a server saves it
    auto s = Store::open(db);
    ASSERT_TRUE(NameIndex::load(*s)->save(*s));
  }
  const Saved names = saved_in(db, NameIndex::kSavedName);

  std::ofstream(file)
      << R"({"kind":"format","v":1})" "\n"
      << R"({"kind":"admin_judgment","id":"HN-HC-1","seq":1,"type":"received","date":"2026-09-01","agency":"HN",)"
         R"("judgment":{"number":"4/2026/HC-ST","court":"TAND Hà Nội","date":"2026-06-10",)"
         R"("effective_date":"2026-07-20"},"ruling":"annul_decision",)"
         R"("debtor":{"name":"Ủy ban nhân dân phường Ba Đình","level":"commune"},)"
         R"("creditor":{"name":"Trần Văn Bình"},"obligation":"Hủy Quyết định số 9/QĐ-UBND"})" "\n";
  out = output_of(kThads + " import --db " + db + " " + file, &rc);
  ASSERT_EQ(rc, 0) << out;
  const Saved moved = saved_in(db);
  EXPECT_GT(moved.head, first.head);
  EXPECT_EQ(moved.pos, moved.head);     // reflects the head
  EXPECT_EQ(moved.blob, first.blob);    // not rewritten
  const Saved names_moved = saved_in(db, NameIndex::kSavedName);
  EXPECT_EQ(names_moved.pos, moved.head);
  EXPECT_EQ(names_moved.blob, names.blob);
  out = output_of(kThads + " report cases --db " + db + " --from 2025-10-01 --to 2026-09-30", &rc);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace thads
