// Test support for the web layer: a thads server started in-process on
// 127.0.0.1 (an ephemeral port) against a temporary store seeded through
// import_jsonl, with a clock the test moves; and a small HTTP/1.1 client
// over plain sockets with a cookie jar. The store is SQLite, or a new
// PostgreSQL database when THADS_HTTP_TEST_BACKEND=postgres (the ctest entry
// `HttpSuites.OnPostgres` runs every HTTP suite so).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/accounts.h"
#include "app/import.h"
#include "http/app.h"
#include "http/server.h"
#include "../support/temp_store.h"

namespace thads::testing {

// Agencies CQL > HN > HN-KV1, HN-KV2 and CQL > HCM; officers; four cases:
// HN-1 (HN-KV1, officer HN-CHV-1, on request, 50.000.000 đ), HN-2 (HN-KV1,
// officer HN-CHV-2, a debtor whose name is a script tag), HN-3 (HN-KV2,
// without conditions: on the public list), HCM-1 (HCM).
inline std::string web_seed() {
  return R"({"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng Thi hành án dân sự khu vực 1 - Hà Nội","level":"region","parent":"HN"}
{"kind":"agency","code":"HN-KV2","name":"Phòng Thi hành án dân sự khu vực 2 - Hà Nội","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"Thi hành án dân sự Thành phố Hồ Chí Minh","level":"province","parent":"CQL"}
{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"officer","id":"HN-CHV-2","name":"Lê Thị Hoa","agency":"HN-KV1","role":"enforcement_officer"}
{"kind":"officer","id":"HCM-CHV-1","name":"Võ Văn Tâm","agency":"HCM","role":"enforcement_officer"}
{"kind":"target","agency":"HN","fiscal_year":2025,"cases_rate":83.9,"money_rate":51.9}
{"kind":"event","case":"HN-1","seq":1,"type":"case_opened","date":"2024-11-05","agency":"HN-KV1","mode":"on_request","judgment_kind":"civil","judgment":{"number":"12/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-09-06","effective_date":"2024-10-06"},"debtor":{"name":"Nguyễn Văn Bình","kind":"person","id_number":"001085012345","address":"Phường Cầu Giấy, Hà Nội"},"creditor":{"name":"Lê Thị Cúc","kind":"person"},"obligations":[{"category":"other_money","amount":50000000}],"request_date":"2024-11-05"}
{"kind":"event","case":"HN-1","seq":2,"type":"officer_assigned","date":"2024-11-05","officer":"HN-CHV-1"}
{"kind":"event","case":"HN-1","seq":3,"type":"notified","date":"2024-11-08"}
{"kind":"event","case":"HN-2","seq":1,"type":"case_opened","date":"2024-12-02","agency":"HN-KV1","mode":"proactive","judgment_kind":"criminal","judgment":{"number":"7/2024/HS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"<script>alert(1)</script>","kind":"person","address":"<b>Hà Nội</b>"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":2000000}]}
{"kind":"event","case":"HN-2","seq":2,"type":"officer_assigned","date":"2024-12-02","officer":"HN-CHV-2"}
{"kind":"event","case":"HN-3","seq":1,"type":"case_opened","date":"2024-12-01","agency":"HN-KV2","mode":"proactive","judgment_kind":"civil","judgment":{"number":"C/2024/DS-ST","court":"Tòa án nhân dân khu vực 2 - Hà Nội","date":"2024-10-02","effective_date":"2024-11-01"},"debtor":{"name":"Phạm Thị Dung","kind":"person","id_number":"079123456789","address":"Phường Hoàng Mai, Hà Nội"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":30000000}]}
{"kind":"event","case":"HN-3","seq":2,"type":"unable_decided","date":"2025-03-01","reason":"no_income_or_assets"}
{"kind":"event","case":"HCM-1","seq":1,"type":"case_opened","date":"2025-01-10","agency":"HCM","mode":"proactive","judgment_kind":"civil","judgment":{"number":"99/2024/DS-ST","court":"Tòa án nhân dân Thành phố Hồ Chí Minh","date":"2024-11-11","effective_date":"2024-12-11"},"debtor":{"name":"Trần Văn Em","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":8000000}]}
{"kind":"event","case":"HCM-1","seq":2,"type":"officer_assigned","date":"2025-01-10","officer":"HCM-CHV-1"}
)";
}

inline constexpr const char* kPassword = "mat-khau-thu-1";

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline HttpResponse http_request(uint16_t port, const std::string& method, const std::string& target,
                                 const std::string& body, const std::map<std::string, std::string>& headers) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect");
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  for (size_t sent = 0; sent < req.size();) {
    const ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
    const size_t end = raw.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const size_t cl = raw.find("Content-Length: ");
    if (cl != std::string::npos && cl < end &&
        raw.size() >= end + 4 + std::stoul(raw.substr(cl + 16, raw.find("\r\n", cl) - cl - 16)))
      break;
  }
  ::close(fd);
  HttpResponse r;
  const size_t end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) throw std::runtime_error("bad response: " + raw);
  r.status = std::stoi(raw.substr(9, 3));
  std::istringstream hs(raw.substr(0, end));
  std::string line;
  std::getline(hs, line);
  while (std::getline(hs, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(name, line.substr(colon + 2));
  }
  r.body = raw.substr(end + 4);
  return r;
}

// A browser-like client: keeps cookies, sends the CSRF header on API writes.
class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}

  HttpResponse get(const std::string& target) { return send("GET", target, "", {}); }
  HttpResponse get(const std::string& target, std::map<std::string, std::string> headers) {
    return send("GET", target, "", std::move(headers));
  }
  HttpResponse del(const std::string& target) { return send("DELETE", target, "", {{"X-CSRF-Token", csrf}}); }
  HttpResponse post_json(const std::string& target, const nlohmann::json& body, bool with_csrf = true) {
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
    if (with_csrf) h["X-CSRF-Token"] = csrf;
    return send("POST", target, body.dump(), h);
  }
  HttpResponse put_json(const std::string& target, const nlohmann::json& body) {
    return send("PUT", target, body.dump(), {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}});
  }
  // Form fields are sent as given, url-encoded; `csrf` is added unless present.
  HttpResponse post_form(const std::string& target, std::map<std::string, std::string> fields, bool with_csrf = true) {
    if (with_csrf && !fields.count("csrf")) fields["csrf"] = csrf;
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + encode(k) + "=" + encode(v);
    return send("POST", target, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // A multipart/form-data form, as a browser sends one with files: the
  // fields (`csrf` added unless present), then each file as {input name,
  // file name, media type, bytes}.
  struct File {
    std::string field, name, type, bytes;
  };
  HttpResponse post_multipart(const std::string& target, std::map<std::string, std::string> fields,
                              const std::vector<File>& files) {
    if (!fields.count("csrf")) fields["csrf"] = csrf;
    const std::string mark = "----thadsTestBoundary7MA4YWxk";
    std::string body;
    for (const auto& [k, v] : fields)
      body += "--" + mark + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    for (const File& f : files)
      body += "--" + mark + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" + f.name +
              "\"\r\nContent-Type: " + f.type + "\r\n\r\n" + f.bytes + "\r\n";
    body += "--" + mark + "--\r\n";
    return send("POST", target, body, {{"Content-Type", "multipart/form-data; boundary=" + mark}});
  }
  // Logs in through the API; returns the status.
  int login(const std::string& login, const std::string& password = kPassword) {
    auto r = post_json("/api/v1/session", {{"login", login}, {"password", password}}, false);
    if (r.status == 200) csrf = r.json().value("csrf", "");
    return r.status;
  }

  static std::string encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
      else out += std::string("%") + hex[c >> 4] + hex[c & 15];
    }
    return out;
  }

  std::map<std::string, std::string> cookies;
  std::string csrf;

 private:
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    std::map<std::string, std::string> headers) {
    std::string c;
    for (const auto& [k, v] : cookies) c += (c.empty() ? "" : "; ") + k + "=" + v;
    if (!c.empty()) headers["Cookie"] = c;
    HttpResponse r = http_request(port_, method, target, body, headers);
    for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it) {
      const std::string& v = it->second;
      const size_t eq = v.find('='), semi = v.find(';');
      const std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
      if (value.empty() || v.find("Max-Age=0") != std::string::npos) cookies.erase(name);
      else cookies[name] = value;
    }
    return r;
  }
  uint16_t port_;
};

inline uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

struct TestUser {
  const char* login;
  const char* role;
  const char* agency;
  const char* officer;
};

// Every role, each bound to an agency whose subtree holds HN-1 and HN-2 and
// not HCM-1; officer1 is the officer of HN-1.
inline const std::vector<TestUser>& web_users() {
  static const std::vector<TestUser> u{{"officer1", "officer", "HN-KV1", "HN-CHV-1"},
                                       {"clerk1", "clerk", "HN-KV1", ""},
                                       {"head1", "head", "HN-KV1", ""},
                                       {"supervisor1", "supervisor", "HN", ""},
                                       {"procuracy1", "procuracy", "HN", ""},
                                       {"steering1", "steering", "HN", ""},
                                       {"admin1", "admin", "HN", ""}};
  return u;
}

// The store behind a test server (see the top of this file).
inline std::string http_test_location() {
  const char* b = std::getenv("THADS_HTTP_TEST_BACKEND");
  if (b != nullptr && std::string(b) == "postgres") {
    if (pg_url().empty()) throw std::runtime_error("THADS_HTTP_TEST_BACKEND=postgres needs THADS_TEST_PG");
    return fresh_location("postgres");
  }
  return temp_dir() + "/web.db";
}

// The server under test.
class TestServer {
 public:
  explicit TestServer(const std::string& seed = web_seed(), http::ServerConfig cfg = {}) {
    db_ = http_test_location();
    {
      auto store = Store::open(db_);
      std::istringstream in(seed);
      ImportOptions opt;
      opt.now_unix = now_.load();
      auto r = import_jsonl(*store, in, opt);
      if (!r.ok()) throw std::runtime_error("seed refused: " + r.refusals.front().refusal.message);
      ensure_account_schema(store->db());
      for (const TestUser& u : web_users()) {
        auto res = add_user(*store, NewUser{u.login, u.role, u.agency, u.officer}, kPassword, "test", now_.load());
        if (std::holds_alternative<Refusal>(res)) throw std::runtime_error("user refused");
      }
    }
    cfg.db = db_;
    cfg.host = "127.0.0.1";
    cfg.port = free_port();
    cfg.threads = 2;
    cfg.access_log = false;
    cfg.recheck_seconds = 0;
    cfg.clock = [this] { return now_.load(); };
    app_ = std::make_unique<http::App>(std::move(cfg));
    server_ = std::make_unique<http::Server>(*app_);
    server_->start();
  }
  ~TestServer() { server_->stop(); }

  uint16_t port() const { return app_->config().port; }
  const std::string& db() const { return db_; }
  Client client() const { return Client(port()); }
  void advance(int64_t seconds) { now_ += seconds; }
  int64_t now() const { return now_.load(); }

 private:
  std::atomic<int64_t> now_{static_cast<int64_t>(std::time(nullptr))};
  std::string db_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
};

// One server shared by every test of a suite (started once: seeding the
// store and hashing passwords is the slow part). Derive as
// `class MySuite : public SharedServerSuite<MySuite> {};`.
template <class Suite>
class SharedServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline TestServer* server_ = nullptr;
};

}  // namespace thads::testing
