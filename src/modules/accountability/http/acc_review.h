// The procuracy's review on a page and in the API (acc_review.cc); mounted
// by acc_pages.cc before /accountability/:id, which would take its path.
#pragma once

#include "http/app.h"

namespace thads::accountability {

http::Response page_review(http::Ctx& ctx, const http::Request& req);
http::Response api_review(http::Ctx& ctx, const http::Request& req);

}  // namespace thads::accountability
