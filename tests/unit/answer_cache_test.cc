// AnswerCache (app/answer_cache.h): an answer is served only for its key at
// the position it was held at, an older answer never replaces a newer one,
// and past the byte budget the answers used least recently go first.
#include "app/answer_cache.h"

#include <gtest/gtest.h>

#include <thread>

namespace thads {
namespace {

std::shared_ptr<const std::string> text(const std::string& s) { return std::make_shared<const std::string>(s); }

TEST(AnswerCache, ServesAnAnswerOnlyForItsKeyAtItsPosition) {
  AnswerCache<std::string> c(1 << 20);
  EXPECT_EQ(c.get("a", 1), nullptr);
  c.put("a", 1, text("one"), 10);
  ASSERT_NE(c.get("a", 1), nullptr);
  EXPECT_EQ(*c.get("a", 1), "one");
  EXPECT_EQ(c.get("a", 2), nullptr);  // the journal moved
  EXPECT_EQ(c.get("b", 1), nullptr);  // another key
  c.put("a", 3, text("three"), 10);
  EXPECT_EQ(*c.get("a", 3), "three");
  c.put("a", 2, text("two"), 10);  // computed from an older position: kept out
  EXPECT_EQ(*c.get("a", 3), "three");
  EXPECT_EQ(c.get("a", 2), nullptr);
  int made = 0;
  auto make = [&] {
    ++made;
    return std::pair<std::shared_ptr<const std::string>, size_t>(text("made"), 4);
  };
  EXPECT_EQ(*c.get_or_make("c", 5, make), "made");
  EXPECT_EQ(*c.get_or_make("c", 5, make), "made");
  EXPECT_EQ(made, 1);
  c.get_or_make("c", 6, make);
  EXPECT_EQ(made, 2);
}

TEST(AnswerCache, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  AnswerCache<std::string> c(64 * 1024);
  c.put("keep", 1, text("k"), 1000);
  for (int i = 0; i < 200; ++i) {
    c.put("k" + std::to_string(i), 1, text("v"), 1000);
    ASSERT_NE(c.get("keep", 1), nullptr) << i;  // used after every put: never the oldest
  }
  EXPECT_LE(c.bytes(), 64u * 1024);
  EXPECT_LT(c.size(), 201u);
  EXPECT_EQ(c.get("k0", 1), nullptr);
  EXPECT_NE(c.get("k199", 1), nullptr);
}

TEST(AnswerCache, ReadersAndWritersTogether) {
  AnswerCache<std::string> c(32 * 1024);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "k" + std::to_string(i % 50);
        auto v = c.get_or_make(key, i / 500, [&] {
          return std::pair<std::shared_ptr<const std::string>, size_t>(text(key), 700);
        });
        ASSERT_EQ(*v, key) << t;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(c.bytes(), 32u * 1024);
}

// Keys made of values typed in a query: a separator inside a part, or an
// empty part, never makes the key of another list of parts.
TEST(AnswerKey, TwoListsOfPartsNeverMakeOneKey) {
  EXPECT_NE(answer_key({"a|b"}), answer_key({"a", "b"}));
  EXPECT_NE(answer_key({"ab", ""}), answer_key({"a", "b"}));
  EXPECT_NE(answer_key({"", "ab"}), answer_key({"ab", ""}));
  EXPECT_NE(answer_key({"1:a"}), answer_key({"1", "a"}));
  EXPECT_NE(answer_key({"HN", "1:x"}), answer_key({"HN1:x"}));
  EXPECT_EQ(answer_key({"HN", "x"}), answer_key({"HN", "x"}));
  // A key made in parts (the search's words, one by one) is the key of all.
  EXPECT_EQ(answer_key({"a", "b"}), answer_key({"a"}) + answer_key({"b"}));
}

}  // namespace
}  // namespace thads
