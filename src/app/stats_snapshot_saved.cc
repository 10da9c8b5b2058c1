// StatsSnapshot persisted in the store: its encoding (format 1 below) and
// the load that starts from it. docs/storage.md, "Read-model snapshots".
//
// Format 1, every integer little-endian at its full width, a string as its
// length (u32) and its bytes, a list as its count (u64) and its items:
//   u32 format, i64 position
//   agency codes, in the agency tree's order (list of strings)
//   the StatsTable (StatsTable::encode)
//   now: list of {i32 agency, i32 opened, u8 status, u16 reason}, one per case
//   reasons (list of strings), officer ids (list of strings)
//   pending: list of {i32 agency, i32 due, u32 officer, u32 slot}
//   case ids: the arena (string) and the end of each slot's id (list of u32)
#include <algorithm>

#include "app/agency_directory.h"
#include "app/reports.h"
#include "app/saved_snapshot.h"
#include "domain/byte_codec.h"
#include "store/read_model_snapshots.h"

namespace thads {
namespace {

constexpr uint8_t kLastStatusCode = 1 + static_cast<uint8_t>(Status::unable);

bool in_agencies(int32_t a, size_t n) { return a >= -1 && (a < 0 || static_cast<size_t>(a) < n); }

}  // namespace

std::string StatsSnapshot::encode() const {
  std::string out;
  ByteWriter w(out);
  w.put(static_cast<uint32_t>(kFormat));
  w.put(position_);
  w.put(static_cast<uint64_t>(tree_.size()));
  for (size_t a = 0; a < tree_.size(); ++a) w.str(tree_.at(static_cast<int>(a)).code);
  table_.encode(w);
  w.put(static_cast<uint64_t>(now_.size()));
  for (const Now& n : now_) {
    w.put(n.agency);
    w.put(n.opened);
    w.put(n.status);
    w.put(n.reason);
  }
  w.strs(reasons_);
  w.strs(officer_ids_);
  w.put(static_cast<uint64_t>(pending_.size()));
  for (const Pending& p : pending_) {
    w.put(p.agency);
    w.put(p.due);
    w.put(p.officer);
    w.put(p.slot);
  }
  // The case id of every slot: those loaded at once, then those added by refresh().
  std::vector<std::string_view> ids(now_.size());
  const size_t loaded = ids_ ? ids_->end.size() : 0;
  for (size_t i = 0; i < loaded && i < ids.size(); ++i) ids[i] = ids_->at(i);
  for (const auto& [id, slot] : added_)
    if (slot < ids.size()) ids[slot] = id;
  std::string arena;
  std::vector<uint32_t> end;
  end.reserve(ids.size());
  for (std::string_view id : ids) {
    arena += id;
    end.push_back(static_cast<uint32_t>(arena.size()));
  }
  w.str(arena);
  w.put(static_cast<uint64_t>(end.size()));
  for (uint32_t e : end) w.put(e);
  return out;
}

std::optional<StatsSnapshot> StatsSnapshot::decode(std::string_view bytes, const AgencyTree& tree) {
  ByteReader r(bytes);
  if (r.get<uint32_t>() != kFormat || !r.ok()) return std::nullopt;
  StatsSnapshot s;
  s.position_ = r.get<int64_t>();
  const uint64_t nagencies = r.count(4);
  if (!r.ok() || nagencies != tree.size()) return std::nullopt;
  for (size_t a = 0; a < tree.size(); ++a)
    if (r.str() != tree.at(static_cast<int>(a)).code) return std::nullopt;
  if (!r.ok() || !s.table_.decode(r, static_cast<int32_t>(nagencies))) return std::nullopt;
  const size_t ncases = s.table_.size();
  if (r.count(11) != ncases || !r.ok()) return std::nullopt;
  s.now_.resize(ncases);
  for (Now& n : s.now_) {
    n.agency = r.get<int32_t>();
    n.opened = r.get<int32_t>();
    n.status = r.get<uint8_t>();
    n.reason = r.get<uint16_t>();
  }
  s.reasons_ = r.strs();
  s.officer_ids_ = r.strs();
  const uint64_t npending = r.count(16);
  if (!r.ok() || s.reasons_.size() > 0x10000 || s.officer_ids_.size() > UINT32_MAX) return std::nullopt;
  s.pending_.resize(static_cast<size_t>(npending));
  for (Pending& p : s.pending_) {
    p.agency = r.get<int32_t>();
    p.due = r.get<int32_t>();
    p.officer = r.get<uint32_t>();
    p.slot = r.get<uint32_t>();
  }
  auto ids = std::make_shared<Ids>();
  ids->arena = r.str();
  if (r.count(4) != ncases || !r.ok()) return std::nullopt;
  ids->end.resize(ncases);
  for (uint32_t& e : ids->end) e = r.get<uint32_t>();
  if (!r.done()) return std::nullopt;  // short, or bytes left over
  // Every index within what it indexes.
  for (const Now& n : s.now_) {
    if (!in_agencies(n.agency, nagencies) || n.status > kLastStatusCode) return std::nullopt;
    if (n.status == kLastStatusCode && n.reason >= s.reasons_.size()) return std::nullopt;
  }
  for (const Pending& p : s.pending_)
    if (!in_agencies(p.agency, nagencies) || p.officer >= s.officer_ids_.size() || p.slot >= ncases)
      return std::nullopt;
  uint32_t prev = 0;
  for (uint32_t e : ids->end) {
    if (e < prev) return std::nullopt;
    prev = e;
  }
  if (prev != ids->arena.size()) return std::nullopt;
  for (size_t i = 0; i < s.reasons_.size(); ++i) s.reason_index_.emplace(s.reasons_[i], static_cast<uint16_t>(i));
  for (size_t i = 0; i < s.officer_ids_.size(); ++i)
    s.officer_index_.emplace(s.officer_ids_[i], static_cast<uint32_t>(i));
  s.ids_ = std::move(ids);
  s.tree_ = tree;
  return s;
}

std::shared_ptr<const StatsSnapshot> StatsSnapshot::load_saved(Store& store, SnapshotOrigin* origin) {
  SnapshotOrigin o;
  std::optional<StatsSnapshot> s;
  {
    Snapshot tx(store);
    SnapshotRead r = read_snapshot(store.db(), kSavedName, kFormat);
    if (!r.ok) {
      o.why_not = r.why;
    } else {
      AgencyTree tree = load_agency_tree(store);
      s = decode(r.snapshot.blob, tree);
      // Its bytes carry the position they were encoded at; a snapshot moved
      // forward since (advance_saved) reflects the later one it is saved at.
      if (!s || s->position_ > r.snapshot.pos) {
        s.reset();
        o.why_not = "its content is not a snapshot of this store's agencies in format " + std::to_string(kFormat);
      } else {
        s->position_ = r.snapshot.pos;
        s->targets_ = store.targets();
        for (const OfficerRecord& of : store.officers()) s->officer_names_[of.id] = of.name;
        o.saved = true;
        o.saved_pos = r.snapshot.pos;
      }
    }
    tx.commit();
  }
  if (origin) *origin = o;
  if (!s) return std::make_shared<const StatsSnapshot>(load(store));
  // Up to the journal's head: the cases written since are read again.
  return refresh(std::make_shared<const StatsSnapshot>(std::move(*s)), store);
}

bool StatsSnapshot::advance_saved(Store& store) {
  // Case events and reference data (agencies, officers, targets, holidays)
  // change the statistics; accounts, settings and the modules' records do not.
  return advance_saved_snapshot(store, kSavedName, kFormat, /*reference_kept=*/false);
}

bool StatsSnapshot::save(Store& store) const {
  if (as_known_at_) return false;
  return write_snapshot(store.db(), kSavedName, kFormat, position_, encode());
}

}  // namespace thads
