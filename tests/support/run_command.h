// Test helper: runs a shell command (the built `thads`, usually) and returns
// what it printed on standard output and standard error together, with its
// exit status in *rc (128 + signal when it was killed).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace thads::testing {

inline std::string output_of(const std::string& cmd, int* rc = nullptr) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) {
    if (rc) *rc = -1;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  if (rc) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

// The "due" of `action` in a deadlines JSON answer, or "".
inline std::string due_of(const std::string& json, const std::string& action) {
  const size_t a = json.find("\"action\":\"" + action + "\"");
  if (a == std::string::npos) return "";
  const size_t d = json.find("\"due\":\"", a);
  return d == std::string::npos ? "" : json.substr(d + 7, 10);
}

}  // namespace thads::testing
