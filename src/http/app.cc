#include "http/app.h"

#include "store/db_types.h"
#include "store/replication.h"
#include "store/store.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "domain/json_limits.h"
#include "domain/statistics.h"
#include "http/pages.h"

namespace thads::http {
namespace {

// Log lines to stderr, written in blocks instead of one write(2) (and one
// flush) per line: the access log costs a memcpy per request. The buffer is
// written when it passes 32 KiB, at every warning or error, and at least
// once a second (flush_every below).
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { write_out(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    buf_.append(line.data(), line.size());
    if (buf_.size() >= 32 * 1024) write_out();
  }
  void flush_() override { write_out(); }

 private:
  void write_out() {
    size_t done = 0;
    while (done < buf_.size()) {
      const ssize_t n = ::write(STDERR_FILENO, buf_.data() + done, buf_.size() - done);
      if (n <= 0) break;  // nowhere to log to: drop the lines
      done += static_cast<size_t>(n);
    }
    buf_.clear();
  }
  std::string buf_;
};

std::shared_ptr<spdlog::logger> logger() {
  static std::shared_ptr<spdlog::logger> l = [] {
    auto lg = spdlog::get("thads.http");
    if (!lg) {
      lg = std::make_shared<spdlog::logger>("thads.http", std::make_shared<BufferedStderrSink>());
      lg->flush_on(spdlog::level::warn);
      spdlog::register_logger(lg);
      spdlog::flush_every(std::chrono::seconds(1));
    }
    // One JSON object per line: structured logs for any collector.
    lg->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%v})");
    return lg;
  }();
  return l;
}

// A JSON string literal of `s`, as nlohmann::json(s).dump() writes it. The
// access log writes several for every request: printable ASCII without a
// quote or a backslash (a route, a method, a login, an address; most paths)
// is copied as is, anything else goes through the library.
std::string json_str(const std::string& s) {
  for (const char c : s)
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return nlohmann::json(s).dump();
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

Response unauthenticated(const App& app, const Route& route, const Request& req) {
  if (route.kind == Kind::page) {
    Response r = redirect("/login?next=" + url_encode(req.method == "GET" ? req.target : "/"));
    if (!req.cookies.empty() && req.cookies.count(kSessionCookie)) r.header("Set-Cookie", clear_session_cookie(app));
    return r;
  }
  Response r = api_error(401, "unauthenticated", "log in first (POST /api/v1/session)",
                         "Vui lòng đăng nhập để tiếp tục.");
  if (req.cookies.count(kSessionCookie)) r.header("Set-Cookie", clear_session_cookie(app));
  return r;
}

Response run_route(Ctx& ctx, const Route& route, const Request& req) {
  // A query string or form body that cannot be decoded is refused for every
  // route, before the session, the CSRF check or a handler reads it: served
  // as if empty, `?before=%ff` would quietly answer the first page.
  if (req.bad_query || req.bad_form()) {
    const char* what = req.bad_query ? "query string" : "form body";
    if (route.kind == Kind::page) {
      ctx.resolve_session(req);  // the page still shows who is signed in
      return error_page(ctx, req, 400,
                        "Địa chỉ hoặc dữ liệu gửi lên không đọc được (mã %-escape sai hoặc không phải UTF-8). "
                        "Vui lòng kiểm tra lại.");
    }
    return api_error(400, "bad_field", std::string("the ") + what + " cannot be decoded (a bad %-escape or not UTF-8)",
                     "Địa chỉ hoặc dữ liệu gửi lên không đọc được (mã %-escape sai hoặc không phải UTF-8).");
  }
  if (route.auth == Auth::session) {
    ctx.resolve_session(req);
    if (!ctx.session) return unauthenticated(ctx.app, route, req);
    if (changes_state(req.method)) {
      const std::string presented = route.kind == Kind::api ? req.header("x-csrf-token") : req.form()["csrf"];
      if (!csrf_matches(*ctx.session, presented)) {
        if (route.kind == Kind::page)
          return error_page(ctx, req, 403, "Phiên làm việc không hợp lệ (mã CSRF). Vui lòng tải lại trang và thử lại.");
        return api_error(403, "csrf", "missing or wrong X-CSRF-Token header",
                         "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).");
      }
    }
    // A password reset by an administrator is changed before anything else.
    if (ctx.session->user.must_change && req.path != "/password" && req.path != "/logout" &&
        req.path != "/api/v1/session" && req.path != "/api/v1/session/password") {
      if (route.kind == Kind::page) return redirect("/password?must=1");
      return api_error(403, "password_change_required", "change the password first (PUT /api/v1/session/password)",
                       "Mật khẩu đã được đặt lại: vui lòng đổi mật khẩu trước khi tiếp tục.");
    }
  } else if (route.kind == Kind::page) {
    ctx.resolve_session(req);  // public pages still show who is signed in
  }
  // A JSON body nested past the limit is refused here, for every route,
  // before a handler (or anything recursive) walks it (docs/limits.md).
  if (req.wants_json() && !req.body.empty()) {
    const BoundedJson j = parse_json_bounded(req.body);
    if (j.fault == JsonFault::too_deep)
      return api_error(400, "json_too_deep", j.message,
                       "Dữ liệu gửi lên lồng nhau quá " + std::to_string(kMaxJsonDepth) + " cấp.");
  }
  return route.handler(ctx, req);
}

// ASCII case folding: header names are tokens (RFC 9110 5.1), and this is
// called several times for every answer (std::tolower asks the locale).
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_header(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) { return ascii_lower(a) == ascii_lower(b); }))
      return true;
  return false;
}

// The pages' policy; every other answer gets the strict default of
// with_base_security_headers().
void add_security_headers(const Ctx& ctx, const Route& route, Response& r) {
  if (route.kind == Kind::page)
    r.header("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  // Nothing a signed-in user sees, and no answer that sets a cookie (the
  // login form, a login, a logout), may be kept by a browser or a proxy.
  if ((route.auth == Auth::session || ctx.session || has_header(r, "Set-Cookie")) && !has_header(r, "Cache-Control"))
    r.header("Cache-Control", "no-store");
  with_base_security_headers(r);
}

}  // namespace

App::App(ServerConfig cfg)
    : cfg_(std::move(cfg)),
      web_dir_(cfg_.web_dir.empty() ? find_web_dir() : cfg_.web_dir),
      stores_(cfg_.db),
      cache_(cfg_.recheck_seconds),
      cases_(cfg_.cached_cases, cfg_.cached_case_bytes),
      sessions_(cfg_.session_recheck_seconds),
      templates_(web_dir_, cfg_.cached_render_bytes) {
  if (!cfg_.read_db.empty()) replica_.emplace(cfg_.read_db, true);
}

std::optional<StorePool::Lease> App::replica_lease() {
  if (!replica_) return std::nullopt;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg_.read_wait_ms);
  try {
    auto lease = replica_->acquire();
    const int64_t needed = written_wal_.load(std::memory_order_acquire);
    for (;;) {
      // nullopt: not in recovery (--read-db names a primary): it holds all.
      const auto replayed = wal_replay_position(lease->db());
      if (!replayed || *replayed >= needed) {
        replica_reads_.fetch_add(1, std::memory_order_relaxed);
        return lease;
      }
      if (std::chrono::steady_clock::now() >= give_up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  } catch (const StoreError& e) {
    logger()->warn(R"("msg":"replica unavailable; reading the primary","error":{})", json_str(e.what()));
  }
  primary_reads_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

void App::note_write(Store& primary) {
  if (!replica_) return;
  const auto pos = wal_write_position(primary.db());
  if (!pos) return;
  int64_t seen = written_wal_.load(std::memory_order_relaxed);
  while (*pos > seen && !written_wal_.compare_exchange_weak(seen, *pos, std::memory_order_release)) {
  }
}

int64_t App::now() const {
  if (cfg_.clock) return cfg_.clock();
  return static_cast<int64_t>(std::time(nullptr));
}

Store& Ctx::primary() {
  if (!lease_) lease_.emplace(app.stores().acquire());
  return **lease_;
}

Store& Ctx::store() {
  if (!reads_only || !app.has_replica()) return primary();
  if (!replica_tried_) {
    replica_tried_ = true;
    if (auto lease = app.replica_lease()) replica_.emplace(std::move(*lease));
  }
  return replica_ ? **replica_ : primary();
}

const AgencyTree& Ctx::tree() {
  if (!tree_) tree_ = app.cache().tree(store());
  return *tree_;
}

const Access& Ctx::access() {
  if (!access_) access_.emplace(tree());
  return *access_;
}

void Ctx::resolve_session(const Request& req) {
  if (session) return;
  auto it = req.cookies.find(kSessionCookie);
  if (it == req.cookies.end()) return;
  session = app.sessions().find(it->second, now, app.config().policy);
  if (!session) {
    const uint64_t generation = accounts_generation();  // before the read: see SessionCache
    session = resume_session(primary(), it->second, now, app.config().policy);
    if (session) app.sessions().keep(it->second, *session, generation);
  }
  if (session) {
    token = it->second;
    actor = Actor::of(session->user);
  }
}

// The Vietnamese text of a retryable conflict (StoreBusy), page and API alike.
constexpr const char* kConflictRetryVi =
    "Dữ liệu đang được người khác cập nhật; chưa có gì được ghi, xin thử lại.";

Response dispatch(App& app, const Route& route, const Request& req) {
  const auto t0 = std::chrono::steady_clock::now();
  Ctx ctx(app, app.now());
  ctx.reads_only = req.method == "GET" || req.method == "HEAD";
  Response res;
  try {
    res = run_route(ctx, route, req);
    // A write through the primary: later reads wait for the replica to
    // replay it (read your own writes; docs/operations.md).
    if (!ctx.reads_only && ctx.used_primary() && app.has_replica()) {
      try {
        app.note_write(ctx.primary());
      } catch (const StoreError& e) {  // the write stands; only its position is unknown
        logger()->warn(R"("msg":"WAL position after a write not read","error":{})", json_str(e.what()));
      }
    }
  } catch (const VersionConflict&) {
    // Another writer got there first (handlers answer it themselves; this is
    // the net under any that does not): nothing was written.
    res = route.kind == Kind::page
              ? error_page(ctx, req, 409, "Dữ liệu vừa được người khác cập nhật; chưa có gì được ghi. Vui lòng tải lại trang và thử lại.")
              : api_error(409, "version_conflict", "another write came first; nothing was written",
                          "Dữ liệu vừa được người khác cập nhật; chưa có gì được ghi.");
  } catch (const StoreBusy& e) {
    // The database gave the transaction up for a concurrent one (PostgreSQL
    // 40001/40P01/55P03, SQLite busy past its timeout): a conflict that the
    // same request, sent again, may get through, not a store that is down.
    // Nothing was written (tests/integration/http_store_faults_test.cc).
    logger()->warn(R"("msg":"store busy","route":{},"path":{},"error":{})", json_str(route.pattern),
                   json_str(req.path), json_str(e.what()));
    try {
      res = route.kind == Kind::page
                ? error_page(ctx, req, 409, std::string(kConflictRetryVi) + " Vui lòng thử lại sau giây lát.")
                : api_error(409, "conflict_retry", "a concurrent write held the data; nothing was written; retry",
                            kConflictRetryVi);
    } catch (const std::exception&) {
      res = api_error(409, "conflict_retry", "a concurrent write held the data; nothing was written; retry",
                      kConflictRetryVi);
    }
    res.header("Retry-After", "1");
  } catch (const StoreError& e) {
    // The store failed under the request (disk full, I/O error, a lost
    // PostgreSQL connection): nothing was written (the transaction rolled
    // back, tests/integration/fault_injection_test.cc), and the same request
    // may succeed again once the store is back.
    logger()->error(R"("msg":"store failed","route":{},"path":{},"error":{})", json_str(route.pattern),
                    json_str(req.path), json_str(e.what()));
    try {
      res = route.kind == Kind::page
                ? error_page(ctx, req, 503, "Hệ thống lưu trữ tạm thời không sẵn sàng; chưa có gì được ghi. Vui lòng thử lại sau ít phút.")
                : api_error(503, "store_unavailable", "the store failed; nothing was written; retry",
                            "Hệ thống lưu trữ tạm thời không sẵn sàng; chưa có gì được ghi.");
    } catch (const std::exception&) {
      res = api_error(503, "store_unavailable", "the store failed; nothing was written; retry",
                      "Hệ thống lưu trữ tạm thời không sẵn sàng.");
    }
    res.header("Retry-After", "5");
  } catch (const FiguresOverflow& e) {
    // A report whose totals leave int64 (domain/statistics.h): refused, not
    // answered with wrapped figures.
    logger()->error(R"("msg":"figures overflow","route":{},"path":{},"error":{})", json_str(route.pattern),
                    json_str(req.path), json_str(e.what()));
    constexpr const char* kVi =
        "Tổng số liệu vượt quá giới hạn tính toán (số nguyên 64 bit); có số tiền quá lớn trong dữ liệu, cần kiểm tra lại.";
    try {
      res = route.kind == Kind::page ? error_page(ctx, req, 422, kVi)
                                     : api_error(422, "figures_overflow", e.what(), kVi);
    } catch (const std::exception&) {
      res = api_error(422, "figures_overflow", e.what(), kVi);
    }
  } catch (const std::exception& e) {
    logger()->error(R"("msg":"handler failed","route":{},"path":{},"error":{})", json_str(route.pattern),
                    json_str(req.path), json_str(e.what()));
    try {
      res = route.kind == Kind::page ? error_page(ctx, req, 500, "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.")
                                     : api_error(500, "internal", "internal error", "Đã xảy ra lỗi hệ thống.");
    } catch (const std::exception&) {
      res = api_error(500, "internal", "internal error", "Đã xảy ra lỗi hệ thống.");
    }
  }
  add_security_headers(ctx, route, res);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  app.metrics().observe(route.pattern, req.method, res.status, secs);
  if (app.config().access_log && route.kind != Kind::ops)
    logger()->info(R"("msg":"request","method":{},"route":{},"path":{},"status":{},"ms":{:.3f},"user":{},"client":{})",
                   json_str(req.method), json_str(route.pattern), json_str(req.path), res.status, secs * 1000,
                   json_str(ctx.session ? ctx.session->user.login : ""), json_str(req.client));
  return res;
}

void with_base_security_headers(Response& r) {
  if (!has_header(r, "Content-Security-Policy"))
    r.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  if (!has_header(r, "X-Content-Type-Options")) r.header("X-Content-Type-Options", "nosniff");
  if (!has_header(r, "Referrer-Policy")) r.header("Referrer-Policy", "same-origin");
  if (!has_header(r, "X-Frame-Options")) r.header("X-Frame-Options", "DENY");
}

Response deny(Ctx& ctx, const Request& req, Kind kind, Verdict v) {
  const int status = v == Verdict::not_found ? 404 : 403;
  if (kind == Kind::page)
    return error_page(ctx, req, status,
                      status == 404 ? "Không tìm thấy trang hoặc hồ sơ này."
                                    : "Bạn không có quyền thực hiện thao tác này.");
  if (status == 404) return api_error(404, "not_found", "not found", "Không tìm thấy.");
  return api_error(403, "forbidden", "your role may not do this", refusal_message_vi("forbidden"));
}

std::string session_cookie(const App& app, const std::string& token) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(app.config().policy.absolute_seconds) + (app.config().secure_cookies ? "; Secure" : "");
}

std::string clear_session_cookie(const App& app) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (app.config().secure_cookies ? "; Secure" : "");
}

}  // namespace thads::http
