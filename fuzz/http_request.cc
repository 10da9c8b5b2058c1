// Fuzz target: the HTTP path from a request's bytes to a handler's answer,
// through the route table and dispatch() (session, CSRF, JSON limits, the
// handler, the use case, the store), as `thads serve` runs it minus the
// socket and RESTinio's own HTTP parser.
//
// Input: one byte choosing who sends it (0 nobody, 1 an admin, 2 an officer,
// 3 a supervisor), then "METHOD TARGET" on the first line, header lines, a
// blank line and the body. A signed-in sender's session cookie and CSRF token
// are added (unless the input brings its own), so that mutations reach the
// handlers rather than stop at the login check. The answer must be a status
// the server may send; a 500 means a handler threw, and is a finding.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "fuzz_support.h"
#include "http/app.h"
#include "http/routes.h"

namespace {
using namespace thads;

struct Sender {
  std::string token, csrf;
};

std::unique_ptr<http::App> app;
std::vector<http::Route> routes;
std::vector<Sender> senders(4);

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    out.emplace_back(path.substr(i, (j == std::string_view::npos ? path.size() : j) - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

// The express-style match of RESTinio's router for thads' patterns: literal
// segments, and ":name" matching one non-empty segment.
const http::Route* match(const std::string& method, const std::string& path, http::Params& params) {
  const auto have = segments(path);
  for (const http::Route& r : routes) {
    if (r.method != method) continue;
    const auto want = segments(r.pattern);
    if (want.size() != have.size()) continue;
    http::Params p;
    bool ok = true;
    for (size_t i = 0; ok && i < want.size(); ++i) {
      if (!want[i].empty() && want[i][0] == ':') {
        ok = !have[i].empty();
        p[want[i].substr(1)] = have[i];
      } else {
        ok = want[i] == have[i];
      }
    }
    if (ok) {
      params = std::move(p);
      return &r;
    }
  }
  return nullptr;
}

// Routes that end or replace the senders' sessions (log out, password
// changes) are left out, so that one input cannot sign the senders out for
// all that follow.
bool ends_sessions(const http::Route& r) {
  return r.method != "GET" && (r.pattern == "/api/v1/session" || r.pattern == "/logout" ||
                               r.pattern == "/password" || r.pattern == "/api/v1/session/password");
}

Sender sign_in(Store& store, const char* login, const char* role, const char* agency, const char* officer) {
  const char* password = "mat-khau-fuzz-dai-1";
  if (std::holds_alternative<Refusal>(add_user(store, NewUser{login, role, agency, officer}, password, "fuzz",
                                               fuzz::kNow)))
    std::abort();
  const auto r = log_in(store, login, password, "127.0.0.1", fuzz::kNow, http::ServerConfig{}.policy);
  const auto* ok = std::get_if<LoginOk>(&r);
  if (!ok) std::abort();
  return Sender{ok->token, ok->csrf};
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const std::string db = fuzz::scratch_dir() + "/http.db";
  {
    auto store = fuzz::seeded_store(db);
    ensure_account_schema(store->db());
    senders[1] = sign_in(*store, "admin1", "admin", "CQL", "");
    senders[2] = sign_in(*store, "officer1", "officer", "HN-KV1", "HN-CHV-1");
    senders[3] = sign_in(*store, "supervisor1", "supervisor", "HN", "");
  }
  http::ServerConfig cfg;
  cfg.db = db;
  cfg.web_dir = THADS_FUZZ_DIR "/../web";
  cfg.access_log = false;
  cfg.recheck_seconds = 0;
  cfg.session_recheck_seconds = 0;
  cfg.clock = [] { return fuzz::kNow; };
  app = std::make_unique<http::App>(std::move(cfg));
  routes = http::all_routes();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Sender& who = senders[data[0] % 4];
  const std::string text = fuzz::text_of(data + 1, size - 1);

  http::Request req;
  size_t pos = 0;
  auto next_line = [&]() {
    const size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  };
  const std::string first = next_line();
  const size_t sp = first.find(' ');
  if (sp == std::string::npos) return 0;
  req.method = first.substr(0, sp);
  req.target = first.substr(sp + 1);
  if (req.target.empty() || req.target[0] != '/') return 0;
  const size_t q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos)
    req.query = http::parse_urlencoded(std::string_view(req.target).substr(q + 1)).value_or(http::Params{});
  for (std::string line = next_line(); !line.empty(); line = next_line()) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    req.headers[name] = value;
  }
  req.body = text.substr(pos);
  req.client = "127.0.0.1";
  if (!who.token.empty()) {
    if (!req.headers.count("cookie")) req.headers["cookie"] = std::string(http::kSessionCookie) + "=" + who.token;
    if (!req.headers.count("x-csrf-token")) req.headers["x-csrf-token"] = who.csrf;
    if (req.body.find("csrf=") == std::string::npos && req.header("content-type").find("form") != std::string::npos)
      req.body = "csrf=" + who.csrf + "&" + req.body;
  }
  req.cookies = http::parse_cookies(req.header("cookie"));

  const http::Route* route = match(req.method, req.path, req.route);
  if (!route || ends_sessions(*route)) return 0;
  const http::Response res = http::dispatch(*app, *route, req);
  if (res.status < 200 || res.status > 599 || res.status == 500) std::abort();
  if (http::reason_phrase(res.status).empty()) std::abort();
  return 0;
}
