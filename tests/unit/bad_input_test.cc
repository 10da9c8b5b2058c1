// Bad days for the pure input code (issue 12): JSON nested without end,
// endless lines, bytes after a record, quadratic word splitting, money
// totals past int64. Every limit is stated in docs/limits.md.
#include <gtest/gtest.h>

#include <string>

#include "../support/builders.h"
#include "domain/interchange.h"
#include "domain/json_limits.h"
#include "domain/text.h"

namespace thads {
namespace {

using testing::kLateNow;
using testing::opened_line;

std::string nested(size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

Refusal refusal_of(const std::string& line) {
  Record r = parse_line(line, kLateNow);
  if (auto* x = std::get_if<Refusal>(&r)) return *x;
  return Refusal{"accepted", "", ""};
}

TEST(JsonLimits, NestingIsCheckedWhileParsing) {
  EXPECT_TRUE(parse_json_bounded(nested(kMaxJsonDepth)).value);
  const BoundedJson deep = parse_json_bounded(nested(kMaxJsonDepth + 1));
  EXPECT_FALSE(deep.value);
  EXPECT_EQ(deep.fault, JsonFault::too_deep);
  EXPECT_NE(deep.message.find(std::to_string(kMaxJsonDepth)), std::string::npos) << deep.message;
  // 140 KB of nesting (the body that took the server down) stops at the limit.
  EXPECT_EQ(parse_json_bounded(nested(70'000)).fault, JsonFault::too_deep);
  EXPECT_EQ(parse_json_bounded(std::string(140'000, '[')).fault, JsonFault::too_deep);
  std::string objects;
  for (int i = 0; i < 70'000; ++i) objects += R"({"a":)";
  EXPECT_EQ(parse_json_bounded(objects + "1" + std::string(70'000, '}')).fault, JsonFault::too_deep);
}

TEST(JsonLimits, OneValueFillsTheWholeText) {
  EXPECT_TRUE(parse_json_bounded(R"( {"a":[1,2]} )").value);
  EXPECT_EQ(parse_json_bounded(std::string("{\"a\":1}\0", 8)).fault, JsonFault::nul_byte);
  EXPECT_EQ(parse_json_bounded(std::string("{\"a\":1}\0xyz", 11)).fault, JsonFault::nul_byte);
  EXPECT_EQ(parse_json_bounded(R"({"a":1} xyz)").fault, JsonFault::syntax);
  EXPECT_EQ(parse_json_bounded(R"({"a":1}{"b":2})").fault, JsonFault::syntax);
  EXPECT_EQ(parse_json_bounded("").fault, JsonFault::syntax);
}

TEST(InterchangeLimits, DeepLinesAreBadFieldWithTheLimit) {
  // The third shape took `thads import` down: a valid event whose extra
  // field was dumped recursively (SIGSEGV).
  for (const std::string& line :
       {nested(65'000), R"({"kind":"event","x":)" + nested(65'000) + "}",
        R"({"kind":"event","case":"A","seq":1,"type":"notified","date":"2025-01-01","x":)" + nested(65'000) + "}"}) {
    const Refusal r = refusal_of(line);
    EXPECT_EQ(r.code, "bad_field");
    EXPECT_NE(r.message.find("deeper than " + std::to_string(kMaxJsonDepth)), std::string::npos) << r.message;
  }
}

TEST(InterchangeLimits, LinesLongerThanTheLimitAreBadField) {
  const std::string name(kMaxLineBytes, 'a');
  const Refusal r = refusal_of(opened_line("L1", "2025-01-02", "HN", 1000, "proactive", R"(,"note":")" + name + "\""));
  EXPECT_EQ(r.code, "bad_field");
  EXPECT_NE(r.message.find("line longer than " + std::to_string(kMaxLineBytes) + " bytes"), std::string::npos)
      << r.message;
  EXPECT_EQ(refusal_of("//" + name).code, "bad_field");  // a comment too: the reader does not keep it
}

TEST(InterchangeLimits, BytesAfterTheRecordAreBadField) {
  const std::string line = opened_line("N1", "2025-01-02", "HN", 1000);
  EXPECT_EQ(refusal_of(line).code, "accepted");
  EXPECT_EQ(refusal_of(line + "\r").code, "accepted");  // CRLF files stay valid
  EXPECT_EQ(refusal_of(line + " \t").code, "accepted");
  EXPECT_EQ(refusal_of("").code, "accepted");  // a blank line: Skip
  EXPECT_TRUE(std::holds_alternative<Skip>(parse_line("// a comment", kLateNow)));
  for (const std::string& bad : {line + std::string(1, '\0'), line + std::string("\0garbage", 8),
                                 line + std::string("\r\0", 2), line + " x", line + "\x1a", line + "}"}) {
    const Refusal r = refusal_of(bad);
    EXPECT_EQ(r.code, "bad_field") << bad.substr(bad.size() - 3);
  }
}

TEST(InterchangeLimits, ObligationsWhoseTotalPassesInt64AreRefused) {
  // 9,300 obligations of 10^15 đồng each (the most one may be), 9.3 × 10^18
  // together, past 2^63: the sum wrapped to a negative opened amount, which
  // passed the check on the total.
  std::string obligations = R"("obligations":[)";
  for (int i = 0; i < 9300; ++i)
    obligations += std::string(i ? "," : "") + R"({"category":"court_fee","amount":1000000000000000})";
  obligations += "]";
  std::string line = opened_line("OV", "2025-01-02", "HN", 1000);
  line.replace(line.find(R"("obligations":)"), line.find(']', line.find(R"("obligations":)")) + 1 - line.find(R"("obligations":)"),
               obligations);
  const Refusal r = refusal_of(line);
  EXPECT_EQ(r.code, "bad_field");
  EXPECT_NE(r.message.find("total is too large"), std::string::npos) << r.message;
}

TEST(TextLimits, WordsOfAMultiMegabyteNameAreSplitInOnePass) {
  // 4.6 MB of words, 200,000 of them distinct: the splitting was quadratic in
  // both the text (ICU edits in place) and the words (a linear search).
  std::string name;
  for (int i = 0; i < 200'000; ++i) name += "Nguyễn Đặng-" + std::to_string(i) + " ";
  ASSERT_GT(name.size(), 4'000'000u);
  const auto words = tokens(name);
  ASSERT_EQ(words.size(), 2u + 200'000u);
  EXPECT_EQ(words[0], "nguyen");
  EXPECT_EQ(words[1], "dang");
  EXPECT_EQ(words[2], "0");
  EXPECT_EQ(words.back(), "199999");
  // Folding in pieces gives what folding each copy gives, at every kind of
  // cut: before a space, before an ASCII letter, at a character boundary.
  auto times = [](const std::string& s, int k) {
    std::string out;
    for (int i = 0; i < k; ++i) out += s;
    return out;
  };
  const std::string small = "Nguyễn Thị Ánh Tuyết, ĐẶNG Văn Ơn ";
  EXPECT_EQ(fold(times(small, 2000)), times(fold(small), 2000));
  EXPECT_EQ(fold(times("ễa", 10000)), times("ea", 10000));
  EXPECT_EQ(fold(times("Đặễ", 10000)), times("dae", 10000));
}

}  // namespace
}  // namespace thads
