// The cases of the search tests: many sharing common name words, spread
// over HN-KV1, HN-KV2 and HCM, with ids not in insertion order (so case_id
// order differs from rowid order). Each test writes its own case lines
// (judgment number, creditor) around these.
#pragma once

#include <cstdio>
#include <string>

namespace thads::testing {

struct SearchSeedCase {
  std::string id, agency, debtor;
};

inline SearchSeedCase search_seed_case(int i) {
  static const char* family[] = {"Nguyễn", "Trần", "Lê", "Nguyễn", "Nguyễn"};
  static const char* middle[] = {"Văn", "Thị", "Anh"};
  static const char* given[] = {"An", "Anh", "Bình", "Hoa", "Ánh", "Hoàng", "Tâm"};
  static const char* agency[] = {"HN-KV1", "HN-KV2", "HCM"};
  char id[32];
  std::snprintf(id, sizeof id, "C-%04d", (i * 7919) % 10000);
  return {id, agency[(i / 3) % 3], std::string(family[i % 5]) + " " + middle[(i / 5) % 3] + " " + given[(i / 15) % 7]};
}

}  // namespace thads::testing
