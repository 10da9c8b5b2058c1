// Every request's figures for the coordination report (where coordination
// fails, issue 16 item 6), held in memory by a running process
// (oversight/app/held_streams.h): the agency, the body, the day sent, the
// answer's due day and the first answer of each request_ledger row, kept at
// the journal's head. The national report then folds 3,000,000 requests from
// memory instead of reading them from the store (issue 16 "Speed").
#pragma once

#include <string>
#include <vector>

#include "modules/coordination/domain/body_performance.h"
#include "store/store.h"

namespace thads::coordination {

// The same answer as body_performance(ledger_rows(agencies, from, to), to):
// the requests of `agencies` sent in [from, to], judged as of `to`.
std::vector<BodyPerformance> held_body_performance(Store& store, const std::vector<std::string>& agencies, Date from,
                                                   Date to);

}  // namespace thads::coordination
