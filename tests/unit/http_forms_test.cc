// Request decoding, form-to-event conversion and template escaping.
#include <gtest/gtest.h>

#include "http/event_form.h"
#include "http/http_types.h"
#include "http/templates.h"

namespace thads::http {
namespace {

TEST(HttpForms, UrlencodedBodiesAndQueries) {
  auto p = parse_urlencoded("q=nguy%E1%BB%85n+van&today=2025-01-02&x=");
  ASSERT_TRUE(p);
  EXPECT_EQ((*p)["q"], "nguyễn van");
  EXPECT_EQ((*p)["today"], "2025-01-02");
  EXPECT_EQ((*p)["x"], "");
  EXPECT_EQ((*parse_urlencoded("t=2025-10-05T17:00:00+07:00"))["t"], "2025-10-05T17:00:00 07:00");
  EXPECT_EQ(url_encode("Đ a/b"), "%C4%90%20a%2Fb");
  auto c = parse_cookies("a=1; thads_session=abc ;b=2");
  EXPECT_EQ(c["thads_session"], "abc");
  EXPECT_EQ(c["b"], "2");
}

TEST(HttpForms, UndecodableQueriesAreNotReadAsEmpty) {
  EXPECT_FALSE(parse_urlencoded("before=%ff"));     // not UTF-8
  EXPECT_FALSE(parse_urlencoded("before=%zz"));     // not an escape
  EXPECT_FALSE(parse_urlencoded("q=%c3%28"));       // a broken sequence
  EXPECT_TRUE(parse_urlencoded("q=%c3%a0"));        // "à"
  EXPECT_EQ((*parse_urlencoded("q=Đống"))["q"], "Đống");  // raw UTF-8, as curl sends it typed
  EXPECT_FALSE(parse_urlencoded("q=\xff"));          // raw bytes that are not UTF-8
}

// X-Forwarded-For is read only from a trusted proxy, from its end.
TEST(HttpForms, TheClientAddressBehindTrustedProxies) {
  const std::vector<std::string> none, proxy{"127.0.0.1"}, two{"127.0.0.1", "10.0.0.5"};
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", none), "127.0.0.1");        // no proxy trusted
  EXPECT_EQ(client_address("198.51.100.2", "203.0.113.7", proxy), "198.51.100.2");  // not from the proxy
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", proxy), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "", proxy), "127.0.0.1");
  // What the client itself sent stands before what the proxy appended.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 203.0.113.7", proxy), "203.0.113.7");
  // A chain of trusted proxies is walked back to the first untrusted hop.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.5", two), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "2001:db8::1", proxy), "2001:db8::1");
  // Something that is not an address ends the walk at the peer.
  EXPECT_EQ(client_address("127.0.0.1", "evil\r\nX: y", proxy), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, unknown", proxy), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.5", two), "127.0.0.1");  // only proxies: the peer
}

TEST(HttpForms, EventFromFormUsesInterchangeFields) {
  Params f{{"type", "collected"}, {"date", "2025-03-03"}, {"amount", "1.234.567"}, {"method", "voluntary"},
           {"csrf", "x"}, {"expected_version", "3"}};
  auto ev = event_from_form(f);
  EXPECT_EQ(ev, (nlohmann::json{{"type", "collected"}, {"date", "2025-03-03"}, {"amount", 1234567}, {"method", "voluntary"}}));
  Params u{{"type", "unable_decided"}, {"date", "2025-03-03"}, {"reason", "address_unknown"}, {"prisoner", "1"}};
  EXPECT_EQ(event_from_form(u)["prisoner"], true);
  // An unticked checkbox is false, not a missing field (coercion_planned
  // requires mobilised_forces: before, planning was refused unless ticked).
  EXPECT_EQ(event_from_form(Params{{"type", "unable_decided"}, {"reason", "item_gone"}})["prisoner"], false);
  EXPECT_EQ(event_from_form(Params{{"type", "coercion_planned"}, {"scheduled_date", "10/04/2025"},
                                   {"measure", "kê biên tài sản"}})["mobilised_forces"],
            false);
  EXPECT_EQ(event_from_form(Params{{"type", "reduced"}, {"amount", "12abc"}})["amount"], "12abc");  // bad_field later
  EXPECT_EQ(parse_amount("1 000 000"), 1000000);
  EXPECT_FALSE(parse_amount("-5"));
  // Dots separate thousands only, in groups of three: "1.5" is not 15 đồng.
  EXPECT_EQ(parse_amount("1.500.000"), 1500000);
  EXPECT_EQ(parse_amount(" 1500000 "), 1500000);
  EXPECT_EQ(parse_amount("999"), 999);
  EXPECT_EQ(parse_amount("12.345"), 12345);
  EXPECT_FALSE(parse_amount("1.5"));
  EXPECT_FALSE(parse_amount("1,5"));
  EXPECT_FALSE(parse_amount("1,500,000"));
  EXPECT_FALSE(parse_amount("1.50.000"));
  EXPECT_FALSE(parse_amount("1234.567"));
  EXPECT_FALSE(parse_amount(".500"));
  EXPECT_FALSE(parse_amount("500."));
  EXPECT_FALSE(parse_amount("1.500 000"));  // one kind of separator per amount
  EXPECT_FALSE(parse_amount(""));
  EXPECT_EQ(event_from_form(Params{{"type", "collected"}, {"amount", "1.5"}})["amount"], "1.5");  // bad_field later
}

// The UI shows and takes dates as dd/mm/yyyy whatever the browser's locale.
TEST(HttpForms, DatesAreTypedAsDayMonthYear) {
  EXPECT_EQ(form_date("05/03/2025"), "2025-03-05");
  EXPECT_EQ(form_date("5/3/2025"), "2025-03-05");
  EXPECT_EQ(form_date("29/02/2024"), "2024-02-29");
  EXPECT_EQ(form_date("2025-03-05"), "2025-03-05");  // ISO stays ISO
  EXPECT_EQ(form_date("29/02/2025"), "29/02/2025");  // no such day: refused downstream as bad_field
  EXPECT_EQ(form_date("05/03/25"), "05/03/25");
  EXPECT_EQ(form_date("05/03/2025x"), "05/03/2025x");
  EXPECT_EQ(form_date(""), "");
  auto ev = event_from_form(Params{{"type", "postponed"}, {"date", "15/01/2025"}, {"ground", "48.1.a"},
                                   {"grounds_date", "10/01/2025"}});
  EXPECT_EQ(ev["date"], "2025-01-15");
  EXPECT_EQ(ev["grounds_date"], "2025-01-10");
}

TEST(HttpForms, EveryRecordableTypeHasAForm) {
  const auto types = recordable_types();
  EXPECT_EQ(types.size(), static_cast<size_t>(kEventTypeCount - 1));
  for (EventType t : types)
    for (const FormField& f : form_fields(t)) {
      EXPECT_FALSE(f.label.empty()) << to_string(t) << " " << f.name;
      if (f.kind == FormField::choice) {
        EXPECT_FALSE(f.choices.empty()) << f.name;
      }
    }
  EXPECT_EQ(code_label("ground", "48.1.c").rfind("Điều 48.1.c", 0), 0u);
  EXPECT_EQ(code_label("reason", "address_unknown").rfind("Chưa xác định được địa chỉ", 0), 0u);
  EXPECT_EQ(category_label("court_fee"), "Án phí, lệ phí Tòa án");
}

TEST(HttpForms, TemplatesEscapeUserData) {
  Templates t(find_web_dir());
  const std::string html =
      t.render("error", {{"status", 404}, {"message", "<script>alert('x')</script> & \"q\""}});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;"), std::string::npos);
}

// A stamp (Templates::stamp) writes what append() writes for every set of
// fills, text escaped and markup as it is, and keeps writing after the kept
// rendering it came from was pushed out by others.
TEST(HttpForms, AStampWritesWhatAppendWritesAfterItsRenderingIsEvicted) {
  Templates t(find_web_dir(), 4096);  // room for few renderings
  std::vector<Templates::Fill> fills{{"href", {}},     {"id", {}},       {"agency", {}}, {"debtor", {}},
                                     {"creditor", {}}, {"judgment", {}}, {"opened", {}}, {"status", {}},
                                     {"officer", {}},  {"remaining", {}}};
  const Templates::Stamp row = t.stamp("_case_row", fills);
  for (int i = 0; i < 3; ++i) {
    const std::string id = "HN-" + std::to_string(i);
    const std::string debtor = i == 1 ? "<script>x</script> & \"q\"" : "Nguyễn Văn " + std::to_string(i);
    const std::string href = "/cases/" + id;
    const std::string_view texts[] = {href, id, "HN", debtor, "Lê Thị Cúc", "1/2025", "01/02/2025",
                                      "Đang thi hành", "Trần Văn A", "1.000 đ"};
    for (size_t k = 0; k < fills.size(); ++k) fills[k].text = texts[k];
    std::string by_stamp, by_append;
    row.append(by_stamp, fills);
    t.append(by_append, "_case_row", fills);
    EXPECT_EQ(by_stamp, by_append);
    EXPECT_NE(by_stamp.find(id), std::string::npos);
    EXPECT_EQ(by_stamp.find("<script>"), std::string::npos);
    // Other renderings push the row's out of the 4 KB kept.
    for (int k = 0; k < 8; ++k) (void)t.render("error", nlohmann::json{{"status", 400 + k}, {"message", std::string(600, 'a' + k)}}, {});
    EXPECT_LE(t.frame_bytes(), 4096u);
    EXPECT_GE(t.frame_count(), 1u);
  }
}

}  // namespace
}  // namespace thads::http
