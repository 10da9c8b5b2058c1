// The web side's vocabulary of the oversight acts: the Vietnamese label of
// every act type and choice, the fields of every act's form, and the act's
// JSON (as oversight.md writes it) from a posted form. Labels only: every
// rule stays in the domain (acts.h, stream.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/http_types.h"
#include "modules/oversight/domain/acts.h"

namespace thads::oversight {

struct ActChoice {
  std::string value, label;
};

struct ActField {
  // multi: several of `choices`, posted as NAME_VALUE checkboxes, written as a list.
  enum Kind { text, date, choice, integer_choice, yes_no, flag, amount, number, multi, officer, agency, body };
  std::string name;  // dotted for nested objects: "judgment.number"
  std::string label;
  Kind kind = text;
  bool required = false;
  std::vector<ActChoice> choices;
};

// "Tiếp nhận bản án, quyết định", … ; the type itself when unknown.
std::string act_label(StreamKind k, const std::string& type);
// The act types of a kind, openings first, in the order of oversight.md.
const std::vector<std::string>& act_types(StreamKind k);
// The form fields of an act (besides its date).
const std::vector<ActField>& act_fields(StreamKind k, const std::string& type);
// The label of a choice value of a field; the value itself when unknown.
std::string choice_text(StreamKind k, const std::string& type, const std::string& field, const std::string& value);
// (label, text) of each field an act's payload holds, in the form's order.
std::vector<std::pair<std::string, std::string>> act_facts(StreamKind k, const std::string& type,
                                                           const nlohmann::json& record);
// "Lý do: Chờ bố trí kinh phí; Ghi chú: …" from an act's payload.
std::string act_details(StreamKind k, const std::string& type, const nlohmann::json& record);
// The act (type, date, payload) from a posted form: dd/mm/yyyy dates become
// YYYY-MM-DD, amounts and numbers integers, choices of yes/no booleans;
// empty inputs are left out. Malformed input is passed on as text for the
// domain to refuse (bad_field).
nlohmann::json act_from_form(StreamKind k, const http::Params& form);
// The portals' names in Vietnamese (NĐ 71/2016 Art. 30(2)).
std::string portal_label(const std::string& portal);
std::string state_label(const std::string& state);

}  // namespace thads::oversight
