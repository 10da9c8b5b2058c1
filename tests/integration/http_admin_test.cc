// The administrator's pages and use cases (issue 13, "an admin who can
// administer"): accounts (edit, deactivate, reset, unlock), reference data
// (holidays, targets, agencies, officers), settings, and the import by
// upload; every change journaled with its actor, rights checked inside the
// transaction, refusals in Vietnamese naming the field.
#include <gtest/gtest.h>

#include "app/user_admin.h"
#include "http/refusal_text.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The last journal entry of kind "user" for `login`: (actor, action).
std::pair<std::string, std::string> last_user_entry(const std::string& db, const std::string& login) {
  auto store = Store::open(db);
  std::pair<std::string, std::string> out;
  store->for_each_entry([&](const JournalEntry& e) {
    if (e.kind == "user" && e.stream == login)
      out = {e.actor, nlohmann::json::parse(e.body).value("action", "")};
  });
  return out;
}

int64_t journal_size(const std::string& db) { return Store::open(db)->journal_size(); }

}  // namespace

TEST(HttpAdmin, AnAdminEditsRoleAgencyAndOfficerAndTheOfficerMustBeOfTheAgency) {
  TestServer server;
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  // An officer's account names an officer record of its own agency.
  auto none = admin.post_form("/admin/users/clerk1", {{"action", "edit"}, {"role", "officer"}, {"agency", "HN-KV1"}, {"officer", ""}});
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(contains(none.body, "Chấp hành viên:")) << none.body;
  auto other = admin.post_form("/admin/users/clerk1",
                               {{"action", "edit"}, {"role", "officer"}, {"agency", "HN-KV2"}, {"officer", "HN-CHV-2"}});
  EXPECT_EQ(other.status, 422);
  EXPECT_TRUE(contains(other.body, "data-code=\"officer_outside_agency\"")) << other.body;
  auto ok = admin.post_form("/admin/users/clerk1",
                            {{"action", "edit"}, {"role", "officer"}, {"agency", "HN-KV1"}, {"officer", "HN-CHV-2"}});
  EXPECT_EQ(ok.status, 303);
  auto page = admin.get("/admin/users/clerk1?done=edit");
  EXPECT_TRUE(contains(page.body, "HN-CHV-2"));
  EXPECT_TRUE(contains(page.body, "Chấp hành viên</td>") || contains(page.body, "id=\"user-role\">Chấp hành viên"));
  EXPECT_EQ(last_user_entry(server.db(), "clerk1"), (std::pair<std::string, std::string>{"admin1", "edited"}));
  // Only administrators: a head gets 403 on the pages.
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  EXPECT_EQ(head.get("/admin/users/clerk1").status, 403);
  EXPECT_EQ(head.post_form("/admin/users/clerk1", {{"action", "deactivate"}}).status, 403);
  EXPECT_EQ(head.get("/admin/holidays").status, 403);
}

TEST(HttpAdmin, RightsAreCheckedInsideTheUseCase) {
  TestServer server;
  auto store = Store::open(server.db());
  // Not an admin, an account outside the admin's subtree, an admin deactivating himself.
  EXPECT_EQ(std::get<Refusal>(admin_set_active(*store, "head1", "clerk1", false, server.now())).code, "forbidden");
  ASSERT_EQ(add_user(*store, NewUser{"hcm.clerk", "clerk", "HCM", ""}, kPassword, "test", server.now()).index(), 0u);
  EXPECT_EQ(std::get<Refusal>(admin_set_active(*store, "admin1", "hcm.clerk", false, server.now())).code, "unknown_user");
  EXPECT_EQ(std::get<Refusal>(admin_set_active(*store, "admin1", "admin1", false, server.now())).code, "bad_field");
  EXPECT_EQ(std::get<Refusal>(edit_user(*store, "admin1", "clerk1", UserEdit{"clerk", "HCM", ""}, server.now())).code,
            "unknown_agency");
  EXPECT_TRUE(find_user(*store, "hcm.clerk")->active);
}

TEST(HttpAdmin, DeactivationEndsTheSessionsAndReactivationLetsTheUserBack) {
  TestServer server;
  Client admin = server.client(), officer = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  EXPECT_EQ(officer.get("/queue").status, 200);
  EXPECT_EQ(admin.post_form("/admin/users/officer1", {{"action", "deactivate"}}).status, 303);
  EXPECT_EQ(officer.get("/queue").status, 303);  // to /login
  EXPECT_EQ(server.client().login("officer1"), 401);
  EXPECT_EQ(last_user_entry(server.db(), "officer1").second, "deactivated");
  EXPECT_EQ(admin.post_form("/admin/users/officer1", {{"action", "activate"}}).status, 303);
  EXPECT_EQ(server.client().login("officer1"), 200);
}

TEST(HttpAdmin, AResetPasswordFollowsThePolicyAndMustBeChangedAtNextLogin) {
  TestServer server;
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  auto weak = admin.post_form("/admin/users/officer1", {{"action", "reset"}, {"password", "123456789012"}, {"confirm_password", "123456789012"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(contains(weak.body, "Mật khẩu: Mật khẩu phải có ít nhất 12 ký tự")) << weak.body;
  const std::string fresh = "ca-phe-sua-da-9";
  EXPECT_EQ(admin.post_form("/admin/users/officer1", {{"action", "reset"}, {"password", fresh}, {"confirm_password", fresh}}).status, 303);
  EXPECT_EQ(last_user_entry(server.db(), "officer1"), (std::pair<std::string, std::string>{"admin1", "password_reset"}));
  Client officer = server.client();
  EXPECT_EQ(officer.login("officer1"), 401);  // the old password no longer works
  ASSERT_EQ(officer.login("officer1", fresh), 200);
  auto q = officer.get("/queue");
  EXPECT_EQ(q.status, 303);
  EXPECT_EQ(q.header("location"), "/password?must=1");
  EXPECT_EQ(officer.get("/api/v1/deadlines").status, 403);
  const std::string mine = "tra-da-via-he-7";
  EXPECT_EQ(officer.post_form("/password", {{"old_password", fresh}, {"new_password", mine}, {"confirm_password", mine}}).status, 303);
  EXPECT_EQ(officer.get("/queue").status, 200);
}

TEST(HttpAdmin, AnAdminUnlocksAnAccountLockedByFailedLogins) {
  TestServer server;
  Client c = server.client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("officer1", "wrong-password-" + std::to_string(i)), 401);
  EXPECT_EQ(c.login("officer1"), 429);
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  EXPECT_TRUE(contains(admin.get("/admin/users").body, "bị tạm khóa đăng nhập"));
  EXPECT_TRUE(contains(admin.get("/admin/users/officer1").body, "id=\"user-unlock\""));
  EXPECT_EQ(admin.post_form("/admin/users/officer1", {{"action", "unlock"}}).status, 303);
  EXPECT_EQ(last_user_entry(server.db(), "officer1").second, "unlocked");
  EXPECT_EQ(server.client().login("officer1"), 200);
}

TEST(HttpAdmin, HolidaysTargetsAgenciesAndOfficersAreAddedAndJournaledWithTheAdmin) {
  TestServer server;
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  EXPECT_EQ(admin.post_form("/admin/holidays", {{"date", "16/02/2027"}, {"type", "day_off"}, {"name", "Tết Nguyên đán"},
                                                {"notice", "123/TB-LĐTBXH"}}).status, 303);
  EXPECT_TRUE(contains(admin.get("/admin/holidays").body, "16/02/2027"));
  EXPECT_EQ(admin.post_form("/admin/targets", {{"agency", "HN-KV1"}, {"fiscal_year", "2026"}, {"cases_rate", "80,5"},
                                               {"money_rate", "45"}}).status, 303);
  EXPECT_TRUE(contains(admin.get("/admin/targets").body, "80,50%"));
  // A second, different target for the same agency and year is refused, in Vietnamese.
  auto again = admin.post_form("/admin/targets", {{"agency", "HN-KV1"}, {"fiscal_year", "2026"}, {"cases_rate", "70"}, {"money_rate", "45"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(contains(again.body, "data-code=\"seq_conflict\""));
  EXPECT_EQ(admin.post_form("/admin/agencies", {{"code", "HN-KV3"}, {"name", "Phòng THADS khu vực 3 - Hà Nội"},
                                                {"level", "region"}, {"parent", "HN"}}).status, 303);
  EXPECT_EQ(admin.post_form("/admin/officers", {{"id", "HN-CHV-9"}, {"name", "Đỗ Văn Chín"}, {"agency", "HN-KV3"},
                                                {"role", "enforcement_officer"}}).status, 303);
  auto bad_date = admin.post_form("/admin/holidays", {{"date", "31/02/2027"}, {"type", "day_off"}, {"name", "x"}});
  EXPECT_EQ(bad_date.status, 422);
  auto store = Store::open(server.db());
  std::map<std::string, std::string> actor_of;
  store->for_each_entry([&](const JournalEntry& e) { actor_of[e.kind + "/" + e.stream] = e.actor; });
  EXPECT_EQ(actor_of["holiday/2027-02-16"], "admin1");
  EXPECT_EQ(actor_of["target/HN-KV1/2026"], "admin1");
  EXPECT_EQ(actor_of["agency/HN-KV3"], "admin1");
  EXPECT_EQ(actor_of["officer/HN-CHV-9"], "admin1");
}

TEST(HttpAdmin, TheDashboardWarnsWhenTheCalendarEndsWithinSixMonths) {
  TestServer server;
  Client head = server.client(), admin = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(admin.login("admin1"), 200);
  // The shipped calendar ends in 2026 (its last official notice).
  EXPECT_TRUE(contains(head.get("/dashboard").body, "id=\"calendar-warning\""));
  // A day off more than six months ahead: the calendar reaches far enough.
  const Date later = Date::from_days(vn_date_of(server.now()).days() + 200);
  ASSERT_EQ(admin.post_form("/admin/holidays", {{"date", later.vn()}, {"type", "day_off"}, {"name", "Tết Nguyên đán"}}).status, 303);
  EXPECT_FALSE(contains(head.get("/dashboard").body, "id=\"calendar-warning\""));
}

TEST(HttpAdmin, SettingsAreShownReadOnlyWithTheirArticles) {
  TestServer server;
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  auto r = admin.get("/admin/settings");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "notify_wd_2025"));
  EXPECT_TRUE(contains(r.body, "Điều 39(2) Luật THADS"));
  EXPECT_FALSE(contains(r.body, "<form method=\"post\" action=\"/admin/settings\""));
}

TEST(HttpAdmin, AnUploadWithOneBadLineIsRefusedLineByLineAndStoresNothing) {
  TestServer server;
  Client admin = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  const int64_t before = journal_size(server.db());
  const std::string file =
      R"({"kind":"officer","id":"HN-CHV-7","name":"Ngô Thị Bảy","agency":"HN-KV1","role":"enforcement_officer"})"
      "\n"
      R"({"kind":"officer","id":"HN-CHV-8","name":"Hồ Văn Tám","agency":"NOWHERE","role":"enforcement_officer"})"
      "\n";
  std::string body;
  const std::string b = "----thadsboundary7";
  body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + admin.csrf + "\r\n--" + b +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
         file + "\r\n--" + b + "--\r\n";
  std::string cookie;
  for (const auto& [k, v] : admin.cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  auto r = http_request(server.port(), "POST", "/admin/import", body,
                        {{"Content-Type", "multipart/form-data; boundary=" + b}, {"Cookie", cookie}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(contains(r.body, "data-line=\"2\"")) << r.body;
  EXPECT_TRUE(contains(r.body, "Dòng 2: Cơ quan: Không tìm thấy cơ quan thi hành án.")) << r.body;
  EXPECT_EQ(journal_size(server.db()), before);  // nothing stored
  // The good line alone is stored.
  const std::string good = file.substr(0, file.find('\n') + 1);
  body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + admin.csrf + "\r\n--" + b +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\n\r\n" + good + "\r\n--" + b + "--\r\n";
  r = http_request(server.port(), "POST", "/admin/import", body,
                   {{"Content-Type", "multipart/form-data; boundary=" + b}, {"Cookie", cookie}});
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(journal_size(server.db()), before + 1);
}

TEST(HttpAdmin, TheApiEditsResetsUnlocksAndImportsWithStableCodes) {
  TestServer server;
  Client admin = server.client(), head = server.client();
  ASSERT_EQ(admin.login("admin1"), 200);
  ASSERT_EQ(head.login("head1"), 200);
  EXPECT_EQ(head.put_json("/api/v1/users/clerk1", {{"role", "head"}, {"agency", "HN-KV1"}}).status, 403);
  auto bad = admin.put_json("/api/v1/users/clerk1", {{"role", "officer"}, {"agency", "HN-KV1"}, {"officer", "HCM-CHV-1"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["code"], "officer_outside_agency");
  auto ok = admin.put_json("/api/v1/users/clerk1", {{"role", "head"}, {"agency", "HN-KV2"}, {"active", false}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["role"], "head");
  EXPECT_EQ(ok.json()["active"], false);
  EXPECT_EQ(admin.put_json("/api/v1/users/officer1/password", {{"password", "short"}}).json()["error"]["code"], "weak_password");
  auto reset = admin.put_json("/api/v1/users/officer1/password", {{"password", "mot-mat-khau-moi-3"}});
  EXPECT_EQ(reset.json()["must_change_password"], true);
  EXPECT_EQ(admin.del("/api/v1/users/officer1/lock").status, 200);
  EXPECT_EQ(last_user_entry(server.db(), "officer1").second, "unlocked");
  // Import: JSON Lines only; one bad line refuses the whole file.
  const std::string file =
      R"({"kind":"officer","id":"HN-CHV-7","name":"Ngô Thị Bảy","agency":"HN-KV1","role":"enforcement_officer"})"
      "\n"
      R"({"kind":"officer","id":"HN-CHV-8","name":"Hồ Văn Tám","agency":"NOWHERE","role":"enforcement_officer"})"
      "\n";
  std::string cookie;
  for (const auto& [k, v] : admin.cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  const std::map<std::string, std::string> h{{"Content-Type", "application/x-ndjson"}, {"Cookie", cookie}, {"X-CSRF-Token", admin.csrf}};
  const int64_t before = journal_size(server.db());
  auto refused = http_request(server.port(), "POST", "/api/v1/imports", file, h);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["refusals"][0]["line"], 2);
  EXPECT_EQ(refused.json()["refusals"][0]["code"], "unknown_agency");
  EXPECT_EQ(journal_size(server.db()), before);
  auto stored = http_request(server.port(), "POST", "/api/v1/imports", file.substr(0, file.find('\n') + 1), h);
  EXPECT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.json()["references_added"], 1);
  EXPECT_EQ(admin.post_json("/api/v1/imports", nlohmann::json::object()).status, 415);
}

TEST(RefusalText, NamesTheFieldInVietnamese) {
  EXPECT_EQ(http::refusal_text({"bad_field", "missing field 'number'", ""}), "Số: Chưa nhập; đây là thông tin bắt buộc.");
  EXPECT_EQ(http::refusal_field({"bad_field", "field 'judgment.date' (2031-01-01) is after", ""}), "judgment.date");
  EXPECT_EQ(http::field_label_vi("judgment.date"), "Ngày bản án, quyết định");
  EXPECT_EQ(http::field_label_vi("debtor.kind"), "");
  EXPECT_EQ(http::refusal_text({"over_collection", "x", ""}).rfind("Số tiền: ", 0), 0u);
}

}  // namespace thads::testing
