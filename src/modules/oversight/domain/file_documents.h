// The documents of an administrative-judgment monitoring file (hồ sơ theo
// dõi thi hành án hành chính), as NĐ 71/2016 Art. 14 lists them: the
// judgment, the notice of voluntary compliance, the debtor's report of its
// result, the court's compel order, the superior's instruction, the
// recommendation of disciplinary handling, and the other documents (minutes
// of the meeting with the debtor, the publication, the court's
// interpretation). Each is found in the file's acts.
//
// Contract: pure. A document is `present` when an act that makes it counts
// (not voided), `missing` when the file's state requires it and no act
// makes it (the notice and the report always; after a compel order the
// minutes, the superior's instruction and the publication, NĐ 71/2016
// Art. 13, 14, 30), and `optional` otherwise (it exists only when the
// situation arises: a compel order, a disciplinary recommendation, an
// interpretation).
#pragma once

#include <string>
#include <vector>

#include "modules/oversight/domain/stream.h"

namespace thads::oversight {

struct FileDocument {
  std::string key;      // the act type that makes it
  std::string label;    // Vietnamese
  std::string article;  // its basis
  enum class State { present, missing, optional } state = State::optional;
  std::vector<Date> dates;  // of the acts that make it, in order
};

std::vector<FileDocument> admin_file_documents(const Stream& s);

}  // namespace thads::oversight
