// Search keys that ignore Vietnamese diacritics and case ("Nguyễn" = "nguyen",
// "Đặng" = "dang"), built with ICU's transliterator.
//
// Contract: fold() is deterministic and thread-safe (one transliterator per
// thread). tokens() splits a folded text into words for the search index.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thads {

std::string fold(std::string_view utf8);
std::vector<std::string> tokens(std::string_view utf8);  // folded words, unique, in order

}  // namespace thads
