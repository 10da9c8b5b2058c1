// The tamper suite of the audit chain (issue 12, docs/security/audit-chain.md),
// on both stores: someone who can write the database but holds neither the
// chain key nor the signing key edits, deletes, reorders, truncates,
// recomputes or replaces the chain, or swaps the key. Each is detected by
// verify_audit (or, for a wholesale replacement under a new store id, by a
// checkpoint published before).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "../support/backends.h"
#include "../support/builders.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "store/audit_chain.h"
#include "store/audit_keys.h"

namespace thads {
namespace {

using testing::ev_line;
using testing::opened_line;

class AuditTamper : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    keys_ = testing::temp_dir() + "/keys";
    ::setenv("THADS_KEYS", keys_.c_str(), 1);
    location_ = testing::fresh_location(GetParam());
    store_ = Store::open(location_);
    ASSERT_TRUE(import(testing::agency_lines() + opened_line("A", "2024-11-02", "HN", 5000000) + "\n" +
                       ev_line("A", 2, "collected", "2025-01-03", R"("amount":40,"method":"voluntary")") + "\n" +
                       ev_line("A", 3, "notified", "2025-01-04") + "\n" + opened_line("B", "2024-11-05", "HN", 700) +
                       "\n"));
    ASSERT_TRUE(import(ev_line("B", 2, "notified", "2025-01-06") + "\n"));
    const AuditResult r = store_->verify_audit();
    ASSERT_TRUE(r.ok) << r.problem;
    ASSERT_EQ(r.keyed_from, 1);
    ASSERT_EQ(r.checkpoints, 2);  // one per import
    last_ = store_->journal_size();
  }
  void TearDown() override { ::unsetenv("THADS_KEYS"); }

  bool import(const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = 1'760'000'000;
    return import_jsonl(*store_, in, o).ok();
  }
  Db& db() { return store_->db(); }
  std::string hash_at(int64_t pos) { return db().one("SELECT hash FROM journal WHERE pos = ?", {pos})->s(0); }
  // What an attacker without the key can do after a change: recompute every
  // hash from `from` on (with `key`, empty meaning the unkeyed hash) and the
  // chain head.
  void recompute(int64_t from, const std::string& key = "") {
    std::string prev = from == 1 ? genesis_hash() : hash_at(from - 1);
    std::vector<JournalEntry> rows;
    store_->for_each_entry([&](const JournalEntry& e) {
      if (e.pos >= from) rows.push_back(e);
    });
    int64_t last = from - 1;
    for (const JournalEntry& e : rows) {
      prev = chain_hash(prev, e.kind, e.stream, e.seq, e.recorded_at, e.actor, e.body, key);
      db().run("UPDATE journal SET hash = ? WHERE pos = ?", {prev, e.pos});
      last = e.pos;
    }
    db().run("UPDATE meta SET value = ? WHERE key = 'chain_head'", {std::to_string(last) + " " + prev});
  }
  void expect_broken(const std::string& what) {
    const AuditResult r = store_->verify_audit();
    EXPECT_FALSE(r.ok) << what;
    if (!r.ok) {
      EXPECT_FALSE(r.problem.empty());
    }
  }

  std::string keys_, location_;
  std::unique_ptr<Store> store_;
  int64_t last_ = 0;
};

TEST_P(AuditTamper, AnEditedRowIsFound) {
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE kind = 'event' AND stream = 'A' AND seq = 2", {});
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->stream, "A");
  EXPECT_EQ(r.first_bad->seq, 2);
}

TEST_P(AuditTamper, AnEditRecomputedWithoutTheKeyIsFound) {
  const int64_t pos = db().one("SELECT pos FROM journal WHERE stream = 'A' AND seq = 2")->i(0);
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE pos = ?", {pos});
  recompute(pos);
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->pos, pos);
}

TEST_P(AuditTamper, ADeletedRowIsFound) {
  db().run("DELETE FROM journal WHERE pos = 3", {});
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("entry 3 is missing"), std::string::npos) << r.problem;
}

TEST_P(AuditTamper, ADeletionRenumberedAndRecomputedIsFound) {
  db().run("DELETE FROM journal WHERE pos = 3", {});
  db().run("UPDATE journal SET pos = pos - 1 WHERE pos > 3", {});
  recompute(3);
  expect_broken("delete, renumber, recompute");
}

TEST_P(AuditTamper, ReorderedRowsAreFound) {
  db().run("UPDATE journal SET pos = -1 WHERE pos = 3", {});
  db().run("UPDATE journal SET pos = 3 WHERE pos = 4", {});
  db().run("UPDATE journal SET pos = 4 WHERE pos = -1", {});
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->pos, 3);
}

TEST_P(AuditTamper, ATruncatedTailIsFoundEvenWithTheHeadAndCheckpointsMoved) {
  db().run("DELETE FROM journal WHERE pos = ?", {last_});
  expect_broken("tail cut");
  // The head moved back too: the checkpoint of the last import still names the cut entry.
  db().run("UPDATE meta SET value = ? WHERE key = 'chain_head'", {std::to_string(last_ - 1) + " " + hash_at(last_ - 1)});
  expect_broken("tail cut, head moved");
  // And that checkpoint removed: the installation's anchor still names it.
  db().run("DELETE FROM checkpoints WHERE pos = ?", {last_});
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("last checkpoint this installation signed"), std::string::npos) << r.problem;
}

TEST_P(AuditTamper, TheWholeChainReplacedConsistentlyWithoutTheKeyIsFound) {
  // Recomputed under a key of the attacker's own, checkpoints gone.
  db().run("DELETE FROM checkpoints", {});
  recompute(1, std::string(32, 'k'));
  expect_broken("recomputed with another key");
  // Presented as a version-1 store (unkeyed): the installation's anchor
  // still names the store's last checkpoint.
  db().run("DELETE FROM meta WHERE key IN ('keyed_from', 'chain_key_id')", {});
  recompute(1);
  expect_broken("recomputed unkeyed under the same store id");  // the anchor
}

TEST_P(AuditTamper, APublishedCheckpointTellsAReplacedStore) {
  const Checkpoint published = store_->checkpoints().back();
  const std::string pub = audit_keys().sign_public;
  EXPECT_EQ(store_->check_published(published, pub), "");
  db().run("DELETE FROM checkpoints", {});
  db().run("DELETE FROM meta WHERE key IN ('keyed_from', 'chain_key_id')", {});
  db().run("UPDATE meta SET value = 'feedfacefeedfacefeedfacefeedface' WHERE key = 'store_id'", {});
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE stream = 'A' AND seq = 2", {});
  recompute(1);
  // Locally it now looks like an old unkeyed store never checkpointed...
  EXPECT_TRUE(store_->verify_audit().ok);
  // ...but the checkpoint published before does not hold.
  EXPECT_NE(store_->check_published(published, pub), "");
  // A forged "published" checkpoint does not verify either.
  Checkpoint forged = published;
  forged.hash = hash_at(published.pos);
  forged.store_id = store_->store_id();
  EXPECT_NE(store_->check_published(forged, pub), "");
}

TEST_P(AuditTamper, AnAlteredCheckpointIsFound) {
  db().run("UPDATE checkpoints SET signed_at = signed_at + 1", {});
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("signature"), std::string::npos) << r.problem;
}

TEST_P(AuditTamper, AnAlteredVersionMarkIsFound) {
  db().run("UPDATE meta SET value = ? WHERE key = 'keyed_from'", {std::to_string(last_ + 1)});
  expect_broken("keyed_from moved past the end");
}

TEST_P(AuditTamper, AnotherKeyIsFound) {
  const std::string other = testing::temp_dir() + "/other-keys";
  ::setenv("THADS_KEYS", other.c_str(), 1);
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("another key"), std::string::npos) << r.problem;
  // Nor may this installation write to it (its entries would not verify).
  EXPECT_THROW(import(ev_line("B", 3, "notified", "2025-01-07") + "\n"), StoreError);
}

TEST_P(AuditTamper, AStoreOfChainVersionOneStaysReadableAndIsKeyedFromItsNextEntry) {
  // Made into what a store written before version 2 holds: unkeyed hashes,
  // no version mark, no checkpoints.
  db().run("DELETE FROM checkpoints", {});
  db().run("DELETE FROM meta WHERE key IN ('keyed_from', 'chain_key_id', 'store_id')", {});
  recompute(1);
  AuditResult r = store_->verify_audit();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.keyed_from, 0);
  ASSERT_TRUE(import(ev_line("B", 3, "notified", "2025-01-07") + "\n"));
  r = store_->verify_audit();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.keyed_from, last_ + 1);
  EXPECT_EQ(r.checkpoints, 1);
  // The old part is anchored by the checkpoint too: editing it is found.
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE stream = 'A' AND seq = 2", {});
  recompute(1);
  expect_broken("old unkeyed part edited and recomputed");
}

// A server's start (verify_audit_since_verified) reads only the entries
// appended since this installation last verified the chain whole or in part
// (SetUp verified it whole): a break there is found as the whole check finds it.
TEST_P(AuditTamper, AStartReadsOnlyWhatWasAppendedSinceTheLastVerification) {
  ASSERT_TRUE(import(ev_line("A", 4, "notified", "2025-01-07") + "\n"));
  const int64_t now = store_->journal_size();
  ASSERT_GT(now, last_);
  AuditResult r = store_->verify_audit_since_verified();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.from, last_);
  EXPECT_EQ(r.checked, now - last_);
  EXPECT_EQ(r.checkpoints, 3);
  // The next start, nothing appended meanwhile, reads no entry.
  r = store_->verify_audit_since_verified();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.from, now);
  EXPECT_EQ(r.checked, 0);
  // The whole check still reads every entry.
  r = store_->verify_audit();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.from, 0);
  EXPECT_EQ(r.checked, now);
}

TEST_P(AuditTamper, AnEditAppendedSinceTheLastVerificationIsFoundAtStart) {
  ASSERT_TRUE(import(ev_line("A", 4, "notified", "2025-01-07") + "\n"));
  db().run("UPDATE journal SET body = replace(body, '2025-01-07', '2025-01-08') WHERE stream = 'A' AND seq = 4", {});
  const AuditResult r = store_->verify_audit_since_verified();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->stream, "A");
  EXPECT_EQ(r.first_bad->seq, 4);
}

// The last entry verified no longer has the hash remembered (the chain was
// recomputed from an edit before it): the start reads the whole chain again,
// and finds the edit.
TEST_P(AuditTamper, AChangedRememberedEntryMakesTheStartReadTheWholeChain) {
  const int64_t pos = db().one("SELECT pos FROM journal WHERE stream = 'A' AND seq = 2")->i(0);
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE pos = ?", {pos});
  recompute(pos);
  const AuditResult r = store_->verify_audit_since_verified();
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.from, 0);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->pos, pos);
}

// What a start does not look for (its stated contract): an entry verified
// before, edited without touching its hash, is found by the whole check.
TEST_P(AuditTamper, AnEditOfAnEntryVerifiedBeforeIsLeftToTheWholeCheck) {
  db().run("UPDATE journal SET body = replace(body, '40', '4') WHERE kind = 'event' AND stream = 'A' AND seq = 2", {});
  EXPECT_TRUE(store_->verify_audit_since_verified().ok);
  const AuditResult r = store_->verify_audit();
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad);
  EXPECT_EQ(r.first_bad->seq, 2);
}

// The remembered entry is the installation's, outside the store: with
// another key directory nothing is remembered and everything is read.
TEST_P(AuditTamper, WhatWasVerifiedIsRememberedInTheKeyDirectory) {
  const std::string other = testing::temp_dir() + "/keys";
  std::filesystem::copy(keys_, other, std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(other + "/verified");
  ::setenv("THADS_KEYS", other.c_str(), 1);
  const AuditResult r = store_->verify_audit_since_verified();
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.from, 0);
  EXPECT_EQ(r.checked, last_);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTamper, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
