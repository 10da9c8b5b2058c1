// The settings applied are in the audit chain (issue 12 item 4,
// docs/settings.md "In the audit chain", app/settings_journal.h): a process
// that applies settings different from those last recorded appends one
// `settings` journal entry (the first time, after a change, back to the
// defaults), identical settings append nothing; the entry is hash-chained
// like any other (an edit is found by verify-audit), and it changes no read
// model: the export is unchanged and the server does not reload its
// statistics for it. On both stores, and through the `thads` command.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/run_command.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/settings.h"
#include "app/settings_journal.h"
#include "store/db.h"

namespace thads {
namespace {

using testing::output_of;

LegalSettings settings_of(const std::string& json) {
  std::string why;
  auto s = LegalSettings::from_json(json, &why);
  EXPECT_TRUE(s) << why;
  return s.value_or(LegalSettings::defaults());
}

class SettingsJournal : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    ::setenv("THADS_KEYS", (testing::temp_dir() + "/keys").c_str(), 1);
    store_ = Store::open(testing::fresh_location(GetParam()));
    std::istringstream in(testing::agency_lines() + testing::opened_line("S1", "2025-01-02", "HN", 5'000'000) + "\n");
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    ASSERT_TRUE(import_jsonl(*store_, in, o).ok());
  }
  void TearDown() override {
    use_legal_settings(LegalSettings::defaults());
    note_settings_file("");
    ::unsetenv("THADS_KEYS");
  }
  bool apply(const std::string& json, const std::string& file) {
    use_legal_settings(settings_of(json));
    note_settings_file(file);
    return record_settings_in_force(*store_, "system:test", "serve", ++now_);
  }
  size_t entries() { return store_->stream_entries("settings", "settings").size(); }
  std::string exported() {
    std::ostringstream out;
    export_jsonl(*store_, out);
    return out.str();
  }

  std::unique_ptr<Store> store_;
  int64_t now_ = 1'760'000'100;
};

TEST_P(SettingsJournal, EachChangeIsOneEntryAndTheSameSettingsNone) {
  const std::string before = exported();
  const int64_t pos = store_->journal_position();
  EXPECT_TRUE(apply(R"({"notify_wd_2025": 5})", "/etc/thads/a.json")) << "the first settings are recorded";
  EXPECT_TRUE(apply(R"({"notify_wd_2025": 7})", "/etc/thads/b.json"));
  EXPECT_FALSE(apply(R"({"notify_wd_2025": 7})", "/etc/thads/b.json"));
  EXPECT_FALSE(apply(R"({"notify_wd_2025": 7})", "/etc/thads/b-copy.json")) << "the same values from another file";
  EXPECT_EQ(entries(), 2u);
  EXPECT_TRUE(apply("{}", "")) << "back to the defaults";
  EXPECT_FALSE(apply("{}", ""));
  EXPECT_EQ(entries(), 3u);

  const AuditResult r = store_->verify_audit();
  EXPECT_TRUE(r.ok) << r.problem;
  // Not interchange data, and no read model changes: no statistics reload.
  EXPECT_EQ(exported(), before);
  const Store::JournalChanges c = store_->changes_since(pos, 100);
  EXPECT_FALSE(c.reference);
  EXPECT_TRUE(c.cases.empty());

  const std::vector<SettingsRecord> h = settings_history(*store_, 10);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].file, "");  // newest first
  EXPECT_EQ(h[1].file, "/etc/thads/b.json");
  EXPECT_EQ(h[1].settings.value("notify_wd_2025", 0), 7);
  EXPECT_EQ(h[2].settings.value("notify_wd_2025", 0), 5);
  EXPECT_EQ(h[2].actor, "system:test");
  EXPECT_EQ(h[2].command, "serve");
  EXPECT_EQ(h[2].recorded_at, 1'760'000'101);
  EXPECT_TRUE(h[2].settings.contains("oversight")) << "the modules' sections are part of it";
  EXPECT_EQ(settings_changed_from(h[1].settings, settings_defaults()),
            std::vector<std::string>{"notify_wd_2025 = 7"});
  EXPECT_TRUE(settings_changed_from(h[0].settings, settings_defaults()).empty());
}

TEST_P(SettingsJournal, AnEditedSettingsEntryIsFound) {
  ASSERT_TRUE(apply(R"({"notify_wd_2025": 7})", "/etc/thads/b.json"));
  ASSERT_TRUE(store_->verify_audit().ok);
  store_->db().run("UPDATE journal SET body = replace(body, '\"notify_wd_2025\":7', '\"notify_wd_2025\":3') "
                   "WHERE kind = 'settings'",
                   {});
  ASSERT_NE(store_->stream_entries("settings", "settings")[0].body.find("\"notify_wd_2025\":3"), std::string::npos);
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->kind, "settings");
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsJournal, ::testing::Values("sqlite", "postgres"));

// Through the command: settings A, then B, then B again: two entries, and
// the chain verifies; a module's section counts; no file is the defaults.
TEST(SettingsJournalCli, TheCommandRecordsEachChangeOnce) {
  const std::string dir = testing::temp_dir();
  const std::string keys = dir + "/keys";
  ::setenv("THADS_KEYS", keys.c_str(), 1);
  const std::string db = dir + "/s.db", lines = dir + "/seed.jsonl";
  std::ofstream(lines) << testing::agency_lines() << testing::opened_line("S1", "2025-01-02", "HN", 5'000'000) << "\n";
  std::ofstream(dir + "/a.json") << R"({"notify_wd_2025": 5})";
  std::ofstream(dir + "/b.json") << R"({"notify_wd_2025": 7})";
  std::ofstream(dir + "/c.json") << R"({"notify_wd_2025": 7, "oversight": {"remote_extra_days": 31}})";
  const std::string thads = THADS_BINARY;
  auto count = [&] { return Store::open(db)->stream_entries("settings", "settings").size(); };
  int rc = -1;
  std::string out = output_of(thads + " --settings " + dir + "/a.json import --db " + db + " " + lines, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("settings recorded in the audit journal (" + dir + "/a.json)"), std::string::npos) << out;
  EXPECT_EQ(count(), 1u);
  out = output_of(thads + " rebuild --db " + db + " --settings " + dir + "/b.json", &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(count(), 2u);
  out = output_of("THADS_SETTINGS=" + dir + "/b.json " + thads + " rebuild --db " + db, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(out.find("settings recorded"), std::string::npos) << out;
  EXPECT_EQ(count(), 2u) << "the same settings again: nothing appended";
  out = output_of(thads + " verify-audit --db " + db, &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("audit chain intact"), std::string::npos) << out;

  out = output_of(thads + " rebuild --db " + db + " --settings " + dir + "/c.json", &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(count(), 3u) << "a module's section changed";
  const auto last = Store::open(db)->stream_entries("settings", "settings").back();
  EXPECT_NE(last.body.find("\"remote_extra_days\":31"), std::string::npos) << last.body;
  EXPECT_EQ(last.actor.rfind("system:", 0), 0u) << last.actor;
  out = output_of(thads + " rebuild --db " + db, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(count(), 4u) << "back to the defaults";
  out = output_of(thads + " verify-audit --db " + db, &rc);
  EXPECT_EQ(rc, 0) << out;
  ::unsetenv("THADS_KEYS");
}

}  // namespace
}  // namespace thads
