// The register of bodies a server holds for the case page (issue 18,
// app/held_bodies.h): a body an admin adds or renames, through this server
// or through another store handle (another server process), is on the next
// case page at once, in the requests section's send form and in the name of
// a request sent to it; the register is not read again for a case event.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "../../../../tests/support/record_as.h"
#include "app/read_cache.h"
#include "modules/coordination/app/held_bodies.h"

namespace thads::testing {
namespace {

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-VPDK","name":"Văn phòng Đăng ký đất đai Hà Nội","type":"land_registry","agency":"HN"}
)";
}

bool has(const HttpResponse& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

TEST(HttpHeldBodies, ABodyAddedOrRenamedIsOnTheNextCasePage) {
  TestServer server(seed());
  Client officer = server.client(), admin = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(admin.login("admin1"), 200);
  auto page = officer.get("/cases/HN-1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "<option value=\"HN-VPDK\""));
  EXPECT_FALSE(has(page, "<option value=\"HN-NH-9\""));

  // Added through this server.
  ASSERT_EQ(admin.post_json("/api/v1/bodies", {{"code", "HN-NH-9"}, {"name", "Ngân hàng Chín"}, {"type", "bank"}, {"agency", "HN"}}).status, 201);
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "<option value=\"HN-NH-9\"")) << page.body;
  EXPECT_TRUE(has(page, "Ngân hàng Chín (HN-NH-9)"));

  // A request sent to it shows its name; renamed, the new name.
  auto r = officer.post_form("/cases/HN-1/requests", {{"date", "06/01/2025"}, {"body", "HN-NH-9"}, {"purpose", "verify_assets"},
                                                      {"subject.name", "Nguyễn Văn Bình"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(has(officer.get("/cases/HN-1"), "<td>Ngân hàng Chín</td>"));
  ASSERT_EQ(admin.put_json("/api/v1/bodies/HN-NH-9", {{"name", "Ngân hàng Chín Mới"}, {"expected_changes", 0}}).status, 200);
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "<td>Ngân hàng Chín Mới</td>")) << page.body;
  EXPECT_TRUE(has(page, "Ngân hàng Chín Mới (HN-NH-9)"));

  // Added and renamed by another store handle (another server process).
  {
    auto other = Store::open(server.db());
    std::istringstream in(R"({"kind":"body","code":"HN-CA","name":"Công an thành phố Hà Nội","type":"police","agency":"HN"}
{"kind":"body_change","code":"HN-VPDK","seq":1,"name":"Chi nhánh Văn phòng Đăng ký đất đai"}
)");
    ImportOptions opt;
    opt.now_unix = server.now();
    ASSERT_TRUE(import_jsonl(*other, in, opt).ok());
  }
  page = officer.get("/cases/HN-1");
  EXPECT_TRUE(has(page, "Công an thành phố Hà Nội (HN-CA)")) << page.body;
  EXPECT_TRUE(has(page, "Chi nhánh Văn phòng Đăng ký đất đai (HN-VPDK)"));
}

TEST(HeldBodies, TheRegisterIsKeptUntilABodyRecordIsWritten) {
  const std::string db = temp_dir() + "/held_bodies.db";
  auto store = Store::open(db);
  auto add = [&](const std::string& jsonl) {
    std::istringstream in(jsonl);
    ImportOptions opt;
    opt.now_unix = 1'750'000'000;
    const ImportResult r = import_jsonl(*store, in, opt);
    ASSERT_TRUE(r.ok()) << r.refusals.front().refusal.message;
  };
  add(seed());
  ReadCache cache(0.0);
  const auto first = coordination::held_body_register(*store, cache);
  ASSERT_NE(first->find("HN-VPDK"), nullptr);
  EXPECT_EQ(coordination::held_body_register(*store, cache), first);
  auto v = case_summary(store->db(), "HN-1");
  ASSERT_TRUE(v);
  ASSERT_TRUE(std::holds_alternative<Recorded>(record_as_head(
      *store, "HN-1", v->version, {{"type", "collected"}, {"date", "2025-05-30"}, {"amount", 1000}, {"method", "voluntary"}},
      "officer1", 1'750'000'000)));
  EXPECT_EQ(coordination::held_body_register(*store, cache), first);  // a case event: kept
  add(R"({"kind":"body_change","code":"HN-VPDK","seq":1,"active":false})" "\n");
  const auto second = coordination::held_body_register(*store, cache);
  EXPECT_NE(second, first);
  ASSERT_NE(second->find("HN-VPDK"), nullptr);
  EXPECT_FALSE(second->find("HN-VPDK")->active);
  // Two servers (two caches) of one process hold their own registers.
  ReadCache another(0.0);
  EXPECT_NE(coordination::held_body_register(*store, another), second);
}

}  // namespace
}  // namespace thads::testing
