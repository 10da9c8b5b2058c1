#include "store/store_extensions.h"

#include <algorithm>

namespace thads {
namespace {

std::vector<SchemaSource>& schemas() {
  static std::vector<SchemaSource> v;
  return v;
}
std::vector<std::string>& kinds() {
  static std::vector<std::string> v;
  return v;
}

}  // namespace

void register_schema(SchemaSource source) { schemas().push_back(std::move(source)); }
const std::vector<SchemaSource>& registered_schemas() { return schemas(); }

void register_journal_kind(std::string kind) {
  if (!is_module_journal_kind(kind)) kinds().push_back(std::move(kind));
}
bool is_module_journal_kind(std::string_view kind) {
  return std::find(kinds().begin(), kinds().end(), kind) != kinds().end();
}
const std::vector<std::string>& module_journal_kinds() { return kinds(); }

}  // namespace thads
