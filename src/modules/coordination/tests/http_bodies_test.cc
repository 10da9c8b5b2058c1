// The register of bodies over HTTP (issue 16 item 1): an admin lists the
// bodies of their area, adds one (the `body` record of oversight.md), corrects
// it and deactivates it (`body_change`); other roles and other areas are
// refused; what the pages and the API wrote survives export, import into an
// empty store and rebuild.
#include <gtest/gtest.h>

#include <sstream>

#include "../../../../tests/integration/http_test_support.h"
#include "app/maintenance.h"
#include "modules/coordination/store/coordination_store.h"

namespace thads::testing {
namespace {

using json = nlohmann::json;

// By value: a range-for over r.json()["items"] would walk a destroyed temporary.
json items_of(const HttpResponse& r) { return r.json()["items"]; }

std::string seed() {
  return web_seed() +
         R"({"kind":"body","code":"HN-NH-1","name":"Ngân hàng A chi nhánh Hà Nội","type":"bank","agency":"HN"}
{"kind":"body","code":"HCM-NH-1","name":"Ngân hàng B chi nhánh TP HCM","type":"bank","agency":"HCM"}
)";
}

std::string exported(const std::string& db) {
  auto store = Store::open(db);
  std::ostringstream out;
  export_jsonl(*store, out);
  return out.str();
}

TEST(HttpBodies, AnAdminAddsCorrectsAndDeactivatesTheBodiesOfTheirArea) {
  TestServer server(seed());
  Client admin = server.client(), officer = server.client(), steering = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(steering.login("steering1"), 200);

  auto page = admin.get("/admin/bodies");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("data-code=\"HN-NH-1\""), std::string::npos);
  EXPECT_EQ(page.body.find("HCM-NH-1"), std::string::npos);  // another area
  EXPECT_EQ(officer.get("/admin/bodies").status, 403);
  EXPECT_EQ(officer.post_form("/admin/bodies", {{"code", "X"}, {"name", "X"}, {"type", "bank"}, {"agency", "HN"}}).status, 403);

  auto r = admin.post_form("/admin/bodies", {{"code", "HN-VPDKDD"}, {"name", "Văn phòng Đăng ký đất đai Hà Nội"},
                                             {"type", "land_registry"}, {"agency", "HN-KV1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/admin/bodies?ok=added");
  page = admin.get("/admin/bodies?type=land_registry");
  EXPECT_NE(page.body.find("data-code=\"HN-VPDKDD\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-code=\"HN-NH-1\""), std::string::npos);
  // The same code again: refused in Vietnamese on the same form, what was typed kept.
  r = admin.post_form("/admin/bodies", {{"code", "HN-VPDKDD"}, {"name", "Khác"}, {"type", "bank"}, {"agency", "HN"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("<code id=\"refusal-code\">seq_conflict</code>"), std::string::npos);
  EXPECT_NE(r.body.find("value=\"Khác\""), std::string::npos);
  // Outside the admin's area, and a national body from a provincial admin.
  EXPECT_EQ(admin.post_json("/api/v1/bodies", {{"code", "HCM-2"}, {"name", "B"}, {"type", "tax"}, {"agency", "HCM"}}).status, 403);
  EXPECT_EQ(admin.post_json("/api/v1/bodies", {{"code", "VN-1"}, {"name", "B"}, {"type", "tax"}}).status, 403);
  auto bad = admin.post_json("/api/v1/bodies", {{"code", "HN-2"}, {"name", "B"}, {"type", "ministry"}, {"agency", "HN"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["code"], "bad_field");  // errors are {"error":{"code",…}} (api_error)

  // Correct the name through the API; a stale version is a conflict.
  auto c = admin.put_json("/api/v1/bodies/HN-VPDKDD", {{"name", "Chi nhánh Văn phòng Đăng ký đất đai quận Cầu Giấy"}, {"expected_changes", 0}});
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json()["changes"], 1);
  EXPECT_EQ(admin.put_json("/api/v1/bodies/HN-VPDKDD", {{"name", "Y"}, {"expected_changes", 0}}).status, 409);
  EXPECT_EQ(admin.put_json("/api/v1/bodies/HCM-NH-1", {{"name", "Y"}, {"expected_changes", 0}}).status, 404);
  EXPECT_EQ(admin.put_json("/api/v1/bodies/HN-VPDKDD", {{"agency", "HCM"}, {"expected_changes", 1}}).status, 403);
  // Deactivate on the page: no longer offered for new requests.
  r = admin.post_form("/admin/bodies/HN-VPDKDD", {{"action", "deactivate"}, {"expected_changes", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = admin.get("/admin/bodies/HN-VPDKDD");
  EXPECT_NE(page.body.find("data-active=\"false\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("id=\"body-activate\""), std::string::npos);
  auto list = officer.get("/api/v1/bodies?active=true");
  ASSERT_EQ(list.status, 200);
  for (const auto& b : items_of(list)) EXPECT_NE(b["code"], "HN-VPDKDD");
  auto one = officer.get("/api/v1/bodies/HN-VPDKDD");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json()["active"], false);
  EXPECT_EQ(one.json()["name"], "Chi nhánh Văn phòng Đăng ký đất đai quận Cầu Giấy");
  EXPECT_EQ(officer.get("/api/v1/bodies/HCM-NH-1").status, 404);
  EXPECT_EQ(steering.get("/api/v1/bodies").status, 403);

  // Exactly the records: one `body`, two `body_change`; the same after a
  // round trip into an empty store, and after a rebuild.
  const std::string text = exported(server.db());
  EXPECT_NE(text.find(R"({"agency":"HN-KV1","code":"HN-VPDKDD","kind":"body","name":"Văn phòng Đăng ký đất đai Hà Nội","type":"land_registry"})"),
            std::string::npos) << text;
  EXPECT_NE(text.find(R"("active":false,"actor":"admin1","code":"HN-VPDKDD","kind":"body_change")"), std::string::npos) << text;
  const std::string copy = temp_dir() + "/copy.db";
  {
    auto store = Store::open(copy);
    std::istringstream in(text);
    ImportOptions o;
    o.now_unix = server.now();
    auto res = import_jsonl(*store, in, o);
    ASSERT_TRUE(res.ok()) << res.refusals.front().refusal.message;
    std::istringstream again(text);
    EXPECT_TRUE(import_jsonl(*store, again, o).ok());  // idempotent
    rebuild(*store);
    auto e = coordination::body_entry(store->db(), "HN-VPDKDD");
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->active);
    EXPECT_EQ(e->changes, 2);
    EXPECT_EQ(e->body.name, "Chi nhánh Văn phòng Đăng ký đất đai quận Cầu Giấy");
  }
  EXPECT_EQ(exported(copy), text);
}

TEST(HttpBodies, AnImportedChangeOfAnUnknownBodyOrWithAGapIsRefused) {
  TestServer server(seed());
  auto store = Store::open(server.db());
  ImportOptions o;
  o.now_unix = server.now();
  std::istringstream unknown(R"({"kind":"body_change","code":"NOPE","seq":1,"active":false})" "\n");
  auto res = import_jsonl(*store, unknown, o);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.refusals.front().refusal.code, "unknown_body");
  std::istringstream gap(R"({"kind":"body_change","code":"HN-NH-1","seq":2,"active":false})" "\n");
  res = import_jsonl(*store, gap, o);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.refusals.front().refusal.code, "seq_gap");
  std::istringstream empty(R"({"kind":"body_change","code":"HN-NH-1","seq":1})" "\n");
  res = import_jsonl(*store, empty, o);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.refusals.front().refusal.code, "bad_field");
  std::istringstream ok(R"({"kind":"body_change","code":"HN-NH-1","seq":1,"active":false}
{"kind":"body_change","code":"HN-NH-1","seq":2,"name":"Ngân hàng A"})" "\n");
  ASSERT_TRUE(import_jsonl(*store, ok, o).ok());
  auto e = coordination::body_entry(store->db(), "HN-NH-1");
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->active);
  EXPECT_EQ(e->body.name, "Ngân hàng A");
}

}  // namespace
}  // namespace thads::testing
