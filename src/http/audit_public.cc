#include "http/audit_public.h"

#include "app/checkpoint_publication.h"
#include "http/pages.h"

namespace thads::http {
namespace {

using json = nlohmann::json;

// A whole number of at most 18 digits; nullopt for anything else.
std::optional<int64_t> whole_param(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

// `name` from the query: its default when absent, nullopt when malformed.
std::optional<int64_t> query_number(const Request& req, const char* name, int64_t absent) {
  const std::string& s = req.q(name);
  if (s.empty()) return absent;
  return whole_param(s);
}

constexpr int64_t kApiPage = 50;
constexpr int64_t kWebPage = 20;

}  // namespace

Response api_audit_checkpoints(Ctx& ctx, const Request& req) {
  const auto limit = query_number(req, "limit", kApiPage);
  const auto before = query_number(req, "before", 0);
  if (!limit || *limit < 1 || *limit > kCheckpointsPageMax || !before)
    return api_error(400, "bad_field",
                     "limit must be a whole number from 1 to " + std::to_string(kCheckpointsPageMax) +
                         ", before a position (a whole number)",
                     "Tham số không hợp lệ: limit từ 1 đến " + std::to_string(kCheckpointsPageMax) +
                         ", before là một vị trí trong nhật ký.");
  const PublishedCheckpoints p = published_checkpoints(ctx.store(), *limit, *before);
  json items = json::array();
  for (const Checkpoint& c : p.items) items.push_back(checkpoint_json(c, p.public_key));
  json body{{"public_key", p.public_key}, {"store_id", p.store_id}, {"total", p.total}, {"items", items}};
  body["next"] = p.next_before > 0 ? json("/api/v1/audit/checkpoints?limit=" + std::to_string(*limit) +
                                          "&before=" + std::to_string(p.next_before))
                                   : json(nullptr);
  Response res = json_response(200, body);
  res.header("Cache-Control", "no-cache");
  return res;
}

Response page_audit_checkpoints(Ctx& ctx, const Request& req) {
  const auto before = query_number(req, "before", 0);
  if (!before) return error_page(ctx, req, 400, "Tham số before phải là một vị trí trong nhật ký (số nguyên).");
  const PublishedCheckpoints p = published_checkpoints(ctx.store(), kWebPage, *before);
  json items = json::array();
  for (const Checkpoint& c : p.items)
    items.push_back({{"pos", c.pos},
                     {"hash", c.hash},
                     {"signed_at", vn_datetime(c.signed_at)},
                     {"json", checkpoint_json(c, p.public_key).dump()}});
  json data{{"public_key", p.public_key},
            {"store_id", p.store_id},
            {"total", p.total},
            {"items", items},
            {"has_items", !items.empty()}};
  if (p.next_before > 0) data["next_href"] = "/kiem-chung?before=" + std::to_string(p.next_before);
  if (*before > 0) data["first_href"] = "/kiem-chung";
  Response res = render_page(ctx, req, 200, "audit_checkpoints", "Kiểm chứng nhật ký thi hành án", data);
  res.header("Cache-Control", "no-cache");
  return res;
}

}  // namespace thads::http
