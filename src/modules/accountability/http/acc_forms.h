// The web side's vocabulary of the accountability records: Vietnamese labels
// of every act and choice, the fields of each act's form, and the act's JSON
// (docs/formats/accountability.md) from a posted form. Labels only: the
// rules stay in the domain (records.h, machine.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/http_types.h"
#include "modules/accountability/domain/machine.h"

namespace thads::accountability {

struct Choice {
  std::string value, label;
};
struct Field {
  enum Kind { text, date, choice, agency, seq } kind = text;
  std::string name, label;
  bool required = false;
  std::vector<Choice> choices;
};

std::string act_label(Kind k, const std::string& type);
const std::vector<Field>& fields_of(Kind k, const std::string& type);
std::string choice_label(const std::string& field, const std::string& value);
// "Quy định vi phạm: …; Nội dung: …" from an act's payload.
std::string details_of(Kind k, const Rec& r);
nlohmann::json act_from_form(Kind k, const http::Params& form);

}  // namespace thads::accountability
