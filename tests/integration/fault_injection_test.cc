// Faults injected on both stores (issue 12 item 3, docs/security/faults.md):
// each write the system has — an import, the case commands (an act, an
// opening through the intake), a module's records (an oversight file, a
// coordination request), the account changes and `rebuild` — is run with
// its store's connection wrapped in a FaultyDb (store/faulty_db.h) that
// fails the Nth statement, or the commit, with a disk full, an I/O error, a
// lost PostgreSQL connection or a serialization failure. After each failure:
// the caller got a StoreError or a refusal (nothing else, no crash); the
// store is as before, byte for byte (the export, and every table's rows);
// the audit chain verifies; and the same operation without the fault then
// succeeds.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../support/backends.h"
#include "../support/record_as.h"
#include "../support/store_state.h"
#include "../support/temp_store.h"
#include "../support/test_users.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "app/user_admin.h"
#include "modules/coordination/app/case_requests.h"
#include "modules/oversight/app/record_act.h"
#include "store/faulty_db.h"

namespace thads {
namespace {

using json = nlohmann::json;

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"officer","id":"HN-CHV-2","name":"Lê Thị Hoa","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2025-01-06","agency":"HN-KV1","mode":"on_request","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND khu vực 1","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person","id_number":"001085012345"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}],"request_date":"2025-01-06"}
{"kind":"event","case":"HN-1","seq":2,"type":"officer_assigned","date":"2025-01-06","officer":"HN-CHV-1"}
)";

constexpr const char* kPassword = "mat-khau-thu-nghiem-1";
constexpr Fault kFaults[] = {Fault::disk_full, Fault::io_error, Fault::connection_lost, Fault::serialization_failure};

using testing::user;  // tests/support/test_users.h

// The refusal code of a use case's answer; "" when it succeeded.
template <class T>
std::string code_of(const std::variant<T, Refusal>& r) {
  if (auto* x = std::get_if<Refusal>(&r)) return x->code;
  return "";
}

class FaultInjection : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    location_ = testing::fresh_location(GetParam());
    // The store's connection is a FaultyDb, unarmed until a sweep arms it.
    scope_ = std::make_unique<DbWrapperScope>([this](std::unique_ptr<Db> db, const std::string& location) {
      auto f = std::make_unique<FaultyDb>(std::move(db), location);
      faulty_ = f.get();
      return std::unique_ptr<Db>(std::move(f));
    });
    store_ = Store::open(location_);
    ensure_account_schema(store_->db());
    std::istringstream in(kSeed);
    ImportOptions o;
    o.now_unix = now_;
    auto r = import_jsonl(*store_, in, o);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
    ASSERT_EQ(code_of(add_user(*store_, {"admin1", "admin", "HN", ""}, kPassword, "setup", now_)), "");
  }
  void TearDown() override {
    store_.reset();
    scope_.reset();
  }

  std::string state() { return testing::store_state(*store_); }

  // Runs the operation: "" when it succeeded, its refusal code, or
  // "store_error" when it threw a StoreError. Anything else thrown fails
  // the test (it would be a 500 with no stable code).
  std::string attempt(const std::function<std::string()>& op) {
    last_error_.clear();
    try {
      return op();
    } catch (const StoreError& e) {
      last_error_ = e.what();
      return "store_error";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a StoreError: " << e.what();
      return "other_exception";
    }
  }

  // One failed attempt: the fault fired, the caller saw an error, nothing
  // changed, the chain verifies.
  void expect_clean_failure(const std::string& name, const std::string& where, const std::string& before,
                            const std::function<std::string()>& op) {
    const std::string got = attempt(op);
    const bool fired = faulty_->fired();
    faulty_->disarm();
    ASSERT_TRUE(fired) << name << ": the fault " << where << " did not fire";
    EXPECT_NE(got, "") << name << ": succeeded despite the fault " << where;
    EXPECT_EQ(got, "store_error") << name << ": a fault " << where << " answered the refusal " << got;
    EXPECT_EQ(last_error_.find("did not fail"), std::string::npos) << name << ": " << last_error_;
    const std::string after = state();
    ASSERT_TRUE(after == before) << name << ": the store changed after the fault " << where << " (" << last_error_
                                 << "): " << testing::first_difference(before, after);
    const AuditResult a = store_->verify_audit();
    ASSERT_TRUE(a.ok) << name << ": the chain is broken after the fault " << where << ": " << a.problem;
    ++trials_;
  }

  // The statements to fail: each of the first 60, then about 20 more spread
  // over the rest (the suite stays fast on both stores).
  static std::vector<int64_t> sample(int64_t count) {
    std::vector<int64_t> out;
    for (int64_t n = 1; n <= std::min<int64_t>(count, 60); ++n) out.push_back(n);
    if (count > 60) {
      const int64_t step = std::max<int64_t>(1, (count - 60) / 20);
      for (int64_t n = 60 + step; n <= count; n += step) out.push_back(n);
      if (out.back() != count) out.push_back(count);
    }
    return out;
  }

  // Drives `op` through every fault: at the commit (each fault), and at
  // each sampled statement (the faults in turn); then without a fault, when
  // it must succeed and change the store.
  void sweep(const std::string& name, const std::function<std::string()>& op) {
    const std::string before = state();
    // A fault at the commit also counts the statements before it.
    int64_t count = 0;
    for (Fault f : kFaults) {
      faulty_->fail_commit(f);
      expect_clean_failure(name, "at the commit (" + std::string(to_string(f)) + ")", before, op);
      if (HasFatalFailure()) return;
      count = faulty_->fired_after();
    }
    ASSERT_GT(count, 0) << name;
    for (const int64_t n : sample(count)) {
      const Fault f = kFaults[static_cast<size_t>(n) % std::size(kFaults)];
      faulty_->fail_statement(n, f);
      expect_clean_failure(name, "at statement " + std::to_string(n) + "/" + std::to_string(count) + " (" +
                                     std::string(to_string(f)) + ")",
                           before, op);
      if (HasFatalFailure()) return;
    }
    // The retry, without a fault.
    faulty_->disarm();
    ASSERT_EQ(attempt(op), "") << name << ": the retry failed: " << last_error_;
    EXPECT_NE(state(), before) << name << ": the retry changed nothing";
    const AuditResult a = store_->verify_audit();
    EXPECT_TRUE(a.ok) << name << ": " << a.problem;
  }

  std::string location_;
  std::unique_ptr<DbWrapperScope> scope_;
  std::unique_ptr<Store> store_;
  FaultyDb* faulty_ = nullptr;
  int64_t now_ = 1767225600;  // 2026-01-01
  std::string last_error_;
  int trials_ = 0;
};

TEST_P(FaultInjection, ImportOfAScenarioFile) {
  std::ifstream f(std::string(THADS_SHARED_DIR) + "/scenarios/corrections/events.jsonl");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string file = ss.str();
  ASSERT_FALSE(file.empty());
  sweep("import", [&] {
    std::istringstream in(file);
    ImportOptions o;
    o.now_unix = now_;
    auto r = import_jsonl(*store_, in, o);
    return r.ok() ? std::string() : r.refusals.front().refusal.code;
  });
}

TEST_P(FaultInjection, CaseActAndIntake) {
  sweep("record an act", [&] {
    return code_of(record_as_head(*store_, "HN-1", 2, {{"type", "notified"}, {"date", "2025-01-08"}}, "head1", now_));
  });
  if (HasFatalFailure()) return;
  // The intake's opening and assignment, in one transaction.
  const AgencyTree tree = load_agency_tree(*store_);
  const Access access(tree);
  const Actor head{"head1", Role::head, "HN-KV1", ""};
  sweep("open a case (intake)", [&] {
    const json opened{{"type", "case_opened"},
                      {"date", "2025-02-03"},
                      {"agency", "HN-KV1"},
                      {"mode", "proactive"},
                      {"judgment_kind", "civil"},
                      {"judgment", {{"number", "2/2025/DS-ST"}, {"court", "TAND khu vực 1"}, {"date", "2024-12-01"}, {"effective_date", "2025-01-01"}}},
                      {"debtor", {{"name", "Trần Văn Minh"}, {"kind", "person"}}},
                      {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
                      {"obligations", json::array({{{"category", "court_fee"}, {"amount", 3000000}}})}};
    const json assigned{{"type", "officer_assigned"}, {"date", "2025-02-03"}, {"officer", "HN-CHV-2"}};
    return code_of(record_events(*store_, CaseActor{access, head}, "HN-2", 0, {opened, assigned}, now_));
  });
}

TEST_P(FaultInjection, ModuleRecords) {
  const User clerk = user("clerk1", Role::clerk, "HN-KV1");
  sweep("oversight: register an administrative judgment", [&] {
    const json received{{"type", "received"},
                        {"date", "2025-04-07"},
                        {"agency", "HN-KV1"},
                        {"judgment", {{"number", "4/2025/HC-ST"}, {"court", "TAND TP Hà Nội"}, {"date", "2025-02-10"}, {"effective_date", "2025-03-20"}}},
                        {"ruling", "annul_decision"},
                        {"debtor", {{"name", "UBND phường A"}, {"level", "commune"}}},
                        {"creditor", {{"name", "Trần Thị Lan"}}},
                        {"obligation", "Hủy Quyết định số 215/QĐ-UBND"}};
    return code_of(oversight::open_stream(*store_, clerk, oversight::StreamKind::admin_judgment, "", received, now_));
  });
  if (HasFatalFailure()) return;
  const User officer = user("officer1", Role::officer, "HN-KV1", "HN-CHV-1");
  sweep("coordination: send a request", [&] {
    const json fields{{"date", "2025-01-10"},
                      {"body", "HN-NH-1"},
                      {"purpose", "freeze_account"},
                      {"subject", {{"name", "Nguyễn Văn Bình"}, {"id_number", "001085012345"}}},
                      {"amount", 30000000}};
    return code_of(coordination::send_request(*store_, officer, "HN-1", fields, now_));
  });
}

TEST_P(FaultInjection, AccountChanges) {
  sweep("create a user", [&] {
    return code_of(add_user(*store_, {"officer1", "officer", "HN-KV1", "HN-CHV-1"}, kPassword, "admin1", now_));
  });
  if (HasFatalFailure()) return;
  sweep("change role and scope", [&] {
    return code_of(edit_user(*store_, "admin1", "officer1", {"officer", "HN-KV1", "HN-CHV-2"}, now_));
  });
  if (HasFatalFailure()) return;
  sweep("reset a password", [&] {
    return code_of(reset_password(*store_, "admin1", "officer1", "mat-khau-moi-dat-lai-2", now_));
  });
}

TEST_P(FaultInjection, Rebuild) {
  // A rebuild that changes nothing leaves the same rows: the sweep's last
  // check (the retry changed the store) does not apply, so the retry is
  // checked here by the result.
  const std::string before = state();
  faulty_->fail_commit(Fault::disk_full);
  expect_clean_failure("rebuild", "at the commit", before, [&] {
    rebuild(*store_);
    return std::string();
  });
  const int64_t count = faulty_->fired_after();
  for (const int64_t n : sample(count)) {
    const Fault f = kFaults[static_cast<size_t>(n) % std::size(kFaults)];
    faulty_->fail_statement(n, f);
    expect_clean_failure("rebuild", "at statement " + std::to_string(n) + " (" + std::string(to_string(f)) + ")",
                         before, [&] {
                           rebuild(*store_);
                           return std::string();
                         });
    if (HasFatalFailure()) return;
  }
  const RebuildResult r = rebuild(*store_);
  EXPECT_GT(r.entries, 0);  // (r.cases is counted only with a progress callback)
  EXPECT_EQ(state(), before);
}

// A lost PostgreSQL connection is opened again before the next statement
// outside a transaction (a pooled store recovers), never inside one: the
// transaction's earlier statements died with the session, so going on would
// commit half of it.
TEST(PgConnectionLost, NotReopenedInsideATransaction) {
  THADS_REQUIRE_BACKEND(std::string("postgres"));
  const std::string location = testing::fresh_location("postgres");
  FaultyDb faulty(open_postgres(location), location);
  Db& db = faulty;
  db.exec("CREATE TABLE t (x integer)");
  db.begin_write();
  db.run("INSERT INTO t VALUES (1)", {});
  faulty.fail_statement(1, Fault::connection_lost);
  EXPECT_THROW(db.run("INSERT INTO t VALUES (2)", {}), StoreError);
  EXPECT_TRUE(faulty.fired());
  EXPECT_THROW(db.run("INSERT INTO t VALUES (3)", {}), StoreError);
  EXPECT_THROW(db.commit(), StoreError);
  db.rollback();
  EXPECT_EQ(db.one("SELECT count(*) FROM t")->i(0), 0);
  db.begin_write();
  db.run("INSERT INTO t VALUES (4)", {});
  db.commit();
  EXPECT_EQ(db.one("SELECT count(*) FROM t")->i(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FaultInjection, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads
