// Vietnamese labels of the coded values of interchange.md: the grounds of
// postponement (Art. 48), suspension (Art. 49) and termination (Art. 50), the
// reasons a case is without means (Art. 44a), verification results,
// collection methods, obligation categories and judgment kinds. The pages,
// their forms and the dashboards show these labels; the codes themselves are
// checked by the parser (domain/interchange.cc).
//
// Contract: pure tables; a value that is not in a table is its own label.
#pragma once

#include <string>
#include <vector>

namespace thads {

struct CodeLabel {
  std::string value;  // the interchange code
  std::string label;  // Vietnamese, with its article where the law names one
};

const std::vector<CodeLabel>& postpone_grounds();
const std::vector<CodeLabel>& suspend_grounds();
const std::vector<CodeLabel>& terminate_grounds();
const std::vector<CodeLabel>& unable_reasons();
const std::vector<CodeLabel>& verify_results();
const std::vector<CodeLabel>& collect_methods();
const std::vector<CodeLabel>& obligation_categories();
const std::vector<CodeLabel>& judgment_kinds();

// Label of a coded value of an event field, by the field's interchange name
// ("ground" 48.1.c, "reason" address_unknown, "result", "method").
std::string code_label(const std::string& field, const std::string& value);
std::string category_label(const std::string& category);
std::string judgment_kind_label(const std::string& kind);
std::string mode_label(const std::string& mode);  // proactive | on_request

}  // namespace thads
