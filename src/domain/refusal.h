// Refusal: why a record or command was not accepted — a stable code (the
// interchange.md list), a plain message, and the article when a rule of law
// is the reason. Errors are values at the domain boundary.
#pragma once

#include <string>

namespace thads {

struct Refusal {
  std::string code;     // unknown_kind, bad_field, seq_conflict, …
  std::string message;  // plain English for logs and the CLI
  std::string article;  // legal basis when a rule of law refuses, else empty
};

// The order in which codes win when several apply to one line (interchange.md).
int refusal_rank(const std::string& code);
// Plain Vietnamese explanation of a refusal code, for the UI.
std::string refusal_message_vi(const std::string& code);

}  // namespace thads
