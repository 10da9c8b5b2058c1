// The fields of every event type of interchange.md as a form: what the case
// page shows for each act, the Vietnamese labels of the coded values, and
// the conversion of a posted form (or a JSON event) into the event fields
// record_event() takes. Validation of the event itself stays with the
// domain (record_event refuses with the same codes as the import).
//
// Contract: pure tables and conversions, no I/O. Field names are the
// interchange field names, so a form posts exactly what the API accepts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/code_labels.h"
#include "domain/event.h"
#include "http/http_types.h"

namespace thads::http {

using Choice = CodeLabel;  // a value and its Vietnamese label (domain/code_labels.h)

struct FormField {
  std::string name;   // interchange field name
  std::string label;  // Vietnamese
  enum Kind { date, amount, integer, text, choice, flag, officer, agency } kind = text;
  bool required = false;
  std::vector<Choice> choices;  // kind == choice
};

// The fields of one event type after `type` and `date` (which every event has).
const std::vector<FormField>& form_fields(EventType t);
// Every event type but case_opened, in the order of interchange.md.
std::vector<EventType> recordable_types();

// The Vietnamese labels of coded values (choice lists, code_label,
// category_label …) are the domain's: domain/code_labels.h.

// A date typed in a page's date field, dd/mm/yyyy as the UI shows dates
// ("5/3/2025" too), as YYYY-MM-DD; anything else is returned unchanged (an
// ISO date stays one, and text that is no date is refused downstream as the
// import refuses it).
std::string form_date(const std::string& typed);

// A whole number typed by a person: "1.234.567", "1 234 567" and "1234567"
// are the same; nullopt for anything else.
std::optional<long long> parse_amount(const std::string& s);

// Event fields (type, date, payload) from a posted form: empty inputs are
// left out, amounts and integers become JSON numbers when they are plain
// digits (dots and spaces as thousands separators are accepted), flags become
// true when checked. Anything malformed is passed on as text so that the
// domain refuses it with bad_field.
nlohmann::json event_from_form(const Params& form);

}  // namespace thads::http
