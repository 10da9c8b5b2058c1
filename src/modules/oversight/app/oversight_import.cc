#include "modules/oversight/app/oversight_import.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "app/import_window.h"
#include "domain/interchange.h"
#include "modules/oversight/app/freeze_lookup.h"
#include "modules/oversight/app/stored_ids.h"
#include "modules/oversight/domain/freeze_budget.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {
namespace {

class Import final : public ModuleImport {
  struct Held {
    Stream stream;
    uint64_t last_use = 0;
    bool dirty = false;  // acts appended since its read models were last written
  };
  using Streams = std::unordered_map<std::string, Held>;

 public:
  explicit Import(ImportContext& ctx)
      : ctx_(ctx), stored_(ctx.options.lookups_before_listing, [&ctx](const auto& f) { for_each_stream_id(ctx.tx.db(), f); }) {
    for (BodyRecord& b : bodies(ctx.store.db())) body_raw_[b.code] = std::move(b.raw);
    refs_.agency_known = [this](const std::string& c) { return ctx_.agencies.known(c); };
    refs_.case_known = [this](const std::string& c) { return ctx_.case_known(c); };
    refs_.body_known = [this](const std::string& c) { return body_raw_.count(c) > 0; };
  }

  Outcome on(ModuleRecord& m, Refusal& why) override {
    if (auto* b = std::any_cast<BodyRecord>(&m.value)) return on_body(*b, why);
    return on_act(std::any_cast<Act&>(m.value), why);
  }

  void finish() override {
    std::vector<Streams::iterator> all;
    for (auto it = streams_.begin(); it != streams_.end(); ++it) all.push_back(it);
    write_and_drop(all);
  }

 private:
  Outcome refuse(Refusal& why, std::string code, std::string message) {
    why = Refusal{std::move(code), std::move(message), ""};
    return Outcome::refused;
  }

  // Same-key idempotence, as for agencies (oversight.md "body").
  Outcome on_body(BodyRecord& b, Refusal& why) {
    if (!b.agency.empty() && !ctx_.agencies.known(b.agency))
      return refuse(why, "unknown_agency", "agency " + b.agency + " is not known");
    if (auto it = body_raw_.find(b.code); it != body_raw_.end()) {
      if (same_record(it->second, b.raw)) return Outcome::duplicate;
      return refuse(why, "seq_conflict", "a different body " + b.code + " is already recorded");
    }
    ctx_.tx.append("body", b.code, 1, ctx_.options.now_unix, ctx_.options.actor, b.raw);
    put_body(ctx_.tx.db(), b);
    body_raw_[b.code] = b.raw;
    return Outcome::added_reference;
  }

  Outcome on_act(Act& a, Refusal& why) {
    if (blocked_.count(a.id)) return Outcome::skipped;
    // Before any stream is looked up: the pointers below stay valid for
    // this act.
    if (size_t n = overflow(streams_.size(), ctx_.options.window)) evict(n);
    // An id names one stream: never a case, never a stream of another kind
    // (bad_field, checked with the payload).
    Stream* s = stream(a.id);
    if ((s && s->exists() && s->acts().front().kind != a.kind) || ctx_.case_known(a.id)) {
      blocked_.insert(a.id);
      return refuse(why, "bad_field", "id " + a.id + " already names a case or a stream of another kind");
    }
    if (!s) {
      Held& fresh = streams_[a.id];
      fresh.last_use = ++tick_;
      s = &fresh.stream;
    }
    Decision d = s->decide(a, refs_);
    if (d.kind == Decision::duplicate) return Outcome::duplicate;
    if (d.kind == Decision::accept && a.kind == StreamKind::request && a.type == "sent") {
      if (auto r = freeze_budget(a)) d = {Decision::refuse, *r};
    }
    if (d.kind == Decision::refuse) {
      why = d.refusal;
      blocked_.insert(a.id);
      return Outcome::refused;
    }
    ctx_.tx.append(std::string(to_string(a.kind)), a.id, a.seq, a.recorded_at, a.actor, a.raw);
    if (a.kind == StreamKind::request && a.seq == 1) case_requests_[a.text("case")].insert(a.id);
    Held& h = streams_.at(a.id);
    if (!h.stream.exists()) stored_.note_stored(a.id);
    h.stream.append(std::move(a));
    h.dirty = true;
    return Outcome::added_event;
  }

  // The stream of `id`: held, or read from the journal (with what this
  // import appended to it) and held; nullptr when neither stored nor seen
  // earlier in the file.
  Stream* stream(const std::string& id) {
    auto it = streams_.find(id);
    if (it == streams_.end()) {
      if (absent_.count(id)) return nullptr;
      auto kind = stored_.may_be_stored(id) ? kind_of(ctx_.tx.db(), id) : std::nullopt;
      if (!kind) {
        absent_.insert(id);
        return nullptr;
      }
      it = streams_.emplace(id, Held{Stream(load_acts(ctx_.tx.db(), *kind, id))}).first;
    }
    it->second.last_use = ++tick_;
    return &it->second.stream;
  }

  // Writes the read models of the `count` least recently used streams and
  // drops them (as the case import's window does, app/import.cc).
  void evict(size_t count) {
    auto oldest = least_recently_used(streams_, count);
    write_and_drop(oldest);
  }

  // In id order, so the read models' B-tree inserts land in order. The
  // dropped streams go to the import's disposer (app/disposer.h): freed off
  // this thread.
  void write_and_drop(std::vector<Streams::iterator>& some) {
    std::sort(some.begin(), some.end(), [](auto x, auto y) { return x->first < y->first; });
    std::vector<Streams::node_type> dropped;
    dropped.reserve(some.size());
    for (auto it : some) {
      if (it->second.dirty) project(ctx_.tx.db(), it->second.stream);
      // A stream this import opened is in the journal now: no longer absent.
      absent_.erase(it->first);
      dropped.push_back(streams_.extract(it));
    }
    ctx_.disposer.dispose(std::move(dropped));
  }

  // The freeze budget, looked up as the use cases do (app/freeze_lookup.h),
  // with this file's earlier requests of the case besides the stored ones.
  std::optional<Refusal> freeze_budget(const Act& sent) {
    if (!is_freeze_request(sent)) return std::nullopt;  // no need to read the case
    const CaseStream* c = ctx_.case_stream(sent.text("case"));
    if (!c) return std::nullopt;
    return oversight::freeze_budget(ctx_.store.db(), sent, c->events(), case_requests_[sent.text("case")],
                                    [this](const std::string& id) { return stream(id); });
  }

  ImportContext& ctx_;
  Refs refs_;
  std::unordered_map<std::string, std::string> body_raw_;
  Streams streams_;  // at most about ctx_.options.window (evict)
  uint64_t tick_ = 0;
  StoredIds stored_;  // which ids the journal may hold, so new ones cost no query
  std::unordered_set<std::string> absent_, blocked_;
  std::unordered_map<std::string, std::unordered_set<std::string>> case_requests_;
};

}  // namespace

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx) { return std::make_unique<Import>(ctx); }

}  // namespace thads::oversight
