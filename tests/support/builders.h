// Test helpers: build interchange lines and events tersely.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "domain/interchange.h"

namespace thads::testing {

// A recording time later than every date the tests write (2100-01-01), for
// events without recorded_at: an act is never recorded before its date.
inline constexpr int64_t kLateNow = 4102444800;

inline std::string opened_line(const std::string& c, const std::string& date, const std::string& agency,
                               long long amount, const std::string& mode = "proactive",
                               const std::string& extra = "") {
  std::string s = R"({"kind":"event","case":")" + c + R"(","seq":1,"type":"case_opened","date":")" + date +
                  R"(","agency":")" + agency + R"(","mode":")" + mode +
                  R"(","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"TAND","date":"2024-01-02","effective_date":"2024-02-01"},)"
                  R"("debtor":{"name":"Nguyễn Văn Bình","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},)"
                  R"("obligations":[{"category":"court_fee","amount":)" +
                  std::to_string(amount) + "}]";
  if (mode == "on_request") s += R"(,"request_date":")" + date + "\"";
  s += extra + "}";
  return s;
}

inline std::string ev_line(const std::string& c, int seq, const std::string& type, const std::string& date,
                           const std::string& payload = "") {
  return R"({"kind":"event","case":")" + c + R"(","seq":)" + std::to_string(seq) + R"(,"type":")" + type +
         R"(","date":")" + date + "\"" + (payload.empty() ? "" : "," + payload) + "}";
}

// Agency records of the national agency (CQL) and Hà Nội (HN), then any
// further provinces given as (code, name) pairs, one line each.
inline std::string agency_lines(const std::vector<std::pair<std::string, std::string>>& more = {}) {
  std::string s =
      R"({"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null})"
      "\n"
      R"({"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"})"
      "\n";
  for (const auto& [code, name] : more)
    s += R"({"kind":"agency","code":")" + code + R"(","name":")" + name + R"(","level":"province","parent":"CQL"})" "\n";
  return s;
}

inline Event must_event(const std::string& line, int64_t now = kLateNow) {
  Record r = parse_line(line, now);
  if (auto* e = std::get_if<Event>(&r)) return *e;
  if (auto* x = std::get_if<Refusal>(&r)) throw std::runtime_error("refused: " + x->code + " " + x->message);
  throw std::runtime_error("not an event: " + line);
}

// The file the kill -9 import tests kill an import of (Crash, CrashOnPostgres):
// two agencies, then `cases` cases of three events each.
inline void write_kill_import_file(const std::string& path, int cases) {
  std::ofstream out(path);
  out << R"({"kind":"agency","code":"CQL","name":"Cục Quản lý","level":"national","parent":null})" << "\n"
      << R"({"kind":"agency","code":"HN","name":"Hà Nội","level":"province","parent":"CQL"})" << "\n";
  for (int i = 0; i < cases; ++i) {
    const std::string id = "K" + std::to_string(i);
    out << opened_line(id, "2025-01-02", "HN", 1000 + i) << "\n"
        << ev_line(id, 2, "notified", "2025-01-03") << "\n"
        << ev_line(id, 3, "collected", "2025-01-04", R"("amount":500,"method":"voluntary")") << "\n";
  }
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace thads::testing
