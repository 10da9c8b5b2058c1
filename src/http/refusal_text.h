// The refusal catalogue of the pages: from a refusal (its stable code and
// the field its message names, "field 'judgment.date'") to a Vietnamese
// sentence that names the field as the form labels it, says what is wrong
// and how to fix it, and cites the article when the law is the reason. The
// API keeps the stable code (and adds this text as message_vi).
#pragma once

#include <string>

#include "domain/refusal.h"

namespace thads::http {

// The field a refusal concerns (the form's field name: "date",
// "judgment.date", "password"), or "" when none.
std::string refusal_field(const Refusal& r);
// The Vietnamese label of a field name ("judgment.date" → "Ngày bản án");
// "" when the catalogue does not know it.
std::string field_label_vi(const std::string& field);
// "Ngày bản án: <what is wrong>" (the article, r.article, is shown apart).
std::string refusal_text(const Refusal& r);

}  // namespace thads::http
