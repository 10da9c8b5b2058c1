// A store fault in the middle of an API write (issue 12 item 3,
// docs/security/faults.md): every connection the server opens is a
// FaultyDb (store/faulty_db.h); the write transaction's commit fails with a
// full disk, then with a lost connection (on PostgreSQL the server process
// of the connection is really ended). The client gets the stable JSON error
// (503, code `store_unavailable`, with Retry-After: docs/security/faults.md), the
// store holds nothing of the write, and the same request then succeeds on
// the same server (the pooled PostgreSQL connection is opened again).
// A serialization failure (PostgreSQL 40001, SQLite busy) is not a store
// that is down but a conflict with a concurrent writer: 409
// `conflict_retry` with Retry-After: 1, the page a 409 in Vietnamese, the
// store's export unchanged, and the retry succeeds; wherever in the write
// the database gives up (every statement of it, then the commit).
// Runs on SQLite, and on PostgreSQL under HttpSuites.OnPostgres.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "app/maintenance.h"
#include "http_test_support.h"
#include "store/faulty_db.h"

namespace thads::testing {
namespace {

class HttpStoreFaults : public ::testing::Test {
 protected:
  HttpStoreFaults()
      : scope_([this](std::unique_ptr<Db> db, const std::string& location) {
          // The server's connections only; the test's own (the seed, the
          // checks) are plain.
          if (std::this_thread::get_id() == test_thread_) return db;
          auto f = std::make_unique<FaultyDb>(std::move(db), location);
          std::lock_guard lock(mu_);
          wrapped_.push_back(f.get());
          return std::unique_ptr<Db>(std::move(f));
        }) {}

  // Arms the next write commit of every connection the server opened.
  void fail_next_write_commit(Fault f) {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_) db->fail_commit(f);
  }
  void disarm() {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_) db->disarm();
  }
  // Arms the n-th statement (counted from now) of every server connection.
  void fail_statement(int64_t n, Fault f) {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_) db->fail_statement(n, f);
  }
  bool any_fired() {
    std::lock_guard lock(mu_);
    for (FaultyDb* db : wrapped_)
      if (db->fired()) return true;
    return false;
  }
  std::string export_text() {
    auto store = Store::open(server_.db());
    std::ostringstream out;
    export_jsonl(*store, out);
    return out.str();
  }
  int64_t version_of_hn1() {
    auto store = Store::open(server_.db());
    return store->version_of("HN-1");
  }

  const std::thread::id test_thread_ = std::this_thread::get_id();
  std::mutex mu_;
  std::vector<FaultyDb*> wrapped_;  // owned by the stores, alive until the server stops
  DbWrapperScope scope_;            // before the server: its stores are wrapped
  TestServer server_;
};

TEST_F(HttpStoreFaults, AFailedCommitAnswersAStableErrorAndWritesNothing) {
  Client officer = server_.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const nlohmann::json write{{"expected_version", 3}, {"event", {{"type", "notified"}, {"date", "2024-11-20"}}}};
  for (const Fault f : {Fault::disk_full, Fault::connection_lost}) {
    SCOPED_TRACE(std::string(to_string(f)));
    fail_next_write_commit(f);
    const HttpResponse r = officer.post_json("/api/v1/cases/HN-1/events", write);
    disarm();
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.json()["error"].value("code", ""), "store_unavailable") << r.body;
    EXPECT_EQ(r.header("retry-after"), "5");
    EXPECT_EQ(r.body.find("StoreError"), std::string::npos) << "no internals in the answer: " << r.body;
    EXPECT_EQ(version_of_hn1(), 3) << "half a write";
  }
  const HttpResponse ok = officer.post_json("/api/v1/cases/HN-1/events", write);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(version_of_hn1(), 4);
  auto store = Store::open(server_.db());
  EXPECT_TRUE(store->verify_audit().ok);
}

TEST_F(HttpStoreFaults, ASerializationFailureAtTheCommitIsARetryableConflict) {
  Client officer = server_.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const std::string before = export_text();
  const nlohmann::json write{{"expected_version", 3}, {"event", {{"type", "notified"}, {"date", "2024-11-20"}}}};
  fail_next_write_commit(Fault::serialization_failure);
  const HttpResponse r = officer.post_json("/api/v1/cases/HN-1/events", write);
  disarm();
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"].value("code", ""), "conflict_retry") << r.body;
  EXPECT_EQ(r.json()["error"].value("message_vi", ""),
            "Dữ liệu đang được người khác cập nhật; chưa có gì được ghi, xin thử lại.")
      << r.body;
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_EQ(r.body.find("locked"), std::string::npos) << "no internals in the answer: " << r.body;
  EXPECT_EQ(version_of_hn1(), 3) << "half a write";
  EXPECT_EQ(export_text(), before);
  // The same request, sent again, goes through.
  const HttpResponse ok = officer.post_json("/api/v1/cases/HN-1/events", write);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(version_of_hn1(), 4);
}

TEST_F(HttpStoreFaults, ASerializationFailureAnywhereInAWriteLeavesNothingAndTheRetrySucceeds) {
  Client officer = server_.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const nlohmann::json write{{"expected_version", 3}, {"event", {{"type", "notified"}, {"date", "2024-11-20"}}}};
  const std::string before = export_text();
  int failures = 0;
  for (int64_t n = 1; n < 200; ++n) {
    SCOPED_TRACE("statement " + std::to_string(n));
    fail_statement(n, Fault::serialization_failure);
    const HttpResponse r = officer.post_json("/api/v1/cases/HN-1/events", write);
    const bool fired = any_fired();
    disarm();
    if (!fired) {  // the write has fewer statements than n: it went through whole
      EXPECT_EQ(r.status, 201) << r.body;
      break;
    }
    ++failures;
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json()["error"].value("code", ""), "conflict_retry") << r.body;
    EXPECT_EQ(r.header("retry-after"), "1");
    ASSERT_EQ(export_text(), before) << "half a write";
  }
  EXPECT_GT(failures, 2) << "the write's statements were not reached";
  EXPECT_EQ(version_of_hn1(), 4);
  auto store = Store::open(server_.db());
  EXPECT_TRUE(store->verify_audit().ok);
}

TEST_F(HttpStoreFaults, ThePageAnswersASerializationFailureInVietnamese) {
  Client officer = server_.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  const std::map<std::string, std::string> form{{"type", "collected"}, {"date", "2025-01-15"}, {"amount", "2000000"},
                                                {"method", "voluntary"}, {"expected_version", "3"}};
  fail_next_write_commit(Fault::serialization_failure);
  const HttpResponse r = officer.post_form("/cases/HN-1/events", form);
  disarm();
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("Dữ liệu đang được người khác cập nhật; chưa có gì được ghi, xin thử lại."), std::string::npos)
      << r.body;
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_EQ(version_of_hn1(), 3) << "half a write";
  EXPECT_EQ(officer.post_form("/cases/HN-1/events", form).status, 303);
  EXPECT_EQ(version_of_hn1(), 4);
}

}  // namespace
}  // namespace thads::testing
