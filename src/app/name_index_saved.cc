// NameIndex persisted in the store: its encoding (format 1 below) and the
// load that starts from it. docs/storage.md, "Read-model snapshots".
//
// Format 1, every integer little-endian at its full width, a string as its
// length (u32) and its bytes, a list as its count (u64) and its items (a
// list of u32 as its count and the numbers one after the other):
//   u32 format, i64 position
//   cases, in case_id order: list of {u64 text, u32 len[5], u32 agency,
//     status, court, officer, opened, reason, unable, i64 remaining}
//   text (string), dict (list of strings), agencies (list of strings)
//   term_text (string), term_end, post_end, post, fwd_end, fwd (lists of u32)
//   replaced (list of u64)
//   rows: list of {u32 case number, row}
//   changed: list of {row, terms (list of strings)}
// where a row is its 12 texts (case_id, agency, status, debtor_name,
// debtor_address, creditor_name, judgment_number, court, officer,
// opened_date, unable_reason, unable_date) and i64 remaining.
#include <algorithm>

#include "app/name_index.h"
#include "app/name_index_base.h"
#include "domain/byte_codec.h"
#include "store/read_model_snapshots.h"

namespace thads {
namespace {

void put_row(ByteWriter& w, const CaseRow& c) {
  for (const std::string* s : {&c.case_id, &c.agency, &c.status, &c.debtor_name, &c.debtor_address, &c.creditor_name,
                               &c.judgment_number, &c.court, &c.officer, &c.opened_date, &c.unable_reason,
                               &c.unable_date})
    w.str(*s);
  w.put(c.remaining);
}

CaseRow get_row(ByteReader& r) {
  CaseRow c;
  for (std::string* s : {&c.case_id, &c.agency, &c.status, &c.debtor_name, &c.debtor_address, &c.creditor_name,
                         &c.judgment_number, &c.court, &c.officer, &c.opened_date, &c.unable_reason, &c.unable_date})
    *s = std::string(r.str());
  c.remaining = r.get<int64_t>();
  return c;
}

// An array of offsets `end` (element i ends where i + 1 begins) is
// non-decreasing and ends at `total`.
bool ends_ok(const std::vector<uint32_t>& end, size_t total) {
  uint32_t prev = 0;
  for (uint32_t e : end) {
    if (e < prev) return false;
    prev = e;
  }
  return prev == total;
}

}  // namespace

std::string NameIndex::encode() const {
  const Base& b = *base_;
  std::string out;
  ByteWriter w(out);
  w.put(static_cast<uint32_t>(kFormat));
  w.put(position_);
  w.put(static_cast<uint64_t>(b.cases.size()));
  for (const Base::Packed& p : b.cases) {
    w.put(p.text);
    for (uint32_t l : p.len) w.put(l);
    for (uint32_t v : {p.agency, p.status, p.court, p.officer, p.opened, p.reason, p.unable}) w.put(v);
    w.put(p.remaining);
  }
  w.str(b.text);
  w.strs(b.dict);
  w.strs(b.agencies);
  w.str(b.term_text);
  for (const std::vector<uint32_t>* v : {&b.term_end, &b.post_end, &b.post, &b.fwd_end, &b.fwd}) w.u32s(*v);
  w.put(static_cast<uint64_t>(replaced_->size()));
  for (uint64_t bits : *replaced_) w.put(bits);
  std::vector<uint32_t> numbers;  // rows_ in number order, so that the bytes do not depend on hashing
  rows_->for_each([&](uint32_t n, const CaseRow&) { numbers.push_back(n); });
  std::sort(numbers.begin(), numbers.end());
  w.put(static_cast<uint64_t>(numbers.size()));
  for (uint32_t n : numbers) {
    w.put(n);
    put_row(w, *rows_->find(n));
  }
  w.put(static_cast<uint64_t>(changed_->size()));
  for (const auto& [id, c] : *changed_) {
    put_row(w, c.row);
    w.strs(c.terms);
  }
  return out;
}

std::shared_ptr<const NameIndex> NameIndex::decode(std::string_view bytes) {
  ByteReader r(bytes);
  if (r.get<uint32_t>() != kFormat || !r.ok()) return nullptr;
  auto index = std::make_shared<NameIndex>();
  index->position_ = r.get<int64_t>();
  auto base = std::make_shared<Base>();
  Base& b = *base;
  b.cases.resize(static_cast<size_t>(r.count(64)));
  for (Base::Packed& p : b.cases) {
    p.text = r.get<uint64_t>();
    for (uint32_t& l : p.len) l = r.get<uint32_t>();
    for (uint32_t* v : {&p.agency, &p.status, &p.court, &p.officer, &p.opened, &p.reason, &p.unable})
      *v = r.get<uint32_t>();
    p.remaining = r.get<int64_t>();
  }
  b.text = std::string(r.str());
  b.dict = r.strs();
  b.agencies = r.strs();
  b.term_text = std::string(r.str());
  for (std::vector<uint32_t>* v : {&b.term_end, &b.post_end, &b.post, &b.fwd_end, &b.fwd}) r.u32s(*v);
  auto replaced = std::make_shared<std::vector<uint64_t>>(static_cast<size_t>(r.count(8)));
  for (uint64_t& bits : *replaced) bits = r.get<uint64_t>();
  auto rows = std::make_shared<RowMap>();
  for (uint64_t i = 0, n = r.count(4 + 12 * 4 + 8); i < n; ++i) {
    const uint32_t number = r.get<uint32_t>();
    if (number >= b.cases.size() || !rows->emplace(number, get_row(r))) return nullptr;
  }
  auto changed = std::make_shared<ChangedMap>();
  for (uint64_t i = 0, n = r.count(12 * 4 + 8 + 8); i < n; ++i) {
    CaseRow row = get_row(r);
    std::vector<std::string> terms = r.strs();
    if (!r.ok() || !std::is_sorted(terms.begin(), terms.end())) return nullptr;
    std::string id = row.case_id;
    if (!changed->emplace(std::move(id), Changed{std::move(row), std::move(terms)}).second) return nullptr;
  }
  if (!r.done()) return nullptr;

  // Every offset and number within what it indexes; the orders the
  // searches rely on (cases by case_id, terms bytewise, postings and each
  // case's terms ascending).
  const size_t ncases = b.cases.size(), nterms = b.term_end.size();
  if (ncases >= UINT32_MAX || nterms >= UINT32_MAX) return nullptr;
  for (const Base::Packed& p : b.cases) {
    uint64_t len = 0;
    for (uint32_t l : p.len) len += l;
    if (p.text > b.text.size() || len > b.text.size() - p.text) return nullptr;
    if (p.agency >= b.agencies.size()) return nullptr;
    for (uint32_t v : {p.status, p.court, p.officer, p.opened, p.reason, p.unable})
      if (v >= b.dict.size()) return nullptr;
  }
  for (size_t n = 1; n < ncases; ++n)
    if (!(b.case_id(static_cast<uint32_t>(n - 1)) < b.case_id(static_cast<uint32_t>(n)))) return nullptr;
  if (!ends_ok(b.term_end, b.term_text.size())) return nullptr;
  for (size_t t = 1; t < nterms; ++t)
    if (!(b.term(static_cast<uint32_t>(t - 1)) < b.term(static_cast<uint32_t>(t)))) return nullptr;
  if (b.post_end.size() != nterms || !ends_ok(b.post_end, b.post.size())) return nullptr;
  if (b.fwd_end.size() != ncases || !ends_ok(b.fwd_end, b.fwd.size())) return nullptr;
  const auto ascending_below = [](const std::vector<uint32_t>& end, const std::vector<uint32_t>& v, size_t bound) {
    for (size_t i = 0; i < end.size(); ++i) {
      auto [from, to] = Base::span(end, i);
      for (size_t k = from; k < to; ++k)
        if (v[k] >= bound || (k > from && v[k] <= v[k - 1])) return false;
    }
    return true;
  };
  if (!ascending_below(b.post_end, b.post, ncases) || !ascending_below(b.fwd_end, b.fwd, nterms)) return nullptr;
  if (replaced->size() != (ncases + 63) / 64) return nullptr;
  if (ncases % 64 && !replaced->empty() && (replaced->back() >> (ncases % 64)) != 0) return nullptr;

  // What the load derives from the above.
  for (size_t i = 0; i < b.dict.size(); ++i) b.dict_index.emplace(b.dict[i], static_cast<uint32_t>(i));
  for (size_t i = 0; i < b.agencies.size(); ++i)
    if (!b.agency_index.emplace(b.agencies[i], static_cast<uint32_t>(i)).second) return nullptr;
  b.agency_first.assign(b.agencies.size(), UINT32_MAX);
  b.agency_last.assign(b.agencies.size(), 0);
  b.agency.reserve(ncases);
  for (uint32_t n = 0; n < ncases; ++n) {
    const uint32_t a = b.cases[n].agency;
    b.agency_first[a] = std::min(b.agency_first[a], n);
    b.agency_last[a] = n;
    b.agency.push_back(a);
  }
  size_t added = 0;
  for (const auto& [id, c] : *changed)
    if (!b.find(id)) ++added;
  index->added_ = added;
  index->base_ = std::move(base);
  index->replaced_ = std::move(replaced);
  index->changed_ = std::move(changed);
  index->rows_ = std::move(rows);
  return index;
}

std::shared_ptr<const NameIndex> NameIndex::load_saved(Store& store, const std::atomic<bool>* stop,
                                                       SnapshotOrigin* origin) {
  SnapshotOrigin o;
  std::shared_ptr<const NameIndex> s;
  {
    Snapshot tx(store);
    SnapshotRead r = read_snapshot(store.db(), kSavedName, kFormat);
    if (!r.ok) {
      o.why_not = r.why;
    } else if (!(s = decode(r.snapshot.blob)) || s->position_ > r.snapshot.pos) {
      s.reset();
      o.why_not = "its content is not a search index in format " + std::to_string(kFormat);
    } else {
      // Its bytes carry the position they were encoded at; an index moved
      // forward since (advance_saved) reflects the later one it is saved at.
      if (s->position_ < r.snapshot.pos) {
        auto moved = std::make_shared<NameIndex>(*s);
        moved->position_ = r.snapshot.pos;
        s = std::move(moved);
      }
      o.saved = true;
      o.saved_pos = r.snapshot.pos;
    }
    tx.commit();
  }
  if (s) {
    // Up to the journal's head: the cases written since are read again.
    if (auto next = refresh(s, store)) {
      if (origin) *origin = o;
      return next;
    }
    o = SnapshotOrigin{false, -1, "too much was written since its position " + std::to_string(o.saved_pos)};
  }
  if (origin) *origin = o;
  return load(store, stop);
}

bool NameIndex::advance_saved(Store& store) {
  // Only case events change case rows and terms (refresh() reads no other
  // journal entry): reference data, accounts, settings and the modules'
  // records leave the index as it is.
  return advance_saved_snapshot(store, kSavedName, kFormat, /*reference_kept=*/true);
}

bool NameIndex::save(Store& store) const {
  return write_snapshot(store.db(), kSavedName, kFormat, position_, encode());
}

}  // namespace thads
