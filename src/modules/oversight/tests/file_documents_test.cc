// The documents of an administrative-judgment monitoring file (NĐ 71/2016
// Art. 14): present, missing when the file's state requires them, optional
// otherwise; voided acts make no document.
#include <gtest/gtest.h>

#include "modules/oversight/domain/file_documents.h"

namespace thads::oversight {
namespace {

constexpr int64_t kNow = 2'000'000'000;

Act act(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  Parsed p = parse_oversight(j["kind"].get<std::string>(), j, kNow, true);
  if (auto* r = std::get_if<Refusal>(&p)) ADD_FAILURE() << r->code << ": " << r->message << " in " << text;
  return std::get<Act>(p);
}

std::string aj(int seq, const std::string& type, const std::string& date, const std::string& extra = "") {
  return R"({"kind":"admin_judgment","id":"X-HC-1","seq":)" + std::to_string(seq) + R"(,"type":")" + type +
         R"(","date":")" + date + "\"" + extra + "}";
}

const std::string kReceived =
    R"({"kind":"admin_judgment","id":"X-HC-1","seq":1,"type":"received","date":"2025-04-21","agency":"HN",)"
    R"("judgment":{"number":"1/2025/HC-ST","court":"TAND","date":"2025-03-10","effective_date":"2025-04-10"},)"
    R"("ruling":"annul_decision","debtor":{"name":"UBND tỉnh A","level":"province"},"creditor":{"name":"B"},)"
    R"("obligation":"Hủy quyết định"})";

Stream stream_of(const std::vector<std::string>& lines) {
  Stream s;
  for (const std::string& l : lines) s.append(act(l));
  return s;
}

std::map<std::string, FileDocument::State> states(const Stream& s) {
  std::map<std::string, FileDocument::State> out;
  for (const FileDocument& d : admin_file_documents(s)) out[d.key] = d.state;
  return out;
}

using S = FileDocument::State;

TEST(FileDocuments, ANewFileLacksItsNoticeAndReportOnly) {
  auto st = states(stream_of({kReceived}));
  EXPECT_EQ(st["received"], S::present);
  EXPECT_EQ(st["notice_sent"], S::missing);
  EXPECT_EQ(st["debtor_reported"], S::missing);
  EXPECT_EQ(st["compel_order"], S::optional);
  EXPECT_EQ(st["debtor_met"], S::optional);
  EXPECT_EQ(st["published"], S::optional);
  EXPECT_EQ(st["discipline_recommended"], S::optional);
}

TEST(FileDocuments, ACompelOrderRequiresTheMinutesTheInstructionAndThePublication) {
  const Stream s = stream_of({kReceived, aj(2, "notice_sent", "2025-04-22"),
                              aj(3, "compel_order", "2025-06-02", R"(,"number":"1/QĐ","court":"TAND","order_date":"2025-05-30")"),
                              aj(4, "debtor_met", "2025-06-03")});
  auto st = states(s);
  EXPECT_EQ(st["notice_sent"], S::present);
  EXPECT_EQ(st["compel_order"], S::present);
  EXPECT_EQ(st["debtor_met"], S::present);
  EXPECT_EQ(st["superior_instructed"], S::missing);
  EXPECT_EQ(st["published"], S::missing);
  for (const FileDocument& d : admin_file_documents(s))
    if (d.key == "debtor_met") {
      ASSERT_EQ(d.dates.size(), 1u);
      EXPECT_EQ(d.dates[0].iso(), "2025-06-03");
      EXPECT_EQ(d.article, "Điều 14 NĐ 71/2016");
    }
}

TEST(FileDocuments, AVoidedActMakesNoDocument) {
  const Stream s = stream_of({kReceived, aj(2, "notice_sent", "2025-04-22"),
                              aj(3, "voided", "2025-04-23", R"(,"voids":2,"reason":"Nhầm hồ sơ")")});
  EXPECT_EQ(states(s)["notice_sent"], S::missing);
}

}  // namespace
}  // namespace thads::oversight
