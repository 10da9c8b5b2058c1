#include "http/case_page_blocks.h"

#include <vector>

namespace thads::http {
namespace {

std::vector<CasePageSection>& sources() {
  static std::vector<CasePageSection> v;
  return v;
}

}  // namespace

void register_case_page_section(CasePageSection source) { sources().push_back(std::move(source)); }

std::string module_case_sections(Ctx& ctx, const CaseDetail& d, const CaseScope& scope, Date today) {
  std::string out;
  for (const CasePageSection& s : sources()) out += s(ctx, d, scope, today);
  return out;
}

}  // namespace thads::http
