// The case API's members other than "events", written as text without a
// tree (for case_json_text, app/case_detail.h). Not for other callers.
#pragma once

#include <string>

namespace thads {

struct CaseDetail;

// Appends `{` and every member of case_json(d) but "events", with the
// values and in the order (by key, bytewise) that the tree's dump writes
// them, and no closing brace: the text equals case_json(d) without its
// "events" member, dumped, its last `}` removed. On the path of a case read
// that is not cached, building that tree and dumping it was about a fifth
// of the request (docs/benchmarks.md, "Session 28").
void append_case_head(std::string& out, const CaseDetail& d);

}  // namespace thads
