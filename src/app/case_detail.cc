#include "app/case_detail.h"

#include <mutex>
#include <set>
#include <unordered_map>

#include "app/calendar_source.h"
#include "app/case_head_text.h"
#include "app/modules.h"
#include "app/settings.h"
#include "domain/deadlines.h"
#include "domain/fee.h"
#include "domain/interchange.h"
#include "domain/legal_settings.h"
#include "domain/voided.h"
#include "store/case_queries.h"

namespace thads {
namespace {

using json = nlohmann::json;
__extension__ typedef __int128 wide;  // amount × share needs more than 64 bits

std::string iso(Date d) { return d.days() == 0 ? std::string() : d.iso(); }
json iso_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

// The end of the voluntary period counted from the first valid notification,
// by the deadline engine's own rule (domain/deadlines.h); nullopt while the
// case is not notified.
std::optional<Date> first_voluntary_period_end(const std::vector<const Event*>& hist, const Calendar& cal) {
  for (const Event* e : hist)
    if (e->type == EventType::notified) return voluntary_period_end(e->date, cal, legal_settings());
  return std::nullopt;
}

// TT 216/2016: the creditor pays the fee on money actually received. No fee
// on state revenue collected proactively (Art. 6: money of chủ động cases
// returned to parties, budget revenues), nor on maintenance, wages and injury
// compensation (Art. 6(1)): the fee base is the share of the other money
// obligations in the opened amount.
Ledger build_ledger(const CaseOpened& c, const CaseState& s, const std::vector<const Event*>& hist,
                    const Calendar& cal) {
  Ledger L;
  Money total = 0, chargeable = 0;
  std::vector<Claim> claims;
  for (const Obligation& o : c.obligations) {
    if (!o.amount) continue;
    total += *o.amount;
    if (!is_fee_exempt_category(o.category)) chargeable += *o.amount;
    claims.push_back(Claim{o.category, *o.amount, o.category, false});
  }
  const bool no_fee = c.mode == Mode::proactive || c.creditor.kind == "state";
  if (no_fee) L.fee_note = "Không thu phí thi hành án: việc thi hành án chủ động hoặc khoản thu cho Nhà nước (TT 216/2016, Điều 6).";
  else if (chargeable == 0) L.fee_note = "Không thu phí: cấp dưỡng, tiền lương, bồi thường tính mạng, sức khỏe (TT 216/2016, Điều 6).";
  const auto voluntary_end = first_voluntary_period_end(hist, cal);
  std::vector<Instalment> instalments;
  std::vector<size_t> charged;  // the collection of each instalment
  for (const Event* e : hist) {
    if (e->type != EventType::collected) continue;
    const Collected& in_cash = e->as<Collected>();
    Collection col;
    col.seq = e->seq;
    col.date = e->date;
    col.method = in_cash.method;
    col.amount = in_cash.amount;
    if (const MoneyEntry* m = s.money_entry(e->seq)) {
      col.reversal = m->reversal;
      col.reversed = m->reversed;
    }
    if (col.reversed) {  // never really collected: listed, but no fee (docs/formats/reversal.md)
      L.collections.push_back(col);
      continue;
    }
    col.fee_base = no_fee || total == 0
                       ? 0
                       : static_cast<Money>(static_cast<wide>(in_cash.amount) * chargeable / total);
    col.voluntary_period = in_cash.method == "voluntary" && (!voluntary_end || e->date <= *voluntary_end);
    Instalment in;
    in.date = e->date;
    in.amount = col.fee_base;
    in.exempt_voluntary = col.voluntary_period;
    in.options.settled_by_parties = in_cash.method == "settled";
    instalments.push_back(in);
    charged.push_back(L.collections.size());
    L.collections.push_back(col);
  }
  const std::vector<Money> fees = fee_per_instalment(instalments, FeeSettings{});
  for (size_t i = 0; i < fees.size(); ++i) {
    L.collections[charged[i]].fee = fees[i];
    L.fee_due += fees[i];
  }
  for (const Event* e : hist)
    if (const auto* rv = e->if_is<Reversed>())
      if (const MoneyEntry* m = s.money_entry(rv->reverses))
        L.reversals.push_back({e->seq, m->seq, m->type, m->amount, e->date, rv->reason, e->actor, m->reversed, {}, {}});
  for (const Event* e : hist)
    if (const auto* ap = e->if_is<ReversalApproved>())
      for (Reversal& r : L.reversals)
        if (r.seq == ap->approves) {
          r.approved_on = e->date;
          r.approved_by = e->actor;
        }
  L.payout = allocate(s.collected, 0, claims);
  return L;
}

std::vector<CaseWarning> build_warnings(const CaseDetail& d) {
  std::vector<CaseWarning> out;
  for (const Deadline& x : d.deadlines.report.deadlines) {
    if (x.state != Deadline::State::missed) continue;
    out.push_back({"deadline_missed",
                   "Quá hạn: " + x.label_vi + " (hạn " + x.due.vn() + ", chậm " + std::to_string(x.days_late) +
                       " ngày).",
                   x.article, x.due.iso()});
  }
  for (const Warning& w : d.deadlines.report.warnings) out.push_back({w.code, w.message_vi, w.article, iso(w.date)});
  if (d.opened)
    for (auto& w : intake_warnings(*d.opened, [&d] { return json::parse(d.events.front().raw, nullptr, false); }))
      out.push_back(std::move(w));
  return out;
}

// The seqs of the money entries whose reversal is approved.
std::set<int64_t> reversed_seqs(const CaseState& s) {
  std::set<int64_t> out;
  for (const MoneyEntry& m : s.money_entries)
    if (m.reversed) out.insert(m.seq);
  return out;
}

json event_json(const Event& e, const SeqSet& voided, const std::set<int64_t>& reversed) {
  json j = json::parse(e.raw, nullptr, false);
  if (!j.is_object()) j = json::object();
  j.erase("kind");
  j.erase("case");
  j["seq"] = e.seq;
  j["type"] = std::string(to_string(e.type));
  j["label"] = std::string(label_vi(e.type));
  j["recorded_at"] = format_rfc3339_utc(e.recorded_at);
  j["actor"] = e.actor;
  j["voided"] = voided.count(e.seq) != 0;
  if (e.type == EventType::collected || e.type == EventType::paid_out) j["reversed"] = reversed.count(e.seq) != 0;
  return j;
}

// event_json's text, written from the event's stored text through
// nlohmann's SAX parser and serializer: no tree of the event is built (on a
// case read that is not cached, parsing each event into a tree and dumping
// it was about a fifth of the request). The members come out in the order a
// tree would dump them (by key) when the stored text is canonical (keys in
// order, as the store writes it), and in the stored order otherwise. An
// event whose text is not an object falls back to event_json.
class EventText final : public nlohmann::json_sax<json> {
 public:
  struct Member {
    const char* key;  // plain ASCII, no escaping needed
    std::string text;
  };
  // `extras`: the members event_json sets, in key order; they replace the
  // stored members of the same key, and "kind" and "case" are left out.
  EventText(std::string& out, nlohmann::detail::serializer<json>& ser, const std::vector<Member>& extras)
      : out_(out), ser_(ser), extras_(extras) {}

  bool null() override { return scalar([this] { out_ += "null"; }); }
  bool boolean(bool v) override { return scalar([this, v] { out_ += v ? "true" : "false"; }); }
  bool number_integer(number_integer_t v) override { return scalar([this, v] { out_ += std::to_string(v); }); }
  bool number_unsigned(number_unsigned_t v) override { return scalar([this, v] { out_ += std::to_string(v); }); }
  bool number_float(number_float_t v, const string_t&) override {
    return scalar([this, v] { ser_.dump(json(v), false, false, 0); });
  }
  bool string(string_t& v) override { return scalar([this, &v] { ser_.dump(json(std::move(v)), false, false, 0); }); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open('{', false); }
  bool start_array(std::size_t) override { return open('[', true); }
  bool end_object() override {
    if (skip_ > 0) return --skip_, true;
    if (stack_.size() == 1) flush_extras(nullptr);
    return close('}');
  }
  bool end_array() override {
    if (skip_ > 0) return --skip_, true;
    return close(']');
  }
  bool key(string_t& k) override {
    if (skip_ > 0) return true;
    if (stack_.size() == 1) {
      if (replaced(k)) return skip_next_ = true;
      flush_extras(&k);
    }
    separate();
    ser_.dump(json(std::move(k)), false, false, 0);
    out_ += ':';
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  struct Level {
    bool array;
    bool first = true;
  };
  bool replaced(const std::string& k) const {
    if (k == "kind" || k == "case") return true;
    for (const Member& m : extras_)
      if (k == m.key) return true;
    return false;
  }
  void separate() {
    if (!stack_.back().first) out_ += ',';
    stack_.back().first = false;
  }
  // The extras whose key sorts before `k` (all that are left when null).
  void flush_extras(const std::string* k) {
    while (next_ < extras_.size() && (!k || std::string_view(extras_[next_].key) < *k)) {
      separate();
      out_ += '"';
      out_ += extras_[next_].key;
      out_ += "\":";
      out_ += extras_[next_].text;
      ++next_;
    }
  }
  template <class Write>
  bool scalar(Write write) {
    if (skip_ > 0) return true;
    if (skip_next_) return skip_next_ = false, true;
    if (stack_.empty()) return false;  // the top is not an object
    if (stack_.back().array) separate();
    write();
    return true;
  }
  bool open(char c, bool array) {
    if (skip_ > 0) return ++skip_, true;
    if (skip_next_) return skip_next_ = false, skip_ = 1, true;
    if (stack_.empty() ? array : stack_.back().array) {
      if (stack_.empty()) return false;  // the top is not an object
      separate();
    }
    out_ += c;
    stack_.push_back({array});
    return true;
  }
  bool close(char c) {
    out_ += c;
    stack_.pop_back();
    return true;
  }

  std::string& out_;
  nlohmann::detail::serializer<json>& ser_;
  const std::vector<Member>& extras_;
  size_t next_ = 0;
  std::vector<Level> stack_;
  int skip_ = 0;            // > 0 inside a value left out: its nesting
  bool skip_next_ = false;  // the next value is a member left out
};

// Just past the JSON value that starts at s[i] in compact text: at the ','
// or closing bracket after a number or literal, past the closing quote or
// bracket of a string, object or array. npos when the text ends first or has
// white space outside strings (not compact).
size_t value_end(std::string_view s, size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      if (i >= s.size()) return std::string_view::npos;
      if (depth == 0) return i + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return i;
      if (--depth == 0) return i + 1;
    } else if (c == ',' && depth == 0) {
      return i;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// What EventText writes, without parsing: a stored event is canonical JSON
// (interchange.h: its parsed JSON dumped with sorted keys, compact), so each
// top-level member's value is already the text the API prints for it, and
// is copied as it is; the extras go in their key order, "kind" and "case"
// are left out. Parsing every stored event a second time for its text was a
// seventh of a case read that missed the cache (docs/benchmarks.md, "Session
// 29"). False, with `out` as it was, when the text is not a compact object
// or a key holds an escape; the caller then parses it (EventText).
bool splice_event_text(std::string& out, std::string_view raw, const std::vector<EventText::Member>& extras) {
  const size_t at = out.size();
  const auto fail = [&] {
    out.resize(at);
    return false;
  };
  if (raw.size() < 2 || raw.front() != '{' || raw.back() != '}') return false;
  bool first = true;
  size_t next = 0;
  const auto put = [&](std::string_view key, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += '"';
    out += key;
    out += "\":";
    out += value;
  };
  const auto replaced = [&](std::string_view k) {
    if (k == "kind" || k == "case") return true;
    for (const EventText::Member& m : extras)
      if (k == m.key) return true;
    return false;
  };
  out += '{';
  size_t i = 1;
  if (raw.size() > 2)  // not {}
    for (;;) {
      if (raw[i] != '"') return fail();
      const size_t key_at = ++i;
      while (i < raw.size() && raw[i] != '"') {
        if (raw[i] == '\\') return fail();
        ++i;
      }
      if (i + 1 >= raw.size() || raw[i + 1] != ':') return fail();
      const std::string_view key = raw.substr(key_at, i - key_at);
      const size_t value_at = i + 2;
      i = value_end(raw, value_at);
      if (i == std::string_view::npos || i == value_at || i >= raw.size()) return fail();
      if (!replaced(key)) {
        while (next < extras.size() && std::string_view(extras[next].key) < key) put(extras[next].key, extras[next].text), ++next;
        put(key, raw.substr(value_at, i - value_at));
      }
      if (raw[i] == ',') {
        ++i;
        continue;
      }
      if (raw[i] == '}' && i + 1 == raw.size()) break;
      return fail();
    }
  while (next < extras.size()) put(extras[next].key, extras[next].text), ++next;
  out += '}';
  return true;
}

void append_event_text(std::string& out, nlohmann::detail::serializer<json>& ser, const Event& e,
                       const SeqSet& voided, const std::set<int64_t>& reversed) {
  const auto text = [&ser, &out](std::string v) {
    const size_t at = out.size();
    ser.dump(json(std::move(v)), false, false, 0);
    std::string t = out.substr(at);
    out.resize(at);
    return t;
  };
  std::vector<EventText::Member> extras;  // in key order
  extras.reserve(7);
  extras.push_back({"actor", text(e.actor)});
  extras.push_back({"label", text(std::string(label_vi(e.type)))});
  extras.push_back({"recorded_at", text(format_rfc3339_utc(e.recorded_at))});
  if (e.type == EventType::collected || e.type == EventType::paid_out)
    extras.push_back({"reversed", reversed.count(e.seq) ? "true" : "false"});
  extras.push_back({"seq", std::to_string(e.seq)});
  extras.push_back({"type", text(std::string(to_string(e.type)))});
  extras.push_back({"voided", voided.count(e.seq) ? "true" : "false"});
  if (splice_event_text(out, e.raw, extras)) return;
  const size_t at = out.size();
  EventText writer(out, ser, extras);
  if (!json::sax_parse(e.raw, &writer)) {
    out.resize(at);
    out += event_json(e, voided, reversed).dump();
  }
}

json party_json(const Party& p, bool with_id) {
  json j{{"name", p.name}, {"kind", p.kind}, {"address", p.address}};
  if (with_id) j["id_number"] = p.id_number;
  return j;
}

}  // namespace

std::optional<CaseScope> case_scope(Store& store, const std::string& case_id) {
  auto h = case_holder(store.db(), case_id);
  if (!h) return std::nullopt;
  return CaseScope{h->agency, h->officer};
}

namespace {

// load_case_detail inside a read transaction the caller holds.
std::optional<CaseDetail> load_detail(Store& store, const std::string& case_id, Date today, const Calendar& cal) {
  CaseDetail d;
  auto summary = case_summary(store.db(), case_id);
  if (!summary) return std::nullopt;
  d.view = std::move(*summary);
  d.events = store.load_stream(case_id);
  if (d.events.empty() || !d.events.front().opened()) return std::nullopt;
  d.state = fold(d.events);
  d.opened = d.events.front().opened();
  auto dl = case_deadlines(d.events, case_id, today, cal, set_aside_case_events(store, case_id));
  if (auto* x = std::get_if<CaseDeadlines>(&dl)) d.deadlines = std::move(*x);
  const auto hist = effective_history(d.events);
  d.ledger = build_ledger(*d.opened, d.state, hist, cal);
  d.warnings = build_warnings(d);
  return d;
}

}  // namespace

std::optional<CaseDetail> load_case_detail(Store& store, const std::string& case_id, Date today) {
  Snapshot snapshot(store);
  return load_detail(store, case_id, today, official_calendar_with(store.holidays()));
}

std::shared_ptr<const Calendar> CaseCache::calendar(Store& store, int64_t holidays) {
  {
    std::lock_guard lock(mu_);
    if (calendar_ && calendar_holidays_ == holidays) return calendar_;
  }
  auto cal = std::make_shared<const Calendar>(official_calendar_with(store.holidays()));
  std::lock_guard lock(mu_);
  calendar_ = cal;
  calendar_holidays_ = holidays;
  return cal;
}

std::variant<CaseCache::Read, Verdict> CaseCache::read(Store& store, const std::string& case_id, Date today,
                                                        bool with_api_body,
                                                        const std::function<Verdict(const CaseScope&)>& check) {
  Db& db = store.db();
  Read out;
  Entry e;
  bool fresh = false;  // built here, not found in the cache
  // One statement reads a consistent state: a cache hit needs no more.
  const auto key = case_cache_key(db, case_id);
  if (!key) return Verdict::not_found;
  out.scope = CaseScope{key->holder.agency, key->holder.officer};
  if (const Verdict v = check(out.scope); v != Verdict::allow) return v;
  e.version = key->version;
  e.holidays = key->holiday_entries;
  e.today = today.days();
  {
    std::lock_guard lock(mu_);
    auto it = map_.find(case_id);
    if (it != map_.end() && it->second.version == e.version && it->second.holidays == e.holidays &&
        it->second.today == e.today) {
      e = it->second;
      lru_.splice(lru_.begin(), lru_, it->second.used);
    }
  }
  if (!e.detail) {
    // Built from one snapshot, keyed by what that snapshot holds (a write
    // may have come between the statement above and this transaction).
    Snapshot snapshot(store);
    e.holidays = holiday_entry_count(db);
    auto d = load_detail(store, case_id, today, *calendar(store, e.holidays));
    if (!d) return Verdict::not_found;
    if (d->view.agency != out.scope.agency || d->view.officer != out.scope.officer) {
      out.scope = CaseScope{d->view.agency, d->view.officer};
      if (const Verdict v = check(out.scope); v != Verdict::allow) return v;
    }
    e.version = d->view.version;
    e.detail = std::make_shared<const CaseDetail>(std::move(*d));
    fresh = true;
  }
  bool changed = fresh;
  if (with_api_body && !e.api_body) {
    std::string body = case_json_text(*e.detail);
    // Kept: much slack beyond the reserved guess would be kept too.
    if (body.capacity() - body.size() > body.size() / 8) body.shrink_to_fit();
    e.api_body = std::make_shared<const std::string>(std::move(body));
    changed = true;
  }
  std::vector<Entry> dropped;  // freed after the lock, at the return
  if (changed) {
    std::lock_guard lock(mu_);
    auto it = map_.find(case_id);
    if (it != map_.end()) {
      // Another thread may have attached more to the same build meanwhile.
      if (it->second.detail == e.detail) {
        if (!e.api_body) e.api_body = it->second.api_body;
        if (!e.page_body) e.page_body = it->second.page_body;
      }
    }
    put_locked(case_id, e, dropped);
  }
  out.detail = std::move(e.detail);
  out.api_body = std::move(e.api_body);
  out.page_body = std::move(e.page_body);
  return out;
}

void CaseCache::keep_page_body(const std::string& case_id, const std::shared_ptr<const CaseDetail>& detail,
                               std::shared_ptr<const std::string> body) {
  std::vector<Entry> dropped;  // freed after the lock
  std::lock_guard lock(mu_);
  auto it = map_.find(case_id);
  if (it == map_.end() || it->second.detail != detail) return;
  Entry e = it->second;
  e.page_body = std::move(body);
  put_locked(case_id, std::move(e), dropped);
}

void CaseCache::put_locked(const std::string& case_id, Entry e, std::vector<Entry>& dropped) {
  // A kept text costs its buffer (capacity, not size), the string and the
  // shared_ptr's control block; the entry, its key and the map's node.
  const auto text_bytes = [](const std::shared_ptr<const std::string>& t) {
    return t ? t->capacity() + 1 + sizeof(std::string) + 32 : 0;
  };
  constexpr size_t kNodes = 64 + 48;  // the map's node, the recency list's node
  e.bytes = estimated_bytes(*e.detail) + sizeof(Entry) + kNodes + 2 * case_id.capacity() + text_bytes(e.api_body) +
            text_bytes(e.page_body);
  if (auto it = map_.find(case_id); it != map_.end()) {
    bytes_ -= it->second.bytes;
    lru_.erase(it->second.used);
    dropped.push_back(std::move(it->second));
    map_.erase(it);
  }
  if (e.bytes > max_bytes_) return;  // answered, not kept
  while (!map_.empty() && (map_.size() >= max_entries_ || bytes_ + e.bytes > max_bytes_)) {
    auto victim = map_.find(lru_.back());
    bytes_ -= victim->second.bytes;
    dropped.push_back(std::move(victim->second));
    map_.erase(victim);
    lru_.pop_back();
  }
  if (max_entries_ == 0) return;
  bytes_ += e.bytes;
  lru_.push_front(case_id);
  e.used = lru_.begin();
  map_.emplace(case_id, std::move(e));
}

size_t estimated_bytes(const CaseDetail& d) {
  // What the view and the state hold besides (a dozen short texts, the
  // money entries): a flat allowance of 1 KiB a case.
  constexpr size_t kViewAndState = 1024;
  size_t n = sizeof(CaseDetail) + kViewAndState + d.events.capacity() * sizeof(Event);
  // The typed payloads hold little text beside `raw` (measured on the
  // demo's cases: tests/integration/case_cache_estimate_test.cc).
  for (const Event& e : d.events) n += e.raw.capacity() + e.case_id.capacity() + e.actor.capacity();
  n += d.ledger.collections.capacity() * sizeof(Collection) + d.ledger.reversals.capacity() * sizeof(Reversal);
  n += d.ledger.fee_note.capacity();
  for (const CaseWarning& w : d.warnings)
    n += sizeof(CaseWarning) + w.code.capacity() + w.message_vi.capacity() + w.article.capacity() + w.date.capacity();
  n += d.deadlines.case_id.capacity() + d.deadlines.report.deadlines.capacity() * sizeof(Deadline) +
       d.deadlines.report.warnings.capacity() * sizeof(Warning);
  for (const Deadline& x : d.deadlines.report.deadlines)
    n += x.action.capacity() + x.label_vi.capacity() + x.article.capacity() + x.note.capacity();
  for (const Warning& x : d.deadlines.report.warnings) n += x.code.capacity() + x.message_vi.capacity() + x.article.capacity();
  return n;
}

std::string officer_name(Store& store, const std::string& id) {
  if (id.empty()) return {};
  const auto names = officer_names(store.db(), {id});
  const auto o = names.find(id);
  return o != names.end() ? o->second : std::string();
}

size_t CaseCache::size() const {
  std::lock_guard lock(mu_);
  return map_.size();
}

size_t CaseCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

namespace {

// Every member of case_json but "events".
json case_json_head(const CaseDetail& d) {
  const CaseView& v = d.view;
  const CaseOpened& c = *d.opened;
  json j;
  j["id"] = v.case_id;
  j["agency"] = v.agency;
  j["version"] = v.version;
  j["status"] = v.status;
  j["ended"] = v.ended.empty() ? json(nullptr) : json(v.ended);
  j["end_date"] = v.ended.empty() ? json(nullptr) : json(iso(v.end_date));
  j["mode"] = v.mode.empty() ? std::string(to_string(c.mode)) : v.mode;
  j["judgment_kind"] = c.judgment_kind;
  j["opened_date"] = iso(d.events.front().date);
  j["judgment"] = {{"number", c.judgment.number},
                   {"court", c.judgment.court},
                   {"date", iso(c.judgment.date)},
                   {"effective_date", iso(c.judgment.effective_date)},
                   {"received_date", iso_or_null(c.judgment.received_date)}};
  j["request_date"] = iso_or_null(c.request_date);
  j["debtor"] = party_json(c.debtor, true);
  j["creditor"] = party_json(c.creditor, true);
  j["officer"] = v.officer;
  j["obligations"] = json::array();
  for (const Obligation& o : c.obligations)
    j["obligations"].push_back({{"category", o.category},
                                {"amount", o.amount ? json(*o.amount) : json(nullptr)},
                                {"priority", priority_of(o.category)}});
  j["flags"] = c.flags;
  j["opened_amount"] = v.opened_amount;
  j["collected"] = v.collected;
  j["reduced"] = v.reduced;
  j["written_off"] = v.written_off;
  j["paid_out"] = v.paid_out;
  j["remaining"] = v.remaining;
  j["public_unable"] = v.public_unable;
  j["unable_reason"] = v.unable_reason.empty() ? json(nullptr) : json(v.unable_reason);
  json cols = json::array();
  for (const Collection& col : d.ledger.collections)
    cols.push_back({{"seq", col.seq}, {"date", col.date.iso()}, {"method", col.method}, {"amount", col.amount},
                    {"fee_base", col.fee_base}, {"fee", col.fee}, {"voluntary_period", col.voluntary_period},
                    {"reversed", col.reversed}});
  json reversals = json::array();
  for (const Reversal& r : d.ledger.reversals)
    reversals.push_back({{"seq", r.seq}, {"reverses", r.reverses}, {"entry_type", std::string(to_string(r.entry_type))},
                         {"amount", r.amount}, {"date", r.date.iso()}, {"reason", r.reason}, {"recorded_by", r.recorded_by},
                         {"approved", r.approved},
                         {"approved_on", r.approved_on ? json(r.approved_on->iso()) : json(nullptr)},
                         {"approved_by", r.approved ? json(r.approved_by) : json(nullptr)}});
  json claims = json::array();
  for (const Allocation& a : d.ledger.payout.claims)
    claims.push_back({{"category", a.category}, {"priority", a.priority}, {"owed", a.owed}, {"paid", a.paid},
                      {"outstanding", a.outstanding}});
  j["ledger"] = {{"collected", v.collected},
                 {"paid_out", v.paid_out},
                 {"undistributed", v.collected - v.paid_out},
                 {"remaining", v.remaining},
                 {"fee_due", d.ledger.fee_due},
                 {"fee_note", d.ledger.fee_note},
                 {"collections", cols},
                 {"reversals", reversals},
                 {"payment_order", {{"claims", claims}, {"returned_to_debtor", d.ledger.payout.returned_to_debtor}}}};
  j["deadlines"] = json(deadlines_json(d.deadlines));
  j["warnings"] = json::array();
  for (const CaseWarning& w : d.warnings)
    j["warnings"].push_back({{"code", w.code}, {"message", w.message_vi}, {"article", w.article}, {"date", w.date}});
  return j;
}

}  // namespace

json case_json(const CaseDetail& d) {
  json j = case_json_head(d);
  j["events"] = json::array();
  const SeqSet voided = voided_seqs(d.events);
  const std::set<int64_t> reversed = reversed_seqs(d.state);
  for (const Event& e : d.events) j["events"].push_back(event_json(e, voided, reversed));
  return j;
}

std::string case_json_text(const CaseDetail& d) {
  std::string out;
  // About the stored events' size plus the head's; growing past it copies once.
  size_t guess = 2048;
  for (const Event& e : d.events) guess += e.raw.size() + 160;
  out.reserve(guess);
  append_case_head(out, d);  // no closing brace: "events" comes last
  out += ",\"events\":[";
  nlohmann::detail::serializer<json> ser(nlohmann::detail::output_adapter<char, std::string>(out), ' ');
  const SeqSet voided = voided_seqs(d.events);
  const std::set<int64_t> reversed = reversed_seqs(d.state);
  for (size_t i = 0; i < d.events.size(); ++i) {
    if (i) out += ',';
    append_event_text(out, ser, d.events[i], voided, reversed);
  }
  out += "]}";
  return out;
}

}  // namespace thads
