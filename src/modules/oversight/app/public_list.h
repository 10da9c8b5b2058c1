// The public list of bodies named for not complying with an administrative
// judgment (NĐ 71/2016 Art. 30; GET /api/v1/public/non-compliance, the
// public page), held in memory by a running process (app/held_streams.h):
// the rows of the public_non_compliance read model, kept at the journal's
// head, searched without a query to the store (issue 14 "Speed": p99 under
// 50 ms at 256 connections). Same answers as the store's
// public_non_compliance(): every folded word occurs in the folded name;
// newest publication first, then by id.
#pragma once

#include <string>
#include <vector>

#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::oversight {

struct PublicPage {
  std::vector<PublicRow> rows;  // the page asked for
  int64_t total = 0;            // rows matching, on every page
};
PublicPage held_public_non_compliance(Store& store, const std::vector<std::string>& words, int64_t limit, int64_t offset);

}  // namespace thads::oversight
