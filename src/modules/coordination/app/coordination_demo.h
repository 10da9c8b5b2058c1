// Demo data of the coordination module (`thads demo`, scripts/run.sh): per
// province, the social-insurance office and a second bank branch, which has
// since closed (a `body_change` deactivating it, after the requests it
// answered); requests to the social-insurance office about the debtors of
// sampled cases, most answered on time, some late, some not at all, so that
// /coordination/report and the purpose ledger show where coordination fails.
// The oversight module's demo writes the other bodies and their requests.
#pragma once

#include <cstdint>
#include <ostream>

#include "app/demo_world.h"

namespace thads::coordination {

void write_demo(const DemoWorld& world, uint64_t seed, std::ostream& out);

}  // namespace thads::coordination
