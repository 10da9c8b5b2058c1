// The public list of bodies named for not complying with an administrative
// judgment (NĐ 71/2016 Art. 30; GET /api/v1/public/non-compliance, the
// public page), held in memory by a running process (app/held_streams.h):
// the rows of the public_non_compliance read model, kept at the journal's
// head, searched without a query to the store (issue 14 "Speed": p99 under
// 50 ms at 256 connections). Same answers as the store's
// public_non_compliance(): every folded word occurs in the folded name;
// newest publication first, then by id.
//
// Each row's API JSON is made once, when the row is read; the API's body of
// a search is held at the journal position it was made at (AnswerCache,
// app/answer_cache.h) per (words, limit, offset): the list is public, the
// same for everyone. Searches share the held rows' lock and then read an
// immutable snapshot of the sorted rows, without a lock.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/read_cache.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/store.h"

namespace thads::oversight {

struct PublicPage {
  std::vector<PublicRow> rows;  // the page asked for
  int64_t total = 0;            // rows matching, on every page
};
PublicPage held_public_non_compliance(Store& store, const std::vector<std::string>& words, int64_t limit, int64_t offset);

// The body of GET /api/v1/public/non-compliance for the folded `words`:
// {"items":[{"compel_order":{…},"debtor":{…},"id":…,"obligation":…,"portals":[…]},…]}.
std::shared_ptr<const std::string> public_api_body(Store& store, ReadCache& cache, const std::vector<std::string>& words,
                                                   int64_t limit, int64_t offset);
// One row as the API shows it (only the fields the law names).
std::string public_item_json(const PublicRow& r);

// Loads the held rows at the journal's head (app/warm_up.h).
void load_public_list(Store& store);

}  // namespace thads::oversight
