// case_json_text (app/case_detail.h) writes the case API's body without a
// tree of the events, through nlohmann's SAX parser and serializer. These
// tests hold it to case_json, the tree it replaces on the API's path: parsed,
// the text equals the tree for every case of the demo, and for a case whose
// events hold text that must be escaped (quotes, backslashes, control
// characters, non-ASCII), nested objects and arrays, and stored members the
// answer replaces (seq, type, recorded_at) or leaves out (kind, case). The
// members before "events" (app/case_head_text.h) are the tree's dump byte for
// byte, in both.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../support/demo_cases.h"
#include "../support/temp_store.h"
#include "app/case_detail.h"
#include "app/import.h"
#include "store/store.h"

namespace thads::testing {
namespace {

const Date kToday = *Date::parse("2026-06-30");

// Imports `demo`'s file into `store`.
ImportResult import_demo(Store& store, const DemoCases& demo) {
  std::istringstream in(demo.text);
  ImportOptions o;
  o.now_unix = 1'790'000'000;
  return import_jsonl(store, in, o);
}

// The members before "events" (app/case_head_text.h) are the tree's dump
// byte for byte: the same values, escapes and key order.
void expect_head_as_dumped(const std::string& text, const nlohmann::json& tree) {
  nlohmann::json head = tree;
  head.erase("events");
  std::string dumped = head.dump();
  dumped.pop_back();
  EXPECT_EQ(text.substr(0, dumped.size()), dumped);
  EXPECT_EQ(text.substr(dumped.size(), 11), ",\"events\":[");
}

TEST(CaseJsonText, EqualsTheTreeForEveryDemoCase) {
  const DemoCases demo = demo_cases(200, 11, kToday);
  auto store = Store::open(temp_dir() + "/json-text.db");
  ASSERT_TRUE(import_demo(*store, demo).ok());
  size_t cases = 0, events = 0, warnings = 0, ended = 0, notes = 0;
  for (const std::string& id : store->case_ids()) {
    auto d = load_case_detail(*store, id, kToday);
    ASSERT_TRUE(d) << id;
    const std::string text = case_json_text(*d);
    const nlohmann::json parsed = nlohmann::json::parse(text);
    const nlohmann::json tree = case_json(*d);
    ASSERT_EQ(parsed, tree) << id << "\n" << text;
    expect_head_as_dumped(text, tree);
    // What the head writes besides the common members: counted below, so
    // that the demo is known to reach each.
    warnings += tree["warnings"].size();
    ended += !tree["ended"].is_null();
    for (const auto& x : tree["deadlines"]) notes += x.contains("note");
    // Members in key order within each event, as the tree dumps them.
    for (const auto& e : tree["events"]) {
      const std::string one = e.dump();
      EXPECT_NE(text.find(one), std::string::npos) << id << ": " << one;
      ++events;
    }
    ++cases;
  }
  EXPECT_EQ(cases, 200u);
  EXPECT_GT(events, 1000u);
  EXPECT_GT(warnings, 0u);
  EXPECT_GT(ended, 0u);
  EXPECT_GT(notes, 0u);
}

TEST(CaseJsonText, EscapesAndNestsAsTheTreeDoes) {
  auto store = Store::open(temp_dir() + "/json-text-odd.db");
  const std::string lines =
      R"({"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":null})"
      "\n"
      R"({"kind":"officer","id":"HN-CHV-1","name":"Nguyễn \"Văn\" An","agency":"HN","role":"enforcement_officer"})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":1,"type":"case_opened","date":"2026-01-05","agency":"HN","mode":"on_request","request_date":"2026-01-02","judgment_kind":"civil","judgment":{"number":"7/2025/DS-ST","court":"Tòa án \\ nhân dân \"khu vực\" 1","date":"2025-09-06","effective_date":"2025-10-06"},"debtor":{"name":"Bà \"Tư\" \\ Lê\tThị\u0001","kind":"person","address":"Số 1 \u00e9 \ud83d\ude00"},"creditor":{"name":"Công ty A","kind":"organization"},"obligations":[{"category":"other_money","amount":120000000},{"category":"court_fee","amount":3000000}]})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":2,"type":"officer_assigned","date":"2026-01-05","officer":"HN-CHV-1"})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":3,"type":"verified","date":"2026-01-20","result":"unable","reason":"Không có tài sản: \"đã xác minh\" \\ \/ \b\f\n\r\t hết"})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":4,"type":"collected","date":"2026-02-02","amount":5000000,"method":"voluntary"})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":5,"type":"collected","date":"2026-02-03","amount":1500000,"method":"voluntary"})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":6,"type":"reversed","date":"2026-02-04","reverses":5,"reason":"Nhập nhầm \"số tiền\""})"
      "\n"
      R"({"kind":"event","case":"Q1","seq":7,"type":"reversal_approved","date":"2026-02-05","approves":6})"
      "\n";
  std::istringstream in(lines);
  ImportOptions o;
  o.now_unix = 1'790'000'000;
  const ImportResult r = import_jsonl(*store, in, o);
  ASSERT_TRUE(r.ok()) << (r.refusals.empty() ? std::string() : r.refusals.front().refusal.message);
  auto d = load_case_detail(*store, "Q1", kToday);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->events.size(), 7u);
  ASSERT_EQ(d->ledger.reversals.size(), 1u);  // the head writes the reversal, approved
  const std::string text = case_json_text(*d);
  const nlohmann::json parsed = nlohmann::json::parse(text);
  const nlohmann::json tree = case_json(*d);
  EXPECT_EQ(parsed, tree) << text;
  expect_head_as_dumped(text, tree);
  for (const auto& e : tree["events"]) EXPECT_NE(text.find(e.dump()), std::string::npos) << e.dump();
  // What the answer replaces and leaves out, checked directly too.
  const nlohmann::json& verified = parsed["events"][2];
  EXPECT_EQ(verified["reason"], "Không có tài sản: \"đã xác minh\" \\ / \b\f\n\r\t hết");
  EXPECT_EQ(verified["seq"], 3);
  EXPECT_FALSE(verified.contains("kind"));
  EXPECT_FALSE(verified.contains("case"));
  EXPECT_EQ(parsed["events"][3]["reversed"], false);
  EXPECT_EQ(parsed["events"][4]["reversed"], true);
  EXPECT_EQ(parsed["ledger"]["reversals"][0]["approved"], true);
  EXPECT_EQ(parsed["events"][0]["debtor"]["name"], "Bà \"Tư\" \\ Lê\tThị\u0001");
}

// The case's answer with its second event's stored text replaced by each of
// `texts`: always one valid JSON document, equal to the tree's answer, with
// the answer's own seq and without "kind".
void expect_answer_as_tree_with_second_event(const std::string& name, const std::vector<std::string>& texts) {
  const DemoCases demo = demo_cases(5, 3, kToday);
  auto store = Store::open(temp_dir() + "/" + name + ".db");
  ASSERT_TRUE(import_demo(*store, demo).ok());
  auto d = load_case_detail(*store, store->case_ids().front(), kToday);
  ASSERT_TRUE(d);
  ASSERT_GE(d->events.size(), 2u);
  for (const std::string& raw : texts) {
    CaseDetail changed = *d;
    changed.events[1].raw = raw;
    const std::string text = case_json_text(changed);
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << raw.substr(0, 40) << ": " << text.substr(0, 200);
    EXPECT_EQ(parsed, case_json(changed)) << raw.substr(0, 40);
    EXPECT_EQ(parsed["events"][1]["seq"], changed.events[1].seq) << raw.substr(0, 40);
    EXPECT_FALSE(parsed["events"][1].contains("kind")) << raw.substr(0, 40);
  }
}

// A stored text that is not an object, is not JSON at all, or is cut short
// (a store edited by hand, a bug elsewhere): that event falls back to the
// tree's own answer and the body stays one valid JSON document.
TEST(CaseJsonText, AnEventWhoseStoredTextIsBrokenFallsBackToTheTree) {
  expect_answer_as_tree_with_second_event(
      "json-text-broken", {"[1,2,3]", "not json", "{\"a\":[1,{\"b\":", "\"text\"", "{\"a\":1} trailing",
                           std::string(100000, '[')});
}

// A stored text is copied member by member only when it is compact JSON
// whose keys hold no escape (splice_event_text); brackets, commas and quotes
// inside strings never end a member, and white space, an escaped key, a
// trailing comma or a second closing brace send the event to the parser.
// Whichever way, the answer is the tree's.
TEST(CaseJsonText, AStoredTextIsCopiedAsItIsOnlyWhenCompact) {
  const std::vector<std::string> odd{
      R"({})",
      R"({"a":"x}],\"y","b":[{"c":"]}","d":[[],{}]}],"z":null})",
      R"({"amount":-12,"case":"X","kind":"event","note":"\\\" ,}","seq":99,"type":"zzz","w":1.5e-07})",
      R"({"a": 1, "b" : [1, 2]})",
      R"({"a\"b":1,"c":2})",
      R"({"a":1,})",
      R"({"a":1}})",
      R"({"a":1,"b"})",
      R"({"a":})"};
  for (const char* valid : {R"({"a":"x}],\"y","b":[{"c":"]}","d":[[],{}]}],"z":null})", R"({"a\"b":1,"c":2})"})
    ASSERT_FALSE(nlohmann::json::parse(valid, nullptr, false).is_discarded()) << valid;
  expect_answer_as_tree_with_second_event("json-text-splice", odd);
}

}  // namespace
}  // namespace thads::testing
