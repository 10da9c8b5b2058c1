#include "http/page_not_found.h"

#include "http/pages.h"

namespace thads::http {
namespace {

Response not_found(Ctx& ctx, const Request& req) {
  if (req.path.starts_with("/api/")) return api_error(404, "not_found", "no such route", "Không tìm thấy.");
  return error_page(ctx, req, 404, "Không có trang này. Địa chỉ có thể đã gõ sai hoặc trang đã được chuyển đi.");
}

}  // namespace

const Route& not_found_route() {
  static const Route r{"GET", "*", Kind::page, Auth::none, not_found};
  return r;
}

}  // namespace thads::http
