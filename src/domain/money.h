// Money: whole Vietnamese đồng in a signed 64-bit integer. Never floating
// point (the statistics and the fee must add up to the đồng).
#pragma once

#include <cstdint>
#include <string>

namespace thads {

using Money = int64_t;

// "1.234.567 đ" — the form the UI shows money in.
std::string format_vnd(Money m);
// Thousand VND, rounded half up, for the official Excel forms (nghìn đồng).
int64_t to_thousand_vnd(Money m);

}  // namespace thads
