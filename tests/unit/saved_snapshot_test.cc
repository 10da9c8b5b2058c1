// When a running server saves its search index again (app/saved_snapshot.h
// worth_saving_again): at once when none is saved, never when the journal
// has not moved, else only for a tail of at least 1,000 entries or 1% of
// the cases, or after an hour.
#include <gtest/gtest.h>

#include "app/saved_snapshot.h"

namespace thads {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(WorthSavingAgain, NoneSavedYetIsSavedAtOnce) {
  EXPECT_TRUE(worth_saving_again(-1, 0, 0, seconds(0)));
  EXPECT_TRUE(worth_saving_again(-1, 5, 1'000'000, seconds(0)));
}

TEST(WorthSavingAgain, AnUnmovedJournalIsNeverSavedAgain) {
  EXPECT_FALSE(worth_saving_again(100, 100, 10, minutes(600)));
  EXPECT_FALSE(worth_saving_again(100, 90, 10, minutes(600)));  // an older answer
}

TEST(WorthSavingAgain, ASmallTailWaitsForAnHour) {
  // A small store: the tail counts against 1,000 entries.
  EXPECT_FALSE(worth_saving_again(100, 1099, 500, minutes(5)));
  EXPECT_TRUE(worth_saving_again(100, 1100, 500, minutes(5)));
  // A million cases: 1% is 10,000 entries.
  EXPECT_FALSE(worth_saving_again(0, 9'999, 1'000'000, minutes(59)));
  EXPECT_TRUE(worth_saving_again(0, 10'000, 1'000'000, minutes(5)));
  // Any movement is saved once the last save is an hour old.
  EXPECT_TRUE(worth_saving_again(0, 1, 1'000'000, minutes(60)));
  EXPECT_FALSE(worth_saving_again(0, 1, 1'000'000, minutes(60) - seconds(1)));
}

}  // namespace
}  // namespace thads
