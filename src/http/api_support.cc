// Helpers shared by the API handlers, and the ops endpoints.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/queue_answers.h"
#include "domain/interchange.h"
#include "domain/json_limits.h"
#include "http/handlers.h"
#include "http/heap_memory.h"
#include "http/held_gzip.h"
#include "http/refusal_text.h"
#include "store/engine_memory.h"

namespace thads::http {
namespace {

std::string read_file(const std::filesystem::path& p, bool* ok) {
  std::ifstream in(p, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<nlohmann::json> json_body(const Request& req) {
  if (!req.wants_json()) return std::nullopt;
  BoundedJson j = parse_json_bounded(req.body);
  return std::move(j.value);
}

std::string refusal_vi(const Refusal& r) { return refusal_text(r); }

Response refusal_response(const Refusal& r) {
  const int status = r.code == "version_conflict"  ? 409
                     : r.code == "forbidden"       ? 403
                     : r.code == "not_found"       ? 404
                     : r.code == "bad_credentials" ? 401
                                                   : 422;
  return api_error(status, r.code, r.message, refusal_vi(r), r.article);
}

std::optional<Date> today_param(const Ctx& ctx, const Request& req) {
  const std::string& t = req.q("today");
  if (t.empty()) return vn_date_of(ctx.now);
  return Date::parse(t);
}

Response health(Ctx& ctx, const Request&) {
  nlohmann::json j{{"status", "ok"}, {"version", THADS_VERSION}};
  try {
    j["journal_entries"] = ctx.primary().journal_position();  // the store the server writes
    j["store"] = "ok";
  } catch (const std::exception& e) {
    return json_response(503, {{"status", "unavailable"}, {"store", e.what()}});
  }
  return json_response(200, j);
}

Response metrics(Ctx& ctx, const Request& req) {
  // Which routes are used, by whom and how often is not for everyone.
  if (auto v = ctx.access().view_metrics(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::api, v);
  std::string body = ctx.app.metrics().render();
  const auto gauge = [&body](const std::string& name, const char* help, const std::string& samples) {
    body += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n" + samples;
  };
  const auto one = [](const std::string& name, size_t v) { return name + " " + std::to_string(v) + "\n"; };
  const CaseCache& cases = ctx.app.cases();
  gauge("thads_case_cache_entries", "Built cases kept between requests.", one("thads_case_cache_entries", cases.size()));
  gauge("thads_case_cache_bytes", "Estimated memory of the built cases kept (bounded by serve --case-cache-mib).",
        one("thads_case_cache_bytes", cases.bytes()));
  const Templates& t = ctx.app.templates();
  gauge("thads_render_cache_entries", "Page parts kept rendered between requests.",
        one("thads_render_cache_entries", t.frame_count()));
  gauge("thads_render_cache_bytes", "Memory of the page parts kept rendered (bounded by serve --render-cache-mib).",
        one("thads_render_cache_bytes", t.frame_bytes()));
  const HeldQueueAnswers queues = held_queue_answers();
  gauge("thads_queue_answers_entries", "Work queues kept computed between requests (an agency, officer, day each).",
        one("thads_queue_answers_entries", queues.entries));
  gauge("thads_queue_answers_bytes", "Estimated memory of the work queues kept computed (their items and JSON).",
        one("thads_queue_answers_bytes", queues.bytes));
  const HeldGzipStats gz = held_gzip_stats();
  gauge("thads_gzip_bodies_entries", "Held answers kept gzip-compressed for clients that accept it (held_gzip.h).",
        one("thads_gzip_bodies_entries", gz.entries));
  gauge("thads_gzip_bodies_bytes", "Bytes of the compressed bodies kept.", one("thads_gzip_bodies_bytes", gz.bytes));
  gauge("thads_sqlite_memory_bytes", "Memory SQLite holds in this process: page caches, schemas, statements.",
        one("thads_sqlite_memory_bytes", static_cast<size_t>(sqlite_memory_bytes())));
  // The allocator's own count: memory in use by the program, and memory
  // free in its arenas (kept for reuse: serve's M_TRIM_THRESHOLD). Their sum
  // against the resident memory tells a growing heap from a fragmented one.
  if (const HeapBytes heap = heap_bytes(); heap.known)
    gauge("thads_heap_bytes", "The C allocator's heap: in use by the program, and free in its arenas.",
          one("thads_heap_bytes{state=\"in_use\"}", heap.in_use) +
              one("thads_heap_bytes{state=\"free\"}", heap.free));
  if (ctx.app.has_replica()) {
    const App::ReplicaReads r = ctx.app.replica_reads();
    body += "# HELP thads_read_requests_total Reads (GET, HEAD) by the store that answered them (serve --read-db).\n"
            "# TYPE thads_read_requests_total counter\n";
    body += one("thads_read_requests_total{store=\"replica\"}", r.replica) +
            one("thads_read_requests_total{store=\"primary\"}", r.primary);
  }
  return text_response(200, body, "text/plain; version=0.0.4; charset=utf-8");
}

Response openapi(Ctx& ctx, const Request&) {
  bool ok = false;
  std::string body = read_file(std::filesystem::path(ctx.app.web_dir()) / "openapi.json", &ok);
  if (!ok) return api_error(500, "internal", "openapi.json is missing from the web directory", "Thiếu tài liệu API.");
  return json_text_response(200, std::move(body));
}

Response static_file(Ctx& ctx, const Request& req) {
  const std::string& name = req.param("file");
  const bool safe = !name.empty() && name.find("..") == std::string::npos && name.find('/') == std::string::npos;
  const auto ext = std::filesystem::path(name).extension().string();
  const char* type = ext == ".css" ? "text/css; charset=utf-8"
                     : ext == ".js" ? "text/javascript; charset=utf-8"
                     : ext == ".svg" ? "image/svg+xml"
                     : ext == ".png" ? "image/png"
                     : ext == ".ico" ? "image/x-icon"
                                     : nullptr;
  if (!safe || !type) return text_response(404, "not found");
  bool ok = false;
  std::string body = read_file(std::filesystem::path(ctx.app.web_dir()) / "static" / name, &ok);
  if (!ok) return text_response(404, "not found");
  Response r = text_response(200, std::move(body), type);
  r.header("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace thads::http
