// Record kinds contributed by modules: the interchange kinds beyond v1's
// (oversight.md adds `body` and five streams). A module registers a parser
// for each kind it owns; parse_line() hands any kind it does not know itself
// to that parser, and the importer hands the parsed record back to the
// module's import (app/modules.h). Nothing central lists a module's kinds.
//
// Contract: registration happens while the program starts (static
// initialisers of the modules' objects), before any parse; afterwards the
// registry is only read, from any thread. A parser is pure.
#pragma once

#include <any>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "domain/refusal.h"

namespace thads {

// A record of a module's kind, parsed by the module's own parser: `value`
// holds the module's type (only that module reads it).
struct ModuleRecord {
  std::string kind;
  std::any value;
};

// Parses one JSON object whose "kind" is `kind`: the envelope and payload
// checks of interchange.md, in its precedence. `check_recorded` is false when
// the journal is read back. The parser may take `o` apart (keep its parts):
// the caller drops it.
using RecordParser = std::variant<ModuleRecord, Refusal> (*)(std::string_view kind, nlohmann::json&& o,
                                                              int64_t now_unix, bool check_recorded);

void register_record_kind(std::string kind, RecordParser parser);
// nullptr when no module owns `kind`.
RecordParser record_parser(std::string_view kind);

}  // namespace thads
