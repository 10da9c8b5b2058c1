// What modules add to the store: their read-model tables and the journal
// kinds they write. The store creates every registered table when it opens,
// and tells a module's journal entries apart from the case events and the
// reference data that the statistics snapshot is built from.
//
// Contract: registration happens while the program starts (static
// initialisers), before any Store is opened; afterwards it is only read.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace thads {

// CREATE TABLE / CREATE INDEX statements (IF NOT EXISTS) for a dialect.
using SchemaSource = std::function<std::vector<std::string>(Dialect)>;
void register_schema(SchemaSource source);
const std::vector<SchemaSource>& registered_schemas();

// A journal kind written by a module (a stream or its own reference record).
// Such entries never change the case statistics, so the server's snapshot is
// not reloaded for them.
void register_journal_kind(std::string kind);
bool is_module_journal_kind(std::string_view kind);
const std::vector<std::string>& module_journal_kinds();

}  // namespace thads
