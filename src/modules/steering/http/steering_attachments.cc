// The attached documents of progress reports over HTTP (docs/api.md
// "Steering"): the page's download link and the API's. Both call one use
// case (app/attachments.h: attachment_for, which checks the reader's right)
// and answer the file as a download, never to be shown inline.
#include "http/handlers.h"
#include "http/pages.h"
#include "http/route_registry.h"
#include "modules/steering/app/attachments.h"
#include "modules/steering/http/steering_json.h"

namespace thads::steering {
namespace {

using http::Ctx;
using http::Request;
using http::Response;

// Content-Disposition of a download (RFC 6266): an ASCII `filename` for old
// clients and the UTF-8 name in `filename*` (RFC 8187).
std::string disposition(const std::string& name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80)  // one '_' for each character past ASCII, not for each of its bytes
      ascii += (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '%' || c == ';') ? '_' : ch;
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos;
    if (plain) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response file_response(const Download& d) {
  Response r;
  r.status = 200;
  r.content_type = d.media_type == "text/plain" ? "text/plain; charset=utf-8" : d.media_type;
  r.body = d.bytes;
  r.header("Content-Disposition", disposition(d.name));
  r.header("Cache-Control", "private, no-store");
  return r;
}

Response page_attachment(Ctx& ctx, const Request& req) {
  auto res = attachment_for(ctx.store(), ctx.session->user, req.param("sha"), req.q("name"));
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found") return http::deny(ctx, req, http::Kind::page, Verdict::not_found);
    return http::error_page(ctx, req, 500, steering_refusal_vi(*r));
  }
  return file_response(std::get<Download>(res));
}

Response api_attachment(Ctx& ctx, const Request& req) {
  auto res = attachment_for(ctx.store(), ctx.session->user, req.param("sha"), req.q("name"));
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "integrity_error") return http::api_error(500, r->code, r->message, steering_refusal_vi(*r));
    return http::refusal_response(*r);
  }
  return file_response(std::get<Download>(res));
}

[[maybe_unused]] const bool registered = [] {
  http::register_routes([] {
    return std::vector<http::Route>{
        {"GET", "/steering/attachments/:sha", http::Kind::page, http::Auth::session, page_attachment},
        {"GET", "/api/v1/steering/attachments/:sha", http::Kind::api, http::Auth::session, api_attachment},
    };
  });
  return true;
}();

}  // namespace
}  // namespace thads::steering
