// A PostgreSQL connection lost at COMMIT (issue 12 item 3,
// docs/security/faults.md "A commit whose answer is lost"): the client
// cannot tell from the dead connection whether the server committed. The
// adapter asks the server on a new connection (pg_xact_status of the
// write transaction's id): a commit that happened is a success, one that
// did not is a StoreError, and nothing is written twice or half. The cut is
// made by a proxy between the store and the test server
// (tests/support/pg_cut_proxy.h), before the COMMIT reaches the server or
// after the server committed and before its answer comes back.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/backends.h"
#include "../support/pg_cut_proxy.h"
#include "../support/store_state.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "store/db.h"
#include "store/store.h"

namespace thads {
namespace {

using testing::PgCutProxy;

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
)";

std::string opened(const std::string& id) {
  return R"({"kind":"event","case":")" + id +
         R"(","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1","court":"T","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person"},"creditor":{"name":"C","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}]})"
         "\n";
}

ImportResult import(Store& store, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = 1767225600;  // 2026-01-01
  return import_jsonl(store, in, o);
}

size_t occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::string exported(Store& store) {
  std::ostringstream out;
  export_jsonl(store, out);
  return out.str();
}

// A fresh database on the test server, reached directly and through a
// proxy that cuts connections at COMMIT.
class PgCommitOutcome : public ::testing::Test {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(std::string("postgres"));
    direct = testing::fresh_location("postgres");
    // postgresql://USER@HOST:PORT/NAME
    const size_t scheme = direct.find("://") + 3;
    const size_t at = direct.find('@', scheme);
    const size_t host_at = at == std::string::npos ? scheme : at + 1;
    const size_t colon = direct.find(':', host_at);
    const size_t slash = direct.rfind('/');
    ASSERT_TRUE(colon != std::string::npos && colon < slash) << direct;
    const std::string host = direct.substr(host_at, colon - host_at);
    const int port = std::stoi(direct.substr(colon + 1, slash - colon - 1));
    proxy = std::make_unique<PgCutProxy>(host == "localhost" ? "127.0.0.1" : host, port);
    via = direct.substr(0, host_at) + "127.0.0.1:" + std::to_string(proxy->port()) + direct.substr(slash) +
          "?sslmode=disable&gssencmode=disable";
  }
  std::string direct, via;
  std::unique_ptr<PgCutProxy> proxy;
};

int64_t count(Db& db) { return db.one("SELECT COUNT(*) FROM t")->i(0); }

// One write transaction that inserts `v` into t and commits.
void insert(Db& db, int v) {
  db.begin_write();
  db.exec("INSERT INTO t VALUES (" + std::to_string(v) + ")");
  db.commit();
}

TEST_F(PgCommitOutcome, TheAdapterLearnsWhatBecameOfACommitWhoseConnectionWasCut) {
  auto check = open_postgres(direct);
  check->exec("CREATE TABLE t (v integer)");
  auto db = open_postgres(via);

  // Committed, answer lost: a success, once; the connection works after.
  proxy->arm(PgCutProxy::Cut::after_commit);
  EXPECT_NO_THROW(insert(*db, 1));
  EXPECT_EQ(proxy->cuts(), 1);
  EXPECT_EQ(count(*check), 1);
  insert(*db, 2);
  EXPECT_EQ(count(*check), 2);

  // Never reached the server: a StoreError that says so, nothing written.
  proxy->arm(PgCutProxy::Cut::before_commit);
  try {
    insert(*db, 3);
    ADD_FAILURE() << "a COMMIT that never reached the server was reported as done";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("did not commit"), std::string::npos) << e.what();
  }
  EXPECT_EQ(proxy->cuts(), 2);
  EXPECT_EQ(count(*check), 2);
  // The next transaction opens a new connection and succeeds.
  insert(*db, 3);
  EXPECT_EQ(count(*check), 3);

  // A read transaction is not resolved (it wrote nothing) and never cut.
  proxy->arm(PgCutProxy::Cut::after_commit);
  db->begin_read();
  EXPECT_EQ(count(*db), 3);
  db->commit();
  EXPECT_EQ(proxy->cuts(), 2);
}

TEST_F(PgCommitOutcome, AnImportWhoseCommitAnswerIsLostIsStoredOnceAndReportedDone) {
  auto store = Store::open(via);
  ASSERT_TRUE(import(*store, kSeed).ok());

  proxy->arm(PgCutProxy::Cut::after_commit);
  ImportResult r = import(*store, opened("HN-2"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.events_added, 1);
  EXPECT_EQ(proxy->cuts(), 1);
  auto check = Store::open(direct);
  EXPECT_EQ(occurrences(exported(*check), R"("case":"HN-2")"), 1u);
  EXPECT_TRUE(check->verify_audit().ok);
  // The retry a cautious user makes changes nothing.
  r = import(*store, opened("HN-2"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.events_added, 0);
  EXPECT_EQ(r.duplicates, 1);

  // Cut before the server committed: the import fails with a StoreError
  // and the store is exactly as before; the retry then stores it.
  const std::string before = testing::store_state(*check);
  proxy->arm(PgCutProxy::Cut::before_commit);
  EXPECT_THROW(import(*store, opened("HN-3")), StoreError);
  EXPECT_EQ(proxy->cuts(), 2);
  EXPECT_EQ(testing::store_state(*check), before);
  r = import(*store, opened("HN-3"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.events_added, 1);
  EXPECT_EQ(occurrences(exported(*check), R"("case":"HN-3")"), 1u);
  EXPECT_TRUE(check->verify_audit().ok);
}

}  // namespace
}  // namespace thads
