// The server's cache of built cases (CaseCache) and of rendered frames
// (Templates::render with fills): a cached answer is always the answer a
// fresh build would give, whoever wrote the change (this server or another
// store handle), whatever changed (an event, the holidays, the day), and
// nothing is built for a caller who may not read the case.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/record_as.h"
#include "app/case_commands.h"
#include "app/import.h"
#include "app/case_detail.h"
#include "http/templates.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

class CaseCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = temp_dir() + "/cache.db";
    store_ = Store::open(db_);
    std::istringstream in(web_seed());
    ImportOptions opt;
    opt.now_unix = 1'790'000'000;
    ASSERT_TRUE(import_jsonl(*store_, in, opt).ok());
  }

  CaseCache::Read read(CaseCache& cache, const std::string& id, Date today, bool api = true) {
    auto r = cache.read(*store_, id, today, api, [](const CaseScope&) { return Verdict::allow; });
    EXPECT_TRUE(std::holds_alternative<CaseCache::Read>(r));
    return std::get<CaseCache::Read>(r);
  }
  // What a build without any cache answers.
  std::string fresh_api(const std::string& id, Date today) {
    auto d = load_case_detail(*store_, id, today);
    return d ? case_json_text(*d) : std::string();
  }

  std::string db_;
  std::unique_ptr<Store> store_;
  const Date today_ = *Date::parse("2025-06-02");
};

TEST_F(CaseCacheTest, AHitIsTheSameBuildUntilAnotherHandleWritesTheCase) {
  CaseCache cache;
  const auto first = read(cache, "HN-1", today_);
  EXPECT_EQ(first.scope.agency, "HN-KV1");
  EXPECT_EQ(first.scope.officer, "HN-CHV-1");
  EXPECT_EQ(officer_name(*store_, first.scope.officer), "Nguyễn Văn An");
  EXPECT_EQ(read(cache, "HN-1", today_).detail, first.detail);  // kept
  EXPECT_EQ(*first.api_body, fresh_api("HN-1", today_));

  // Another store handle (another process) records a collection.
  auto other = Store::open(db_);
  auto rec = record_as_head(*other, "HN-1", first.detail->view.version,
                          {{"type", "collected"}, {"date", "2025-05-30"}, {"amount", 1000000}, {"method", "voluntary"}},
                          "officer1", 1'750'000'000);
  ASSERT_TRUE(std::holds_alternative<Recorded>(rec));
  const auto after = read(cache, "HN-1", today_);
  EXPECT_NE(after.detail, first.detail);
  EXPECT_EQ(after.detail->view.version, first.detail->view.version + 1);
  EXPECT_EQ(after.detail->view.collected, 1000000);
  EXPECT_EQ(*after.api_body, fresh_api("HN-1", today_));
  EXPECT_NE(*after.api_body, *first.api_body);
}

TEST_F(CaseCacheTest, HolidaysAddedLaterAndANewDayRebuildTheCase) {
  CaseCache cache;
  const auto before = read(cache, "HN-1", today_);
  std::istringstream in(R"({"kind":"holiday","date":"2025-05-05","type":"day_off","name":"Nghỉ bù"})" "\n");
  ImportOptions opt;
  opt.now_unix = 1'750'000'000;
  ASSERT_TRUE(import_jsonl(*store_, in, opt).ok());
  const auto after = read(cache, "HN-1", today_);
  EXPECT_NE(after.detail, before.detail);  // the deadlines are counted in working days
  EXPECT_EQ(*after.api_body, fresh_api("HN-1", today_));

  const Date tomorrow = today_.plus_days(1);
  const auto next_day = read(cache, "HN-1", tomorrow);
  EXPECT_NE(next_day.detail, after.detail);
  EXPECT_EQ(*next_day.api_body, fresh_api("HN-1", tomorrow));
}

// A holiday corrected later (reference_change, docs/formats/reference-change.md)
// changes the calendar as a new holiday does: the built case is built again.
TEST_F(CaseCacheTest, AHolidayCorrectedLaterRebuildsTheCase) {
  ImportOptions opt;
  opt.now_unix = 1'750'000'000;
  std::istringstream holiday(R"({"kind":"holiday","date":"2025-05-05","type":"day_off","name":"Nghỉ bù"})" "\n");
  ASSERT_TRUE(import_jsonl(*store_, holiday, opt).ok());
  CaseCache cache;
  const auto before = read(cache, "HN-1", today_);
  EXPECT_EQ(read(cache, "HN-1", today_).detail, before.detail);  // held while nothing changes
  std::istringstream fix(
      R"({"kind":"reference_change","record":"holiday","key":"2025-05-05","seq":1,"type":"working_day","reason":"Nhập nhầm ngày"})"
      "\n");
  opt.now_unix = 1'750'000'100;
  ASSERT_TRUE(import_jsonl(*store_, fix, opt).ok());
  const auto after = read(cache, "HN-1", today_);
  EXPECT_NE(after.detail, before.detail);
  EXPECT_EQ(*after.api_body, fresh_api("HN-1", today_));
}

TEST_F(CaseCacheTest, NothingIsBuiltForACallerWhoMayNotReadTheCase) {
  CaseCache cache;
  CaseScope seen;
  auto r = cache.read(*store_, "HCM-1", today_, true, [&](const CaseScope& s) {
    seen = s;
    return Verdict::not_found;
  });
  ASSERT_TRUE(std::holds_alternative<Verdict>(r));
  EXPECT_EQ(std::get<Verdict>(r), Verdict::not_found);
  EXPECT_EQ(seen.agency, "HCM");
  EXPECT_EQ(cache.size(), 0u);
  auto missing = cache.read(*store_, "NO-SUCH", today_, true, [](const CaseScope&) { return Verdict::allow; });
  ASSERT_TRUE(std::holds_alternative<Verdict>(missing));
  EXPECT_EQ(std::get<Verdict>(missing), Verdict::not_found);
}

TEST_F(CaseCacheTest, KeepsAtMostItsBoundAndThePageBodyOfTheSameBuildOnly) {
  CaseCache cache(2);
  for (const char* id : {"HN-1", "HN-2", "HN-3", "HCM-1"}) read(cache, id, today_, false);
  EXPECT_LE(cache.size(), 2u);

  CaseCache pages;
  const auto a = read(pages, "HN-1", today_, false);
  EXPECT_EQ(a.page_body, nullptr);
  pages.keep_page_body("HN-1", a.detail, std::make_shared<const std::string>("<p>trang</p>"));
  const auto b = read(pages, "HN-1", today_, false);
  ASSERT_NE(b.page_body, nullptr);
  EXPECT_EQ(*b.page_body, "<p>trang</p>");
  // A body rendered from an older build is not attached to a newer one.
  const auto c = read(pages, "HN-1", today_.plus_days(1), false);
  pages.keep_page_body("HN-1", a.detail, std::make_shared<const std::string>("<p>cũ</p>"));
  EXPECT_EQ(read(pages, "HN-1", today_.plus_days(1), false).page_body, nullptr);
  EXPECT_NE(c.detail, a.detail);
}

// The cache is bounded by memory as well as by count: a long-running server
// keeps at most about its byte budget of built cases and rendered bodies,
// whatever the cases weigh (issue 12, the soak's flat memory).
TEST_F(CaseCacheTest, KeepsAtMostItsByteBudgetOfCasesAndBodies) {
  const auto one = read(*std::make_unique<CaseCache>(), "HN-1", today_, true);
  const size_t case_bytes = estimated_bytes(*one.detail);
  EXPECT_GT(case_bytes, one.detail->events.size() * sizeof(Event));

  // Room for about two built cases with their API bodies, not four.
  const size_t budget = 2 * (case_bytes + one.api_body->size()) + 1024;
  CaseCache cache(1000, budget);
  for (const char* id : {"HN-1", "HN-2", "HN-3", "HCM-1"}) {
    const auto r = read(cache, id, today_, true);
    EXPECT_EQ(*r.api_body, fresh_api(id, today_));  // answered alike, kept or not
    EXPECT_LE(cache.bytes(), budget);
  }
  EXPECT_GE(cache.size(), 1u);
  EXPECT_LT(cache.size(), 4u);

  // A rendered page counts: a huge body that would break the budget is not
  // attached at the cost of the budget; the bytes kept never exceed it.
  const auto kept = read(cache, "HN-1", today_, false);
  cache.keep_page_body("HN-1", kept.detail, std::make_shared<const std::string>(budget, 'x'));
  EXPECT_LE(cache.bytes(), budget);
  const auto again = read(cache, "HN-1", today_, false);
  EXPECT_EQ(again.page_body, nullptr);  // too large to keep: the page is rendered again
  EXPECT_EQ(*read(cache, "HN-1", today_, true).api_body, fresh_api("HN-1", today_));

  // A budget of nothing keeps nothing and still answers.
  CaseCache none(1000, 0);
  EXPECT_EQ(*read(none, "HN-2", today_, true).api_body, fresh_api("HN-2", today_));
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.bytes(), 0u);
}

TEST(TemplateFills, AreTheSameAsTheValuesInTheViewModelAndEscapedAlike) {
  http::Templates t(http::find_web_dir());
  const std::string title = R"(<script>alert("x")</script> & 'y')";
  const std::string content = "<section><p>Nội dung</p></section>";
  nlohmann::json data{{"user", {{"login", "officer1"}, {"role", "Chấp hành viên"}, {"agency", "HN-KV1"},
                                {"agency_name", "Phòng THADS khu vực 1"}, {"csrf", "c1"}}},
                      {"nav", nlohmann::json::array({{{"href", "/queue"}, {"id", "nav-queue"}, {"label", "Việc"},
                                                      {"active", true}}})},
                      {"csrf", "c1"},
                      {"page_id", "page-case"}};
  nlohmann::json whole = data;
  whole["title"] = title;
  whole["content"] = content;
  const std::string expected = t.render("layout", whole);
  EXPECT_EQ(expected.find("<script>alert"), std::string::npos);
  for (int round = 0; round < 2; ++round)  // the second one reuses the kept frame
    EXPECT_EQ(t.render("layout", data, {{"title", title}, {"content", content, true}}), expected);
  // Another user's data is another frame.
  data["user"]["login"] = "head1";
  const std::string other = t.render("layout", data, {{"title", "T"}, {"content", content, true}});
  EXPECT_NE(other.find("head1"), std::string::npos);
  EXPECT_EQ(other.find("officer1"), std::string::npos);
}

// A rendering kept by a caller's key: the same text as from the data, the
// data made only when the key is new, and a key never taken for a data's
// JSON text.
TEST(TemplateFills, AKeyedViewIsMadeOnceAndRendersAsItsData) {
  http::Templates t(http::find_web_dir());
  const nlohmann::json data{{"href", "/cases/A"}, {"id", "A"}};
  const std::vector<http::Templates::Fill> fills{{"debtor", "<b>Bình</b>"}, {"remaining", "1.000 đ"}};
  const std::string expected = t.render("_case_row", data, fills);
  int made = 0;
  auto make = [&] {
    ++made;
    return data;
  };
  EXPECT_EQ(t.render("_case_row", "case A", make, fills), expected);
  EXPECT_EQ(t.render("_case_row", "case A", make, fills), expected);
  EXPECT_EQ(made, 1);
  EXPECT_NE(expected.find("&lt;b&gt;Bình&lt;/b&gt;"), std::string::npos);
  // A key equal to another data's JSON text is still its own frame.
  const nlohmann::json other{{"href", "/cases/B"}, {"id", "B"}};
  EXPECT_EQ(t.render("_case_row", other.dump(), make, fills), expected);
  EXPECT_EQ(made, 2);
  EXPECT_NE(t.render("_case_row", other, fills).find("/cases/B"), std::string::npos);
}

// The kept renderings stay within their byte budget however many distinct
// views are rendered (a soak's one-off pages once held hundreds of MiB), the
// count of what they hold is the memory they take to within its keys and
// nodes, and a budget of nothing keeps nothing and still renders.
TEST(TemplateFills, KeptRenderingsStayWithinTheirBudget) {
  constexpr size_t kBudget = 256 * 1024;
  http::Templates t(http::find_web_dir(), kBudget);
  const std::vector<http::Templates::Fill> fills{{"debtor", "Bình"}, {"remaining", "1.000 đ"}};
  size_t text_bytes = 0;
  for (int i = 0; i < 5000; ++i) {
    const nlohmann::json data{{"href", "/cases/HN-" + std::to_string(i)}, {"id", "HN-" + std::to_string(i)},
                              {"judgment", std::string(200, 'j')}};
    const std::string html = t.render("_case_row", data, fills);
    ASSERT_NE(html.find("/cases/HN-" + std::to_string(i) + "\""), std::string::npos);
    if (i == 0) text_bytes = html.size();
    ASSERT_LE(t.frame_bytes(), kBudget) << "after " << i + 1 << " views";
  }
  EXPECT_GT(t.frame_count(), 100u);  // the budget is used, not emptied
  EXPECT_LT(t.frame_count(), 5000u);
  // Each kept frame counts at least its text and at most its text and a few
  // hundred bytes of key, pieces and node.
  EXPECT_GE(t.frame_bytes(), t.frame_count() * text_bytes);
  EXPECT_LE(t.frame_bytes(), t.frame_count() * (text_bytes + 512));
  // The last views are kept: rendering one again makes no new frame.
  const nlohmann::json last{{"href", "/cases/HN-4999"}, {"id", "HN-4999"}, {"judgment", std::string(200, 'j')}};
  const size_t n = t.frame_count();
  int made = 0;
  t.render("_case_row", last.dump(), [&] { ++made; return last; }, fills);
  EXPECT_EQ(made, 1);  // a caller's key is not the data's JSON text
  t.render("_case_row", last.dump(), [&] { ++made; return last; }, fills);
  EXPECT_EQ(made, 1);
  EXPECT_GE(t.frame_count(), n);

  // The least recently used make room: a view rendered between every two
  // other views stays kept while thousands pass through.
  int hot_made = 0;
  const nlohmann::json hot{{"href", "/cases/HOT"}, {"id", "HOT"}};
  for (int i = 0; i < 3000; ++i) {
    t.render("_case_row", "hot", [&] { ++hot_made; return hot; }, fills);
    t.render("_case_row", nlohmann::json{{"href", "/cases/X-" + std::to_string(i)}, {"judgment", std::string(300, 'j')}},
             fills);
  }
  EXPECT_EQ(hot_made, 1);

  http::Templates none(http::find_web_dir(), 0);
  EXPECT_EQ(none.render("_case_row", last, fills), t.render("_case_row", last, fills));
  EXPECT_EQ(none.frame_count(), 0u);
  EXPECT_EQ(none.frame_bytes(), 0u);
}

// Rows appended into one page are the same text as each row rendered whole
// from its view model, whatever the texts hold: each character the escape
// replaces, alone, at either end, doubled, and none.
TEST(TemplateFills, AppendedRowsAreTheRowsRenderedFromTheirData) {
  http::Templates t(http::find_web_dir());
  const std::vector<std::string> texts{"",       "Bình",  "&",        "<",         ">",  "\"", "'",
                                       "a&b<c>", "\"x\"", "'Tý' & Tèo", "<script>", "&&", "1.000 đ"};
  const std::vector<std::string> keys{"href", "id", "agency", "debtor", "creditor", "judgment", "opened", "status",
                                      "remaining"};
  std::string appended = "<tbody>", expected = "<tbody>";
  std::vector<http::Templates::Fill> fills;
  for (const std::string& k : keys) fills.push_back({k, {}});
  for (size_t row = 0; row < texts.size(); ++row) {
    nlohmann::json data = nlohmann::json::object();
    for (size_t i = 0; i < keys.size(); ++i) {
      const std::string& text = texts[(row + i) % texts.size()];
      fills[i].text = text;
      data[keys[i]] = text;
    }
    t.append(appended, "_case_row", fills);
    expected += t.render("_case_row", data);
  }
  EXPECT_EQ(appended, expected);
  EXPECT_NE(expected.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(expected.find("&apos;Tý&apos; &amp; Tèo"), std::string::npos);
}

TEST(CasePageCache, EachUserGetsTheirOwnFormsAndTokenOnACachedCase) {
  TestServer server;
  Client officer = server.client(), head = server.client(), procuracy = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  ASSERT_EQ(head.login("head1"), 200);
  ASSERT_EQ(procuracy.login("procuracy1"), 200);
  const auto o1 = officer.get("/cases/HN-1");
  const auto h1 = head.get("/cases/HN-1");
  const auto p1 = procuracy.get("/cases/HN-1");
  const auto o2 = officer.get("/cases/HN-1");
  ASSERT_EQ(o1.status, 200);
  EXPECT_EQ(o1.body, o2.body);
  EXPECT_NE(o1.body.find("value=\"" + officer.csrf + "\""), std::string::npos);
  EXPECT_EQ(o1.body.find(head.csrf), std::string::npos);
  EXPECT_NE(h1.body.find("value=\"" + head.csrf + "\""), std::string::npos);
  EXPECT_NE(h1.body.find("id=\"form-officer_assigned\""), std::string::npos);
  EXPECT_EQ(o1.body.find("id=\"form-officer_assigned\""), std::string::npos);
  EXPECT_EQ(p1.body.find("id=\"actions\""), std::string::npos);
  EXPECT_NE(p1.body.find("id=\"timeline\""), std::string::npos);
  EXPECT_NE(p1.body.find("Nguyễn Văn An (HN-CHV-1)"), std::string::npos);  // the officer's name from the read model
  // A collection recorded through the page shows at once, for every user.
  auto rec = officer.post_form("/cases/HN-1/events", {{"type", "collected"}, {"date", "2025-01-15"},
                                                      {"amount", "2000000"}, {"method", "voluntary"},
                                                      {"expected_version", "3"}});
  ASSERT_EQ(rec.status, 303) << rec.body;
  for (Client* c : {&officer, &head, &procuracy}) {
    const auto page = c->get("/cases/HN-1");
    EXPECT_NE(page.body.find("2.000.000 đ"), std::string::npos);
    EXPECT_NE(page.body.find("data-version=\"4\""), std::string::npos);
  }
}

// A user without forms gets the case page from a kept rendering keyed by
// the case's version, its officer's name, its agency's name and the flash
// message (officer records are immutable, so a new officer means a new
// version): the kept page is the page first rendered, and a change shows at
// once.
TEST(CasePageCache, APageWithoutFormsFollowsVersionAndFlash) {
  TestServer server;
  Client procuracy = server.client(), officer = server.client();
  ASSERT_EQ(procuracy.login("procuracy1"), 200);
  ASSERT_EQ(officer.login("officer1"), 200);
  const auto first = procuracy.get("/cases/HN-1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body.find("id=\"actions\""), std::string::npos);
  EXPECT_EQ(procuracy.get("/cases/HN-1").body, first.body);
  const auto flash = procuracy.get("/cases/HN-1?ok=recorded");
  EXPECT_NE(flash.body.find("id=\"flash-ok\""), std::string::npos);
  EXPECT_EQ(first.body.find("id=\"flash-ok\""), std::string::npos);
  EXPECT_EQ(procuracy.get("/cases/HN-1").body, first.body);
  // A new act changes the summary's version and status for this user too.
  auto rec = officer.post_form("/cases/HN-1/events",
                               {{"type", "postponed"}, {"date", "15/01/2025"}, {"ground", "48.1.a"},
                                {"expected_version", "3"}});
  ASSERT_EQ(rec.status, 303) << rec.body;
  const auto after = procuracy.get("/cases/HN-1");
  EXPECT_NE(after.body.find("Nguyễn Văn An (HN-CHV-1)"), std::string::npos);
  EXPECT_NE(after.body.find("data-version=\"4\""), std::string::npos);
  EXPECT_NE(after.body.find("data-status=\"postponed_suspended\""), std::string::npos);
  EXPECT_EQ(after.body.find("data-version=\"3\""), std::string::npos);
}

TEST(CasePageForms, OnlyActsTheCaseStatusAllowsAreOffered) {
  TestServer server;
  Client officer = server.client();
  ASSERT_EQ(officer.login("officer1"), 200);
  auto active = officer.get("/cases/HN-1");
  EXPECT_NE(active.body.find("id=\"form-postponed\""), std::string::npos);
  EXPECT_NE(active.body.find("id=\"form-unable_decided\""), std::string::npos);
  EXPECT_EQ(active.body.find("id=\"form-resumed\""), std::string::npos);  // Art. 48–49: nothing to resume
  EXPECT_EQ(active.body.find("id=\"form-moved_to_separate_register\""), std::string::npos);
  auto rec = officer.post_form("/cases/HN-1/events",
                               {{"type", "postponed"}, {"date", "15/01/2025"}, {"ground", "48.1.a"},
                                {"expected_version", "3"}});
  ASSERT_EQ(rec.status, 303) << rec.body;
  auto postponed = officer.get("/cases/HN-1");
  EXPECT_NE(postponed.body.find("id=\"form-resumed\""), std::string::npos);
  EXPECT_EQ(postponed.body.find("id=\"form-postponed\""), std::string::npos);
  EXPECT_EQ(postponed.body.find("id=\"form-suspended\""), std::string::npos);
  EXPECT_NE(postponed.body.find("15/01/2025"), std::string::npos);  // typed dd/mm/yyyy, recorded, shown so
}

}  // namespace
}  // namespace thads::testing
