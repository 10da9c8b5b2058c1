// The published checkpoints of the audit chain (issue 12 item 4,
// docs/security/audit-chain.md "Published"), without login and without any
// case data: the installation's public key, the store's id and its signed
// checkpoints, newest first, each in the JSON form `thads verify-audit
// --checkpoint FILE` reads (app/checkpoint_publication.h).
//
//   GET /api/v1/audit/checkpoints?limit=N&before=POS   JSON (docs/api.md)
//   GET /kiem-chung?before=POS                         the page, in Vietnamese
#pragma once

#include "http/app.h"

namespace thads::http {

Response api_audit_checkpoints(Ctx& ctx, const Request& req);
Response page_audit_checkpoints(Ctx& ctx, const Request& req);

}  // namespace thads::http
