// Bad days below the SQL layer (issue 12): the disk itself fails. A SQLite
// VFS shim (as SQLite's own test_vfs does) sits between the store and the
// operating system and fails the Nth write, sync or truncate — once (a
// transient fault) or from then on (a dead disk: the rollback, the WAL and
// the checkpoint at close fail too) — with an I/O error or a full disk.
// Reads go through xRead (memory mapping is refused) so that read faults
// can be injected the same way.
//
// After each fault: the caller got a StoreError (never a crash or another
// exception); the store, closed and opened again on a healthy disk, holds
// exactly what it held before (its export and every table's rows) or, when
// the fault struck after the commit was durable, exactly what the operation
// wrote — never a part of it; the audit chain verifies; and the operation,
// retried, succeeds.
//
// FaultInjection (fault_injection_test.cc) fails statements through the
// Db interface on both stores; this file is SQLite's own I/O path.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sstream>
#include <vector>

#include "../support/builders.h"
#include "../support/store_state.h"
#include "../support/temp_store.h"
#include "app/import.h"
#include "app/maintenance.h"

namespace thads {
namespace {

// ---- the shim -------------------------------------------------------------

enum class Op { write, read };

struct FaultPlan {
  std::atomic<bool> armed{false};
  Op op = Op::write;
  int64_t fail_at = 0;       // the Nth counted call fails (1-based)
  bool persistent = false;   // and every later one too
  int code = SQLITE_IOERR;   // SQLITE_IOERR or SQLITE_FULL
  std::atomic<int64_t> calls{0};
  std::atomic<int64_t> fired{0};

  void arm(Op o, int64_t n, bool keep_failing, int c) {
    op = o, fail_at = n, persistent = keep_failing, code = c;
    calls = 0, fired = 0;
    armed = true;
  }
  void disarm() { armed = false; }
  // Counts a call of kind `o`; true when it must fail.
  bool hit(Op o) {
    if (!armed || o != op) return false;
    const int64_t n = ++calls;
    if (n == fail_at || (persistent && n > fail_at)) {
      ++fired;
      return true;
    }
    return false;
  }
};

FaultPlan g_plan;
sqlite3_vfs* g_real = nullptr;

struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;  // follows this struct in the same allocation
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }

int shim_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int shim_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  if (g_plan.hit(Op::read)) return SQLITE_IOERR_READ;
  return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}
int shim_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (g_plan.hit(Op::write)) return g_plan.code == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
  return real_of(f)->pMethods->xWrite(real_of(f), buf, n, off);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (g_plan.hit(Op::write)) return SQLITE_IOERR_TRUNCATE;
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int shim_sync(sqlite3_file* f, int flags) {
  if (g_plan.hit(Op::write)) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int shim_lock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
int shim_unlock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
int shim_check_reserved(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int shim_file_control(sqlite3_file* f, int op, void* arg) {
  // No memory mapping: every page is read through xRead.
  if (op == SQLITE_FCNTL_MMAP_SIZE) {
    *static_cast<sqlite3_int64*>(arg) = 0;
    return SQLITE_OK;
  }
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int shim_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int shim_device_characteristics(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int shim_shm_unmap(sqlite3_file* f, int del) { return real_of(f)->pMethods->xShmUnmap(real_of(f), del); }
int shim_fetch(sqlite3_file*, sqlite3_int64, int, void** pp) {
  *pp = nullptr;  // read through xRead instead
  return SQLITE_OK;
}
int shim_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kShimMethods = {
    3,           shim_close,         shim_read,        shim_write,         shim_truncate,
    shim_sync,   shim_file_size,     shim_lock,        shim_unlock,        shim_check_reserved,
    shim_file_control, shim_sector_size, shim_device_characteristics, shim_shm_map, shim_shm_lock,
    shim_shm_barrier,  shim_shm_unmap,   shim_fetch,       shim_unfetch,
};

int shim_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  auto* s = reinterpret_cast<ShimFile*>(f);
  s->real = reinterpret_cast<sqlite3_file*>(s + 1);
  s->base.pMethods = nullptr;
  const int rc = g_real->xOpen(g_real, name, s->real, flags, out_flags);
  if (s->real->pMethods) s->base.pMethods = &kShimMethods;
  return rc;
}
int shim_delete(sqlite3_vfs*, const char* name, int sync_dir) { return g_real->xDelete(g_real, name, sync_dir); }
int shim_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g_real->xAccess(g_real, name, flags, out); }
int shim_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* shim_dl_open(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void shim_dl_error(sqlite3_vfs*, int n, char* out) { g_real->xDlError(g_real, n, out); }
void (*shim_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) { return g_real->xDlSym(g_real, h, sym); }
void shim_dl_close(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int shim_randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int shim_sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int shim_current_time(sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); }
int shim_last_error(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int shim_current_time64(sqlite3_vfs*, sqlite3_int64* out) { return g_real->xCurrentTimeInt64(g_real, out); }

sqlite3_vfs g_shim = {};

// Makes the shim the default VFS for the lifetime of the object, so that the
// store opens its file through it with no change to the product.
class ShimScope {
 public:
  ShimScope() {
    g_real = sqlite3_vfs_find(nullptr);
    g_shim.iVersion = 2;
    g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
    g_shim.mxPathname = g_real->mxPathname;
    g_shim.zName = "thads-io-faults";
    g_shim.xOpen = shim_open;
    g_shim.xDelete = shim_delete;
    g_shim.xAccess = shim_access;
    g_shim.xFullPathname = shim_full_pathname;
    g_shim.xDlOpen = shim_dl_open;
    g_shim.xDlError = shim_dl_error;
    g_shim.xDlSym = shim_dl_sym;
    g_shim.xDlClose = shim_dl_close;
    g_shim.xRandomness = shim_randomness;
    g_shim.xSleep = shim_sleep;
    g_shim.xCurrentTime = shim_current_time;
    g_shim.xGetLastError = shim_last_error;
    g_shim.xCurrentTimeInt64 = shim_current_time64;
    sqlite3_vfs_register(&g_shim, 1);
  }
  ~ShimScope() {
    g_plan.disarm();
    sqlite3_vfs_unregister(&g_shim);
    sqlite3_vfs_register(g_real, 1);
  }
};

// ---- the trials -----------------------------------------------------------

constexpr int64_t kNow = 1'760'000'000;

std::string seed_text() {
  std::string s = testing::agency_lines();
  for (int i = 0; i < 5; ++i) s += testing::opened_line("S" + std::to_string(i), "2025-01-02", "HN", 1000 + i) + "\n";
  return s;
}

// Ten new cases, each with a second event: enough pages to spread over
// several writes, a WAL frame per page, and the read models.
std::string batch_text() {
  std::string s;
  for (int i = 0; i < 10; ++i) {
    const std::string id = "B" + std::to_string(i);
    s += testing::opened_line(id, "2025-01-02", "HN", 2'000'000 + i) + "\n";
    s += testing::ev_line(id, 2, "notified", "2025-01-03") + "\n";
  }
  return s;
}

ImportResult import_text(Store& s, const std::string& text) {
  std::istringstream in(text);
  ImportOptions o;
  o.now_unix = kNow;
  return import_jsonl(s, in, o);
}

struct Trial {
  Op op;
  bool persistent;
  int code;
  const char* name;
};

class IoFaults : public ::testing::Test {
 protected:
  ShimScope shim_;
  std::string dir_ = testing::temp_dir();

  // The state of the store at `path`, opened on a healthy disk, its audit
  // chain verified. Each trial starts from a store of its own, so what only
  // tells two stores apart is left out: the store id and the checkpoints'
  // signatures and signing times (each checkpoint's position, chain hash
  // and version mark are kept, and verify_audit() checks the signatures).
  static std::string state_at(const std::string& path) {
    g_plan.disarm();
    auto s = Store::open(path);
    const AuditResult a = s->verify_audit();
    EXPECT_TRUE(a.ok) << path << ": " << a.problem;
    std::istringstream in(testing::store_state(*s));
    std::string out, line, table;
    while (std::getline(in, line)) {
      if (line.rfind("## ", 0) == 0) table = line;
      if (table == "## meta" && line.rfind("'store_id|", 0) == 0) continue;
      if (table == "## checkpoints" && line.rfind("## ", 0) != 0) {
        size_t cut = 0;
        for (int bar = 0; bar < 3 && cut != std::string::npos; ++bar) cut = line.find('|', cut + (bar ? 1 : 0));
        if (cut != std::string::npos) line.resize(cut + 1);
      }
      out += line + '\n';
    }
    return out;
  }

  // Runs `op` on a store at `path` with the fault armed at call n, then
  // closes the store (still faulting: a dead disk fails the close's
  // checkpoint too). Returns "ok", "store_error" or "other: …".
  static std::string run_faulted(const std::string& path, const Trial& t, int64_t n,
                                 const std::function<void(Store&)>& op) {
    std::string got = "ok";
    {
      auto s = Store::open(path);
      g_plan.arm(t.op, n, t.persistent, t.code);
      try {
        op(*s);
      } catch (const StoreError&) {
        got = "store_error";
      } catch (const std::exception& e) {
        got = std::string("other: ") + e.what();
      }
    }  // closed with the fault still armed
    g_plan.disarm();
    return got;
  }

  // How many calls of kind `o` the operation and the close make, on a
  // fresh store (the plan counts without ever failing).
  int64_t calls_of(Op o, const std::function<void(Store&)>& op, const std::string& path) {
    run_faulted(path, {o, false, SQLITE_IOERR, "count"}, int64_t{1} << 62, op);
    return g_plan.calls;
  }

  // The calls to fail: each of the first 24, then about 12 more spread over
  // the rest, the last call among them (the suite stays within seconds).
  static std::vector<int64_t> sample(int64_t count) {
    std::vector<int64_t> out;
    for (int64_t n = 1; n <= std::min<int64_t>(count, 24); ++n) out.push_back(n);
    if (count > 24) {
      const int64_t step = std::max<int64_t>(1, (count - 24) / 12);
      for (int64_t n = 24 + step; n < count; n += step) out.push_back(n);
      out.push_back(count);
    }
    return out;
  }

  static void remove_store(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
  }

  // Each trial's faults in turn, at each sampled call of its kind. `prepare`
  // makes the store a trial starts from (closed); the trial must end in the
  // state `before` (with an error reported) or `after`, never another.
  void sweep(const std::string& what, const std::function<void(const std::string&)>& prepare,
             const std::function<void(Store&)>& op) {
    const Trial trials[] = {
        {Op::write, false, SQLITE_IOERR, "transient I/O error on write/sync/truncate"},
        {Op::write, true, SQLITE_IOERR, "dead disk from write N on"},
        {Op::write, true, SQLITE_FULL, "disk full from write N on"},
        {Op::read, false, SQLITE_IOERR, "transient read error"},
        {Op::read, true, SQLITE_IOERR, "unreadable disk from read N on"},
    };
    const std::string base = dir_ + "/base.db";
    prepare(base);
    const std::string before = state_at(base);
    {
      auto s = Store::open(base);
      op(*s);
    }
    const std::string after = state_at(base);
    remove_store(base);

    int file = 0;
    for (const Trial& t : trials) {
      const std::string counted = dir_ + "/count.db";
      prepare(counted);
      const int64_t count = calls_of(t.op, op, counted);
      remove_store(counted);
      ASSERT_GT(count, 0) << what << ", " << t.name;
      int64_t fired = 0, errors = 0, trials = 0, rolled_back = 0;
      for (const int64_t n : sample(count)) {
        const std::string path = dir_ + "/t" + std::to_string(file++) + ".db";
        prepare(path);
        const std::string got = run_faulted(path, t, n, op);
        fired += g_plan.fired > 0;
        ASSERT_EQ(got.rfind("other", 0), std::string::npos) << what << ", " << t.name << " at call " << n << ": " << got;
        const std::string where = what + ", " + t.name + " at call " + std::to_string(n) + "/" + std::to_string(count);
        const std::string now = state_at(path);
        if (now == before) {
          // (A rebuild leaves the same rows: then success looks the same.)
          if (before != after) {
            ASSERT_EQ(got, "store_error") << where << ": nothing was written, yet no error was reported";
          }
        } else {
          ASSERT_TRUE(now == after) << where << " (" << got << ") left a partial store: "
                                    << testing::first_difference(after, now);
        }
        errors += got == "store_error";
        rolled_back += now == before;
        ++trials;
        // Retried on a healthy disk, the operation completes.
        if (got == "store_error") {
          auto s = Store::open(path);
          op(*s);
        }
        ASSERT_TRUE(state_at(path) == after) << where << ": the retry";
        remove_store(path);
      }
      std::printf("%s, %s: %lld calls, %lld trials, %lld faults fired, %lld errors, %lld left as before\n",
                  what.c_str(), t.name, static_cast<long long>(count), static_cast<long long>(trials),
                  static_cast<long long>(fired), static_cast<long long>(errors), static_cast<long long>(rolled_back));
      EXPECT_GT(fired, 0) << what << ", " << t.name << ": no fault ever fired";
      EXPECT_GT(errors, 0) << what << ", " << t.name << ": no fault was ever reported";
    }
  }
};

TEST_F(IoFaults, AnImportOnAFailingDiskIsAllOrNothing) {
  sweep(
      "import",
      [](const std::string& path) {
        auto s = Store::open(path);
        ASSERT_TRUE(import_text(*s, seed_text()).ok());
      },
      [](Store& s) {
        const ImportResult r = import_text(s, batch_text());
        if (!r.ok()) throw std::runtime_error("refused: " + r.refusals.front().refusal.message);
      });
}

// `rebuild` rewrites every read model from the journal; on a failing disk
// the read models stay as they were (the journal never changes).
TEST_F(IoFaults, ARebuildOnAFailingDiskLeavesTheReadModelsWhole) {
  sweep(
      "rebuild",
      [](const std::string& path) {
        auto s = Store::open(path);
        ASSERT_TRUE(import_text(*s, seed_text() + batch_text()).ok());
      },
      [](Store& s) { rebuild(s); });
}

}  // namespace
}  // namespace thads
