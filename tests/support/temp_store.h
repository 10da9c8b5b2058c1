// Test helpers: a fresh store on SQLite (temp file) or on the PostgreSQL test
// server named by THADS_TEST_PG (a new database per call).
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include "store/db.h"  // tests may run SQL (here: create a database)
#include "store/store.h"

namespace thads::testing {

inline std::string temp_dir() {
  static std::atomic<int> n{0};
  auto p = std::filesystem::temp_directory_path() /
           ("thads-test-" + std::to_string(getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

inline std::string pg_url() {
  const char* u = std::getenv("THADS_TEST_PG");
  return u ? u : "";
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
