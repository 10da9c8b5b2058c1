// Test helpers: a fresh store on SQLite (temp file) or on the PostgreSQL test
// server named by THADS_TEST_PG (a new database per call).
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

#include "store/db.h"  // tests may run SQL (here: create a database)
#include "store/store.h"

namespace thads::testing {

inline std::string pg_url() {
  const char* u = std::getenv("THADS_TEST_PG");
  return u ? u : "";
}

// What the test process made (temp directories, PostgreSQL databases),
// removed when it exits normally, so that runs of the suite do not fill the
// disk. Only the process that made them removes them (a forked child never
// does: it leaves by _exit). THADS_KEEP_TEST_DIRS=1 keeps them, to look at
// a failed test's store.
class TestLeftovers {
 public:
  static TestLeftovers& get() {
    static TestLeftovers l;
    return l;
  }
  void dir(const std::string& d) {
    std::lock_guard<std::mutex> lock(mu_);
    dirs_.push_back(d);
  }
  void database(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    databases_.push_back(name);
  }
  ~TestLeftovers() {
    if (getpid() != owner_) return;
    if (const char* k = std::getenv("THADS_KEEP_TEST_DIRS"); k && *k && std::string(k) != "0") return;
    std::error_code ec;
    for (const std::string& d : dirs_) std::filesystem::remove_all(d, ec);
    if (databases_.empty() || pg_url().empty()) return;
    try {
      auto admin = Store::open(pg_url());
      for (const std::string& name : databases_) admin->db().exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (...) {  // the server may be gone: nothing to clean then
    }
  }

 private:
  TestLeftovers() = default;
  const pid_t owner_ = getpid();
  std::mutex mu_;
  std::vector<std::string> dirs_, databases_;
};

inline std::string temp_dir() {
  static std::atomic<int> n{0};
  auto p = std::filesystem::temp_directory_path() /
           ("thads-test-" + std::to_string(getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  TestLeftovers::get().dir(p.string());
  return p.string();
}

// A new, empty store location for the backend ("sqlite" or "postgres").
inline std::string fresh_location(const std::string& backend) {
  if (backend == "sqlite") return temp_dir() + "/thads.db";
  static std::atomic<int> n{0};
  const std::string base = pg_url();
  const std::string name = "thads_t_" + std::to_string(getpid()) + "_" + std::to_string(n++);
  auto admin = Store::open(base);  // creates the schema in the base db; harmless
  admin->db().exec("DROP DATABASE IF EXISTS " + name);
  admin->db().exec("CREATE DATABASE " + name);
  TestLeftovers::get().database(name);
  return base + "/" + name;
}

inline std::string read_file(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "";
  std::string s;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

}  // namespace thads::testing
