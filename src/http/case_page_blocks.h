// Sections that modules add to the case page (/cases/{id}), below the parts
// of the case itself and above its forms: each source gives, for the case
// read (its detail and scope), the user of the request and the day, HTML
// markup rendered by the module's own template, or "" for nothing. The
// markup goes into the page unescaped, so a source renders it through
// Templates (which escapes its values). Sources are registered while the
// program starts, like dashboard_blocks.h.
//
// A section depends on more than the case's version (another module's
// records, the user's role): the case page renders sections on every
// request and keys its cached rendering by them.
#pragma once

#include <functional>
#include <string>

#include "domain/date.h"
#include "http/app.h"

namespace thads::http {

using CasePageSection = std::function<std::string(Ctx&, const CaseDetail&, const CaseScope&, Date today)>;
void register_case_page_section(CasePageSection source);
// The sections of every module, in registration order, concatenated.
std::string module_case_sections(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, Date today);

}  // namespace thads::http
