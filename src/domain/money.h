// Money: whole Vietnamese đồng in a signed 64-bit integer. Never floating
// point (the statistics and the fee must add up to the đồng).
#pragma once

#include <cstdint>
#include <string>

namespace thads {

using Money = int64_t;

// "1.234.567 đ" — the form the UI shows money in.
std::string format_vnd(Money m);
// The amount in words (số tiền bằng chữ), as official documents write it:
// 1500000 -> "Một triệu năm trăm nghìn đồng", 21 -> "Hai mươi mốt đồng",
// 105 -> "Một trăm linh năm đồng", 0 -> "Không đồng". Groups of three digits
// read nghìn, triệu, tỷ; past tỷ the groups repeat ("một nghìn tỷ").
std::string amount_in_words(Money m);
// Thousand VND, rounded half up, for the official Excel forms (nghìn đồng).
int64_t to_thousand_vnd(Money m);

}  // namespace thads
