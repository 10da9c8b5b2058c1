#include "domain/record_kinds.h"

#include <map>

namespace thads {
namespace {

std::map<std::string, RecordParser, std::less<>>& parsers() {
  static std::map<std::string, RecordParser, std::less<>> m;
  return m;
}

}  // namespace

void register_record_kind(std::string kind, RecordParser parser) { parsers()[std::move(kind)] = parser; }

RecordParser record_parser(std::string_view kind) {
  auto it = parsers().find(kind);
  return it == parsers().end() ? nullptr : it->second;
}

}  // namespace thads
