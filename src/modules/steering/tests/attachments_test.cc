// Attached documents of progress reports (issue 17 item 1; domain/ and
// app/attachments.h): the pure checks of a citation and of a journalled
// part, the upload cut into parts, the use case on both stores (rights, a
// refused report leaves nothing, the same content stored once), the import
// of parts (order, hash, re-import) and the export–import round trip.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/support/backends.h"
#include "../../../../tests/support/seeded_store.h"
#include "../../../../tests/support/temp_store.h"
#include "../../../../tests/support/test_users.h"
#include "app/import.h"
#include "app/maintenance.h"
#include "domain/interchange.h"
#include "modules/steering/app/attachments.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {
namespace {

using json = nlohmann::json;

const std::string kSha(64, 'a');

json cite(const std::string& sha = kSha, const std::string& name = "bao-cao.pdf",
         const std::string& type = "application/pdf", int64_t size = 10) {
  return {{"sha256", sha}, {"name", name}, {"media_type", type}, {"size", size}};
}
std::string refused(const json& docs) {
  auto r = parse_attachment_refs(json{{"documents", docs}});
  return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code + ": " + std::get<Refusal>(r).message : "";
}

TEST(AttachmentRules, ACitationIsCheckedWhole) {
  EXPECT_EQ(refused(json::array({cite()})), "");
  EXPECT_EQ(refused(nullptr), "");
  EXPECT_NE(refused("x"), "");
  EXPECT_NE(refused(json::array({cite(std::string(64, 'A'))})), "");  // uppercase hex
  EXPECT_NE(refused(json::array({cite(std::string(63, 'a'))})), "");
  EXPECT_NE(refused(json::array({cite(kSha, "a/b.pdf")})), "");
  EXPECT_NE(refused(json::array({cite(kSha, "a\nb.pdf")})), "");
  EXPECT_NE(refused(json::array({cite(kSha, std::string(201, 'x'))})), "");
  EXPECT_NE(refused(json::array({cite(kSha, "x.exe", "application/x-msdownload")})), "");
  EXPECT_NE(refused(json::array({cite(kSha, "x.pdf", "application/pdf", 0)})), "");
  EXPECT_NE(refused(json::array({cite(kSha, "x.pdf", "application/pdf", kMaxAttachmentBytes + 1)})), "");
  EXPECT_NE(refused(json::array({cite(), cite()})), "");  // cited twice
  json six = json::array();
  for (int i = 0; i < 6; ++i) six.push_back(cite(std::string(63, 'b') + static_cast<char>('0' + i)));
  EXPECT_NE(refused(six), "");
  // A task report with a bad citation is refused as bad_field.
  json rep{{"kind", "task_report"}, {"task", "CT/1"},       {"body", "CA"},  {"period", "once"},
           {"seq", 1},              {"date", "2025-01-02"}, {"status", "done"}, {"text", "x"},
           {"documents", json::array({cite(kSha, "..")})}};
  auto p = parse_steering("task_report", rep, 1767225600, true);
  ASSERT_TRUE(std::holds_alternative<Refusal>(p));
  EXPECT_EQ(std::get<Refusal>(p).code, "bad_field");
}

TEST(AttachmentRules, NamesAndTypes) {
  EXPECT_EQ(media_type_of_name("Báo cáo.PDF").value_or(""), "application/pdf");
  EXPECT_EQ(media_type_of_name("anh.jpeg").value_or(""), "image/jpeg");
  EXPECT_EQ(media_type_of_name("x.docx").value_or(""), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_FALSE(media_type_of_name("x.exe"));
  EXPECT_FALSE(media_type_of_name("pdf"));
  EXPECT_FALSE(media_type_of_name("x."));
  EXPECT_FALSE(bad_file_name("Báo cáo quý 2.pdf"));
  EXPECT_TRUE(bad_file_name(""));
  EXPECT_TRUE(bad_file_name("a\\b"));
  EXPECT_TRUE(bad_file_name("\xC3\x28.pdf"));      // a broken UTF-8 sequence
  EXPECT_TRUE(bad_file_name("\xC0\xAF.pdf"));      // an overlong '/'
  EXPECT_TRUE(bad_file_name("\xED\xA0\x80.pdf"));  // a surrogate
  EXPECT_TRUE(bad_file_name("x.pdf\xE1\xBB"));     // cut short at the end
}

TEST(AttachmentRules, APartHoldsExactlyItsBytes) {
  const std::string bytes(kAttachmentPartBytes + 10, 'x');
  auto part = [&](int64_t k, int64_t parts, const std::string& content) {
    return json{{"kind", "attachment"},     {"sha256", kSha},  {"part", k},           {"parts", parts},
                {"size", static_cast<int64_t>(bytes.size())}, {"media_type", "text/plain"}, {"content", content}};
  };
  const std::string first = base64_encode(std::string_view(bytes).substr(0, kAttachmentPartBytes));
  EXPECT_TRUE(std::holds_alternative<AttachmentPart>(parse_attachment_part(part(1, 2, first))));
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_attachment_part(part(1, 3, first))));  // 2 parts, not 3
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_attachment_part(part(3, 2, first))));
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_attachment_part(part(2, 2, first))));  // the last holds 10 bytes
  EXPECT_TRUE(std::holds_alternative<AttachmentPart>(parse_attachment_part(part(2, 2, base64_encode("0123456789")))));
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_attachment_part(part(2, 2, "MDEyMzQ1Njc4OQ=!"))));
  EXPECT_TRUE(std::holds_alternative<Refusal>(parse_attachment_part(part(2, 2, "MDEy\nNDU2Nzg5"))));
}

TEST(AttachmentRules, HashAndBase64) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(base64_encode("Việt"), "Vmnhu4d0");
  EXPECT_EQ(base64_decode("Vmnhu4d0").value_or(""), "Việt");
  EXPECT_FALSE(base64_decode("Vmnhu4d"));
  EXPECT_FALSE(base64_decode("Vmnh u4d0"));
}

TEST(AttachmentRules, AnUploadIsCheckedAndCut) {
  auto code = [](const Upload& u) {
    auto r = prepare_uploads({u});
    return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : "";
  };
  EXPECT_EQ(code({"a.pdf", "application/pdf", "%PDF-1.4"}), "");
  EXPECT_EQ(code({"a.pdf", "application/pdf", ""}), "file_empty");
  EXPECT_EQ(code({"a.pdf", "application/pdf", std::string(kMaxAttachmentBytes + 1, 'x')}), "file_too_large");
  EXPECT_EQ(code({"a.exe", "application/octet-stream", "MZ"}), "file_type_not_accepted");
  EXPECT_EQ(code({"a/b.pdf", "application/pdf", "x"}), "bad_file_name");
  EXPECT_EQ(std::get<Refusal>(prepare_uploads(std::vector<Upload>(6, {"a.txt", "text/plain", "x"}))).code,
            "too_many_files");
  // The declared type wins when it is one a report may carry, else the name's.
  auto odd = std::get<std::vector<PreparedUpload>>(prepare_uploads({{"Kế hoạch.docx", "application/octet-stream", "PK"}}));
  EXPECT_EQ(odd[0].ref.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // 1.2 MB: three parts whose contents join into the file.
  std::string big(1200 * 1024, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
  auto cut = std::get<std::vector<PreparedUpload>>(prepare_uploads({{"scan.png", "image/png; x=1", big}}));
  ASSERT_EQ(cut[0].parts.size(), 3u);
  EXPECT_EQ(cut[0].ref.media_type, "image/png");
  EXPECT_EQ(cut[0].ref.sha256, sha256_hex(big));
  std::string joined;
  for (const AttachmentPart& p : cut[0].parts) {
    EXPECT_LT(p.raw.size(), 1024u * 1024u);  // an interchange line
    joined += *base64_decode(p.content_base64);
  }
  EXPECT_EQ(joined, big);
}

const char* kSeed = R"({"kind":"agency","code":"CQL","name":"Cục","level":"national","parent":null}
{"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":"CQL"}
{"kind":"agency","code":"HN-KV1","name":"Phòng THADS khu vực 1","level":"region","parent":"HN"}
{"kind":"agency","code":"HCM","name":"THADS TP HCM","level":"province","parent":"CQL"}
{"kind":"body","code":"CA-HN","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body","code":"BNC-HN","name":"Ban Nội chính Thành ủy","type":"other","agency":"HN"}
{"kind":"directive","id":"CT-05","number":"05-CT/TU","issuer":"Ban Thường vụ Thành ủy","date":"2024-11-15","title":"Tăng cường lãnh đạo","agency":"HN"}
{"kind":"directive_task","directive":"CT-05","number":"1","text":"Bố trí lực lượng cưỡng chế","bodies":["CA-HN","HN"],"owner":"BNC-HN","periodicity":"quarterly"}
)";

using testing::user;  // tests/support/test_users.h

class Attachments : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    THADS_REQUIRE_BACKEND(GetParam());
    store = testing::seeded_store(GetParam(), kSeed, now);
  }
  static json report(const char* period, const char* status = "in_progress") {
    return {{"kind", "task_report"}, {"task", "CT-05/1"}, {"period", period},
            {"date", "2025-05-20"},  {"status", status},  {"text", "Đã bố trí lực lượng"}};
  }
  int64_t journal_size() { return count_rows(store->db(), "journal"); }
  std::string code_of(const std::variant<Download, Refusal>& r) {
    return std::holds_alternative<Refusal>(r) ? std::get<Refusal>(r).code : "";
  }
  std::unique_ptr<Store> store;
  int64_t now = *parse_rfc3339("2025-06-15T03:00:00Z");
  const User police = user("ca.hn", Role::body, "HN", "CA-HN");
  const User follower = user("bnc.hn", Role::body, "HN", "BNC-HN");
  const User steering_hn = user("steer1", Role::steering, "HN");
  const User head_hcm = user("headhcm", Role::head, "HCM");
  const User admin = user("admin1", Role::admin, "HN");
};

TEST_P(Attachments, ABodyAttachesDocumentsThatItsReadersDownload) {
  std::string scan(700 * 1024, '\0');  // two parts
  for (size_t i = 0; i < scan.size(); ++i) scan[i] = static_cast<char>(i % 256);
  const std::string memo = "Biên bản họp triển khai nhiệm vụ";
  auto r = record(*store, police, report("2025-Q3"), now,
                  {{"Biên bản.txt", "text/plain", memo}, {"anh-chup.png", "image/png", scan}});
  ASSERT_TRUE(std::holds_alternative<Recorded>(r)) << std::get<Refusal>(r).message;

  // The report cites both, by content.
  Ledger l = load_ledger(store->db());
  const auto* rs = l.reports("CT-05/1", "CA-HN", "2025-Q3");
  ASSERT_NE(rs, nullptr);
  ASSERT_EQ(rs->back().p["documents"].size(), 2u);
  EXPECT_EQ(rs->back().p["documents"][1]["sha256"], sha256_hex(scan));
  EXPECT_EQ(rs->back().p["documents"][1]["size"], 700 * 1024);
  auto cells = l.cells(l.tasks().at("CT-05/1"), "CA-HN", *Date::parse("2025-06-15"));
  ASSERT_FALSE(cells.empty());
  ASSERT_EQ(cells.back().documents.size(), 2u);
  EXPECT_EQ(cells.back().documents[0].name, "Biên bản.txt");

  // The body, its follow-up owner and steering read them; another province
  // does not see them; admin reads no steering record.
  for (const User* u : {&police, &follower, &steering_hn}) {
    auto d = attachment_for(*store, *u, sha256_hex(scan), "");
    ASSERT_TRUE(std::holds_alternative<Download>(d)) << u->login << ": " << std::get<Refusal>(d).message;
    EXPECT_EQ(std::get<Download>(d).bytes, scan);
    EXPECT_EQ(std::get<Download>(d).name, "anh-chup.png");
    EXPECT_EQ(std::get<Download>(d).media_type, "image/png");
  }
  EXPECT_EQ(code_of(attachment_for(*store, head_hcm, sha256_hex(scan), "")), "not_found");
  // Nor can another province cite its hash in a report of its own to read it.
  {
    ASSERT_TRUE(std::holds_alternative<Recorded>(record_as(
        *store, nullptr, "cli",
        {{"kind", "directive"}, {"id", "CT-HCM"}, {"number", "9-CT/TU"}, {"issuer", "BTV"}, {"date", "2024-11-15"},
         {"title", "x"}, {"agency", "HCM"}}, now)));
    ASSERT_TRUE(std::holds_alternative<Recorded>(record_as(
        *store, nullptr, "cli",
        {{"kind", "directive_task"}, {"directive", "CT-HCM"}, {"number", "1"}, {"text", "x"}, {"bodies", {"HCM"}},
         {"owner", "HCM"}, {"periodicity", "quarterly"}}, now)));
    json steal = report("2025-Q3");
    steal["task"] = "CT-HCM/1";
    steal["body"] = "HCM";
    steal["documents"] = json::array({{{"sha256", sha256_hex(scan)}, {"name", "x.png"}, {"media_type", "image/png"},
                                       {"size", 700 * 1024}}});
    auto r2 = record(*store, head_hcm, steal, now);
    ASSERT_TRUE(std::holds_alternative<Refusal>(r2));
    EXPECT_EQ(std::get<Refusal>(r2).code, "not_found");
  }
  EXPECT_EQ(code_of(attachment_for(*store, admin, sha256_hex(scan), "")), "not_found");
  EXPECT_EQ(code_of(attachment_for(*store, police, std::string(64, 'f'), "")), "not_found");
  EXPECT_EQ(code_of(attachment_for(*store, police, "../../etc/passwd", "")), "not_found");

  // The same content in a later report (under another name) is stored once
  // and downloads under the name asked for.
  const int64_t before = journal_size();
  auto again = record(*store, police, report("2025-Q3", "done"), now, {{"Bien ban (ban sao).txt", "", memo}});
  ASSERT_TRUE(std::holds_alternative<Recorded>(again)) << std::get<Refusal>(again).message;
  EXPECT_EQ(journal_size(), before + 1);
  auto named = attachment_for(*store, follower, sha256_hex(memo), "Bien ban (ban sao).txt");
  EXPECT_EQ(std::get<Download>(named).name, "Bien ban (ban sao).txt");
  EXPECT_EQ(std::get<Download>(attachment_for(*store, follower, sha256_hex(memo), "")).name, "Biên bản.txt");
}

TEST_P(Attachments, ARefusedReportOrFileLeavesNothing) {
  const int64_t before = journal_size();
  // Not the police's to report: refused after the files were checked, nothing written.
  json other = report("2025-Q3");
  other["body"] = "HN";
  auto r = record(*store, police, other, now, {{"a.pdf", "application/pdf", "%PDF-1.4 x"}});
  EXPECT_EQ(std::get<Refusal>(r).code, "forbidden");
  // A file refused: the report is not recorded either.
  r = record(*store, police, report("2025-Q3"), now,
             {{"a.pdf", "application/pdf", "%PDF"}, {"virus.exe", "application/x-msdownload", "MZ"}});
  EXPECT_EQ(std::get<Refusal>(r).code, "file_type_not_accepted");
  r = record(*store, police, report("2025-Q3"), now, {{"big.pdf", "application/pdf", std::string(kMaxAttachmentBytes + 1, 'x')}});
  EXPECT_EQ(std::get<Refusal>(r).code, "file_too_large");
  // Only a task report carries files.
  json dir{{"kind", "directive"}, {"id", "CT-06"}, {"number", "06-CT/TU"}, {"issuer", "BTV"},
           {"date", "2025-01-02"},  {"title", "x"},  {"agency", "HN"}};
  EXPECT_EQ(std::get<Refusal>(record(*store, steering_hn, dir, now, {{"a.txt", "text/plain", "x"}})).code, "bad_field");
  EXPECT_EQ(journal_size(), before);
  EXPECT_TRUE(stored_attachment_parts(store->db(), sha256_hex("%PDF")).empty());
}

TEST_P(Attachments, PartsAreImportedInOrderWholeAndOnce) {
  std::string doc(600 * 1024, 'q');  // two parts
  doc[12345] = 'Z';
  const std::string sha = sha256_hex(doc);
  auto cut = std::get<std::vector<PreparedUpload>>(prepare_uploads({{"kehoach.pdf", "application/pdf", doc}}));
  const std::string p1 = cut[0].parts[0].raw, p2 = cut[0].parts[1].raw;
  auto import = [&](const std::string& text) {
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = now;
    return import_jsonl(*store, in, o);
  };
  // Part 2 before part 1: refused; the file is all or nothing.
  auto r = import(p2 + "\n" + p1 + "\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.refusals.front().refusal.code, "seq_conflict");
  EXPECT_TRUE(stored_attachment_parts(store->db(), sha).empty());
  // A last part that completes other content than its hash says: refused.
  json wrong = json::parse(p2);
  std::string tail = *base64_decode(wrong["content"].get<std::string>());
  tail[0] ^= 1;
  wrong["content"] = base64_encode(tail);
  r = import(p1 + "\n" + wrong.dump() + "\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.refusals.front().refusal.message.find("does not hash"), std::string::npos);
  // In order: stored; again: duplicates.
  const std::string rep = R"({"kind":"task_report","task":"CT-05/1","body":"CA-HN","period":"2025-Q3","seq":1,"date":"2025-05-20","status":"in_progress","text":"x","documents":[{"sha256":")" +
                          sha + R"(","name":"kehoach.pdf","media_type":"application/pdf","size":614400}]})";
  r = import(p1 + "\n" + p2 + "\n" + rep + "\n");
  ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  EXPECT_EQ(stored_attachment_parts(store->db(), sha).size(), 2u);
  r = import(p1 + "\n" + p2 + "\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.duplicates, 2);
  EXPECT_EQ(std::get<Download>(attachment_for(*store, follower, sha, "")).bytes, doc);
}

TEST_P(Attachments, ExportImportAndRebuildKeepThem) {
  const std::string doc = "Kết quả phối hợp cưỡng chế quý 3";
  ASSERT_TRUE(std::holds_alternative<Recorded>(
      record(*store, police, report("2025-Q3"), now, {{"ket-qua.txt", "text/plain", doc}})));
  std::ostringstream exported;
  export_jsonl(*store, exported);
  auto copy = Store::open(testing::fresh_location(GetParam()));
  std::istringstream in(exported.str());
  ImportOptions o;
  o.now_unix = now;
  auto imported = import_jsonl(*copy, in, o);
  ASSERT_TRUE(imported.ok()) << imported.refusals.front().refusal.message;
  rebuild(*copy);
  auto d = attachment_for(*copy, follower, sha256_hex(doc), "");
  ASSERT_TRUE(std::holds_alternative<Download>(d)) << std::get<Refusal>(d).message;
  EXPECT_EQ(std::get<Download>(d).bytes, doc);
  EXPECT_EQ(std::get<Download>(d).name, "ket-qua.txt");
  EXPECT_TRUE(copy->verify_audit().ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, Attachments, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace thads::steering
