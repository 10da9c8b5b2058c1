// StoredIds (app/stored_ids.h): an id it calls certainly new is never one
// the journal holds or the import noted, across listing and merges; and it
// lists the journal only after the lookups it was given.
#include "modules/oversight/app/stored_ids.h"

#include <gtest/gtest.h>

namespace thads::oversight {
namespace {

std::string id(int i) { return "AJ-S-" + std::to_string(i); }

TEST(StoredIds, AnIdStoredOrNotedIsNeverCalledNew) {
  int listings = 0;
  StoredIds ids(3, [&](const auto& f) {
    ++listings;
    for (int i = 0; i < 1000; ++i) f(id(i));
  });
  // The first three lookups ask the journal (true) without listing it.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ids.may_be_stored(id(100'000 + i)));
  EXPECT_EQ(listings, 0);
  EXPECT_FALSE(ids.listed());
  ids.note_stored(id(5000));  // before the listing: the listing will read it from the journal
  EXPECT_TRUE(ids.may_be_stored(id(7)));
  EXPECT_EQ(listings, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(ids.may_be_stored(id(i))) << i;
  // Noted after the listing, past several merges of the recent ones.
  for (int i = 1000; i < 300'000; ++i) ids.note_stored(id(i));
  for (int i = 0; i < 300'000; ++i) ASSERT_TRUE(ids.may_be_stored(id(i))) << i;
  EXPECT_EQ(listings, 1);
  // Ids neither stored nor noted are (but for a 64-bit collision) new.
  int maybe = 0;
  for (int i = 400'000; i < 410'000; ++i) maybe += ids.may_be_stored(id(i)) ? 1 : 0;
  EXPECT_EQ(maybe, 0);
}

TEST(StoredIds, ZeroLookupsListsAtOnceAndAnEmptyJournalCallsEveryIdNew) {
  StoredIds ids(0, [](const auto&) {});
  EXPECT_FALSE(ids.may_be_stored(id(1)));
  EXPECT_TRUE(ids.listed());
  ids.note_stored(id(1));
  EXPECT_TRUE(ids.may_be_stored(id(1)));
  EXPECT_FALSE(ids.may_be_stored(id(2)));
}

}  // namespace
}  // namespace thads::oversight
