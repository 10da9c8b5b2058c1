// API: cases (read, search, record an act, intake) and their deadlines.
#include <algorithm>
#include <cstring>

#include "app/case_commands.h"
#include "app/case_detail.h"
#include "app/case_search.h"
#include "http/handlers.h"
#include "app/intake.h"

namespace thads::http {
namespace {

size_t limit_param(const Request& req, size_t def, size_t max) {
  const std::string& s = req.q("limit");
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return def;
  const size_t n = std::stoul(s);
  return n == 0 ? def : std::min(n, max);
}

// True when one of the eight bytes of `x` is a quotation mark, a reverse
// solidus or a control character (below 0x20): the bytes a JSON string must
// escape (RFC 8259 §7), eight at a time. The test is "Determine if a word
// has a byte less than n" of S. E. Anderson's Bit Twiddling Hacks, exact
// for n <= 128: some byte of v is below n exactly when
// (v - n*ones) & ~v & highs is not zero.
inline bool has_json_escape(uint64_t x) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto below = [&](uint64_t v, uint64_t n) { return (v - n * ones) & ~v & highs; };
  return (below(x, 0x20) | below(x ^ ('"' * ones), 1) | below(x ^ ('\\' * ones), 1)) != 0;
}

bool needs_json_escape(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (has_json_escape(x)) return true;
  }
  return std::any_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
}

// A JSON string as nlohmann::json::dump() writes it. Text with nothing to
// escape is written as it is, which is what dump() writes for it (the store
// holds valid UTF-8 only: every text in it came through a JSON parse);
// anything else is escaped by nlohmann. Only for text read from the store.
void append_json_string(std::string& out, std::string_view s) {
  if (!needs_json_escape(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += nlohmann::json(std::string(s)).dump();
  }
}

// One line of a search answer, written straight from the row in place:
// the same text as dumping the object {agency, creditor, debtor, id,
// judgment_number, officer, opened_date, remaining, status} (keys in the
// order nlohmann::json sorts them), without building it. A search answer
// is mostly these lines; building them as JSON trees was most of its cost.
void append_row_json(std::string& out, const CaseRowRef& r) {
  auto text = [&](const char* key, std::string_view value) {
    out += key;
    append_json_string(out, value);
  };
  text("{\"agency\":", r.agency);
  text(",\"creditor\":", r.creditor_name);
  text(",\"debtor\":", r.debtor_name);
  text(",\"id\":", r.case_id);
  text(",\"judgment_number\":", r.judgment_number);
  text(",\"officer\":", r.officer);
  text(",\"opened_date\":", r.opened_date);
  out += ",\"remaining\":";
  out += std::to_string(r.remaining);
  text(",\"status\":", r.status);
  out += '}';
}

// Reads the case's scope and applies `verdict`; nullopt when allowed.
template <class F>
std::optional<Response> check_case(Ctx& ctx, const Request& req, const std::string& id, F verdict) {
  auto scope = case_scope(ctx.store(), id);
  if (!scope) return deny(ctx, req, Kind::api, Verdict::not_found);
  const Verdict v = verdict(*scope);
  if (v != Verdict::allow) return deny(ctx, req, Kind::api, v);
  return std::nullopt;
}

}  // namespace

Response api_case(Ctx& ctx, const Request& req) {
  auto today = today_param(ctx, req);
  if (!today) return api_error(400, "bad_field", "today must be YYYY-MM-DD", "Ngày không hợp lệ.");
  auto r = ctx.app.cases().read(ctx.store(), req.param("id"), *today, true,
                                [&](const CaseScope& s) { return ctx.access().read_case(ctx.actor, s); });
  if (auto* v = std::get_if<Verdict>(&r)) return deny(ctx, req, Kind::api, *v);
  return json_text_response(200, *std::get<CaseCache::Read>(r).api_body);
}

Response api_case_deadlines(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  if (auto r = check_case(ctx, req, id, [&](const CaseScope& s) { return ctx.access().read_case(ctx.actor, s); }))
    return *r;
  auto today = today_param(ctx, req);
  if (!today) return api_error(400, "bad_field", "today must be YYYY-MM-DD", "Ngày không hợp lệ.");
  auto res = case_deadlines(ctx.store(), id, *today);
  if (auto* x = std::get_if<Refusal>(&res)) return refusal_response(*x);
  return json_text_response(200, to_json(std::get<CaseDeadlines>(res)));
}

Response api_search(Ctx& ctx, const Request& req) {
  if (auto v = ctx.access().search_cases(ctx.actor); v != Verdict::allow) return deny(ctx, req, Kind::api, v);
  SearchQuery q{req.q("q"), ctx.access().subtree_codes(ctx.actor), limit_param(req, 50, 200)};
  const FoundCases found = find_cases(ctx.store(), ctx.app.cache(), q);
  std::string body;
  body.reserve(64 + found.rows.size() * 320);
  body += "{\"items\":[";
  for (size_t i = 0; i < found.rows.size(); ++i) {
    if (i) body += ',';
    append_row_json(body, found.rows[i]);
  }
  body += "],\"q\":";
  // Typed by the user, so not known to be valid UTF-8: nlohmann writes it,
  // replacing any invalid byte.
  body += nlohmann::json(req.q("q")).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  body += '}';
  return json_text_response(200, std::move(body));
}

Response api_record_event(Ctx& ctx, const Request& req) {
  const std::string& id = req.param("id");
  auto body = json_body(req);
  if (!body || !body->is_object() || !(*body)["event"].is_object())
    return api_error(400, "bad_field", R"(send {"expected_version":N,"event":{"type":…,"date":…}} as application/json)",
                     "Yêu cầu không đúng định dạng.");
  // Without the version read the act is not recorded; the use case still
  // answers first whether the actor may act on the case at all.
  const bool has_version = body->contains("expected_version") && (*body)["expected_version"].is_number_integer();
  const int64_t expected = has_version ? (*body)["expected_version"].get<int64_t>() : -1;
  auto res = record_event(ctx.store(), CaseActor{ctx.access(), ctx.actor}, id, expected, (*body)["event"], ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden")
      return deny(ctx, req, Kind::api, r->code == "not_found" ? Verdict::not_found : Verdict::forbidden);
    if (!has_version && r->code == "version_conflict")
      return api_error(422, "bad_field", "expected_version (the version read) is required",
                       refusal_message_vi("bad_field"));
    return refusal_response(*r);
  }
  ctx.app.cache().note_write();
  const Recorded& rec = std::get<Recorded>(res);
  return json_response(201, {{"id", id},
                             {"version", rec.version},
                             {"status", rec.view.status},
                             {"remaining", rec.view.remaining}});
}

Response api_open_case(Ctx& ctx, const Request& req) {
  auto body = json_body(req);
  if (!body || !body->is_object() || !(*body)["event"].is_object())
    return api_error(400, "bad_field", R"(send {"event":{case_opened fields},"officer":…} as application/json)",
                     "Yêu cầu không đúng định dạng.");
  IntakeRequest in{(*body)["event"], body->value("officer", std::string())};
  auto res = register_case(ctx.store(), ctx.access(), ctx.actor, in, ctx.now);
  if (auto* r = std::get_if<Refusal>(&res)) {
    if (r->code == "not_found" || r->code == "forbidden")
      return deny(ctx, req, Kind::api, r->code == "not_found" ? Verdict::not_found : Verdict::forbidden);
    return refusal_response(*r);
  }
  ctx.app.cache().note_write();
  const IntakeResult& out = std::get<IntakeResult>(res);
  nlohmann::json warnings = nlohmann::json::array();
  for (const CaseWarning& w : out.warnings)
    warnings.push_back({{"code", w.code}, {"message", w.message_vi}, {"article", w.article}, {"date", w.date}});
  Response r = json_response(201, {{"id", out.case_id}, {"version", out.version}, {"warnings", warnings}});
  r.header("Location", "/api/v1/cases/" + out.case_id);
  return r;
}

Response api_public_unable(Ctx& ctx, const Request& req) {
  size_t offset = 0;
  if (const std::string& o = req.q("offset"); !o.empty() && o.size() < 7 && o.find_first_not_of("0123456789") == std::string::npos)
    offset = std::stoul(o);
  PublicQuery q{req.q("q"), limit_param(req, 50, 200), offset};
  nlohmann::json items = nlohmann::json::array();
  // Only the fields TT 04/2023 Art. 4(1) lists: no ID number, no creditor.
  for (const CaseRow& r : public_unable_debtors(ctx.store(), q))
    items.push_back({{"name", r.debtor_name},
                     {"address", r.debtor_address},
                     {"judgment", {{"number", r.judgment_number}, {"court", r.court}}},
                     {"decision", {{"case", r.case_id}, {"date", r.opened_date}, {"agency", r.agency}}},
                     {"obligation", {{"remaining", r.remaining}}},
                     {"reason", r.unable_reason},
                     {"decided_on", r.unable_date}});
  Response res = json_response(200, {{"q", req.q("q")}, {"offset", offset}, {"items", items}});
  res.header("Cache-Control", "no-cache");
  return res;
}

}  // namespace thads::http
