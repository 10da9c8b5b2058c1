// The public list of bodies that do not comply with an administrative
// judgment (NĐ 71/2016/NĐ-CP Art. 30): a page and an API, no login. A file
// appears as soon as `published` is recorded and disappears as soon as
// `unpublished` is; only the debtor's name and address, the compel order, the
// obligation and the portals are shown (never the creditor, nothing else).
#include "domain/text.h"
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/oversight/app/public_list.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {
namespace {

using http::Ctx;
using http::Request;
using http::Response;
using json = nlohmann::json;

constexpr int64_t kPage = 50;
constexpr size_t kMaxQuery = 200;  // characters of a search: longer is cut

int64_t number_param(const Request& req, const char* name, int64_t fallback, int64_t max) {
  const std::string& v = req.q(name);
  if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::min<int64_t>(std::stoll(v), max);
}

// Folded words of the query; a name is found ignoring diacritics and case.
std::vector<std::string> query_words(const std::string& q) {
  return tokens(q.size() > kMaxQuery ? q.substr(0, kMaxQuery) : q);
}

const char* portal_vi(const std::string& p) {
  if (p == "province") return "Cổng thông tin điện tử cấp tỉnh";
  if (p == "national") return "Cổng thông tin của cơ quan quản lý thi hành án dân sự";
  if (p == "government") return "Cổng thông tin điện tử Chính phủ";
  return "";
}

Response api_public_non_compliance(Ctx& ctx, const Request& req) {
  const auto words = query_words(req.q("q"));
  const int64_t limit = number_param(req, "limit", kPage, 200);
  const int64_t offset = number_param(req, "offset", 0, 1'000'000);
  // The body held at the journal's position for these words (app/public_list.h).
  Response res = http::json_text_response(200, *public_api_body(ctx.store(), ctx.app.cache(), words, limit, offset));
  res.header("Cache-Control", "no-cache");
  return res;
}

Response page_public_non_compliance(Ctx& ctx, const Request& req) {
  const std::string q = req.q("q").substr(0, kMaxQuery);
  const auto words = query_words(q);
  const int64_t offset = number_param(req, "offset", 0, 1'000'000);
  const PublicPage page = held_public_non_compliance(ctx.store(), words, kPage, offset);
  const int64_t total = page.total;
  json items = json::array();
  for (const PublicRow& r : page.rows) {
    json portals = json::array();
    for (const std::string& p : r.portals) portals.push_back(portal_vi(p));
    items.push_back({{"name", r.debtor_name}, {"address", r.debtor_address}, {"obligation", r.obligation},
                     {"compel_number", r.compel_number}, {"compel_court", r.compel_court},
                     {"compel_date", http::vn_date(r.compel_order_date)}, {"since", http::vn_date(r.since)},
                     {"portals", portals}});
  }
  json data{{"q", q}, {"items", items}, {"has_items", !items.empty()}, {"total", total}};
  const std::string base = "/public/non-compliance?q=" + http::url_encode(q) + "&offset=";
  if (offset > 0) data["prev_href"] = base + std::to_string(std::max<int64_t>(0, offset - kPage));
  if (offset + kPage < total) data["next_href"] = base + std::to_string(offset + kPage);
  return http::render_page(ctx, req, 200, "public_non_compliance",
                           "Công khai cơ quan, người không chấp hành án hành chính", data);
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/api/v1/public/non-compliance", http::Kind::api, http::Auth::none, api_public_non_compliance},
        {"GET", "/public/non-compliance", http::Kind::page, http::Auth::none, page_public_non_compliance},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::oversight
