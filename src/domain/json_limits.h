// Bounded JSON parsing: every JSON text that comes from outside (an import
// line, an HTTP request body) is parsed here, under a stated nesting limit,
// so that no input can drive a recursive walk of the parsed value (dump,
// comparison, copy) or the parser's stacks out of bounds. docs/limits.md
// states the limits.
//
// Contract: pure and thread-safe. parse_json_bounded() parses exactly one
// JSON value (RFC 8259) that fills the whole text: a NUL byte anywhere is
// refused (nlohmann's lexer would take it for the end of the input and let
// whatever follows pass), as is anything after the value. The depth is
// checked while parsing, before a deeper level is built: `[]` and `{}` are
// depth 1, `[[1]]` depth 2.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace thads {

// Deepest nesting of arrays and objects accepted. The interchange records
// and API bodies need 4 at most.
inline constexpr int kMaxJsonDepth = 64;
// Longest interchange line accepted by the import, in bytes (without the
// line end). A case_opened record with long names is a few kilobytes.
inline constexpr size_t kMaxLineBytes = 1024 * 1024;

enum class JsonFault { none, syntax, too_deep, nul_byte };

struct BoundedJson {
  std::optional<nlohmann::json> value;  // set when fault is none
  JsonFault fault = JsonFault::none;
  std::string message;                  // plain English, with the limit when too_deep
};

BoundedJson parse_json_bounded(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace thads
