// The web application: what every request handler shares (configuration,
// stores, caches, templates, metrics, clock), the per-request context, the
// route table entry, and dispatch(), which runs one route: it resolves the
// session, enforces authentication and CSRF, calls the handler, maps
// unexpected errors to 500, and records metrics and the access log.
//
// Contract: an App is built once and then shared by all server threads;
// every member is thread-safe. Handlers receive a Ctx that belongs to their
// request alone. No business rule lives here or in a handler: handlers call
// the use cases of src/app (and the layer-neutral helpers of src/http that
// compose them) and render the result.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/accounts.h"
#include "app/case_detail.h"
#include "http/http_types.h"
#include "http/metrics.h"
#include "app/read_cache.h"
#include "http/session_cache.h"
#include "http/store_pool.h"
#include "http/templates.h"

namespace thads::http {

struct ServerConfig {
  std::string db = "thads.db";
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 0;       // 0: the hardware threads
  std::string web_dir;      // empty: find_web_dir()
  SessionPolicy policy;
  bool secure_cookies = false;  // add Secure (behind HTTPS)
  // Reverse proxies whose X-Forwarded-For names the client (client_address()).
  std::vector<std::string> trusted_proxies;
  bool access_log = true;
  double recheck_seconds = 1.0;  // see ReadCache
  size_t cached_cases = CaseCache::kDefaultMaxEntries;     // see CaseCache
  size_t cached_case_bytes = CaseCache::kDefaultMaxBytes;  // see CaseCache (serve --case-cache-mib)
  size_t cached_render_bytes = Templates::kDefaultMaxFrameBytes;  // see Templates (serve --render-cache-mib)
  double session_recheck_seconds = 1.0;  // see SessionCache (0: read every session from the store)
  // How long one write of an answer may wait for the client to take it
  // (serve --write-timeout-seconds). An answer larger than write_piece_bytes
  // goes out in pieces, at most 64 to a write, so a client that
  // takes at least 64 pieces in this time gets an answer of any size whole,
  // and one that stops reading is dropped after it.
  int64_t write_timeout_seconds = 20;
  // SO_SNDBUF of the accepted connections, in bytes; 0: the kernel's own
  // (which grows with the connection). Tests make it small to stand in for a
  // slow link.
  int send_buffer_bytes = 0;
  // The size of those pieces (kWritePieceBytes); smaller pieces lower the
  // rate a client must keep (64 pieces per write_timeout_seconds).
  size_t write_piece_bytes = 8 * 1024;
  std::function<int64_t()> clock;  // unix seconds; empty: the system clock
  // A PostgreSQL streaming replica of `db` (serve --read-db; empty: none).
  // GET and HEAD requests read from it once it has replayed everything this
  // server has written; sessions and every write use `db`
  // (docs/operations.md, "Reading from a replica").
  std::string read_db;
  // How long a read waits for the replica to replay this server's last
  // write before it reads the primary instead (serve --read-wait-ms).
  int64_t read_wait_ms = 100;
};

class App {
 public:
  explicit App(ServerConfig cfg);

  const ServerConfig& config() const { return cfg_; }
  const std::string& web_dir() const { return web_dir_; }
  StorePool& stores() { return stores_; }
  ReadCache& cache() { return cache_; }
  CaseCache& cases() { return cases_; }
  SessionCache& sessions() { return sessions_; }
  const Templates& templates() const { return templates_; }
  Metrics& metrics() { return metrics_; }
  int64_t now() const;

  // The replica (serve --read-db), when there is one.
  bool has_replica() const { return replica_.has_value(); }
  // A lease on the replica once it has replayed this server's writes (waits
  // up to read_wait_ms); nullopt when it has not by then or cannot be
  // reached: the caller reads the primary.
  std::optional<StorePool::Lease> replica_lease();
  // After a request that may have written through `primary`: the replica
  // must reach the primary's WAL position now before it serves a read.
  void note_write(Store& primary);
  struct ReplicaReads {
    uint64_t replica = 0, primary = 0;  // reads served by each since start
  };
  ReplicaReads replica_reads() const {
    return {replica_reads_.load(std::memory_order_relaxed), primary_reads_.load(std::memory_order_relaxed)};
  }

 private:
  ServerConfig cfg_;
  std::string web_dir_;
  StorePool stores_;
  ReadCache cache_;
  CaseCache cases_;
  SessionCache sessions_;
  Templates templates_;
  Metrics metrics_;
  std::optional<StorePool> replica_;
  std::atomic<int64_t> written_wal_{0};  // the primary's WAL position after this server's last write
  std::atomic<uint64_t> replica_reads_{0}, primary_reads_{0};
};

// Everything one request works with.
class Ctx {
 public:
  Ctx(App& app, int64_t now) : app(app), now(now) {}
  App& app;
  const int64_t now;
  std::optional<SessionInfo> session;  // set for routes that need one
  std::string token;                   // the session cookie's value
  Actor actor;                         // valid when session is set

  // A pooled Store, acquired on first use: the replica's for a request
  // that only reads (`reads_only`, a GET or HEAD, when serve has
  // --read-db and the replica has caught up), else the primary's.
  Store& store();
  // The primary's Store (sessions, and anything that writes).
  Store& primary();
  bool reads_only = false;  // set by dispatch: the request's method only reads
  bool used_primary() const { return lease_.has_value(); }
  // The agency tree and the access rules over it, fixed for the request.
  const AgencyTree& tree();
  const Access& access();
  // Looks up the session of the request's cookie (no enforcement).
  void resolve_session(const Request& req);

 private:
  std::optional<StorePool::Lease> lease_;  // the primary's
  std::optional<StorePool::Lease> replica_;
  bool replica_tried_ = false;
  std::shared_ptr<const AgencyTree> tree_;
  std::optional<Access> access_;
};

enum class Kind { api, page, ops };
enum class Auth { none, session };

using Handler = std::function<Response(Ctx&, const Request&)>;

struct Route {
  std::string method;   // GET, POST, PUT, DELETE
  std::string pattern;  // express style: /api/v1/cases/:id
  Kind kind = Kind::api;
  Auth auth = Auth::session;
  Handler handler;
};

inline constexpr const char* kSessionCookie = "thads_session";
inline constexpr const char* kLoginCsrfCookie = "thads_login";

// Also adds the security headers (CSP with frame-ancestors 'none',
// Referrer-Policy, nosniff; Cache-Control: no-store on authenticated answers
// and on any that sets a cookie) and refuses a JSON body nested deeper than
// kMaxJsonDepth (400 json_too_deep) before the handler runs.
Response dispatch(App& app, const Route& route, const Request& req);

// The headers every answer of the server carries, routed or not (those
// already set are kept): a CSP that allows nothing (pages set their own),
// frame-ancestors 'none', nosniff, Referrer-Policy, X-Frame-Options.
void with_base_security_headers(Response& r);

// Answers for a verdict other than allow: 404 outside the subtree (never
// revealing existence), 403 inside it; JSON for the API, a page otherwise.
Response deny(Ctx& ctx, const Request& req, Kind kind, Verdict v);

// The Set-Cookie value of a new session, and of its removal.
std::string session_cookie(const App& app, const std::string& token);
std::string clear_session_cookie(const App& app);

}  // namespace thads::http
