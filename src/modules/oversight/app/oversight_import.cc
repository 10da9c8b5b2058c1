#include "modules/oversight/app/oversight_import.h"

#include <unordered_map>
#include <unordered_set>

#include "domain/interchange.h"
#include "modules/oversight/app/freeze_lookup.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::oversight {
namespace {

class Import final : public ModuleImport {
 public:
  explicit Import(ImportContext& ctx) : ctx_(ctx) {
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
    for (const std::string& id : dirty_) project(ctx_.tx.db(), streams_.at(id));
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
    // An id names one stream: never a case, never a stream of another kind
    // (bad_field, checked with the payload).
    Stream* s = stream(a.id);
    if ((s && s->exists() && s->acts().front().kind != a.kind) || ctx_.case_known(a.id)) {
      blocked_.insert(a.id);
      return refuse(why, "bad_field", "id " + a.id + " already names a case or a stream of another kind");
    }
    if (!s) s = &streams_[a.id];
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
    s->append(std::move(a));
    dirty_.insert(s->acts().front().id);
    return Outcome::added_event;
  }

  // The stream of `id`, loaded from the store once; nullptr when neither
  // stored nor seen earlier in the file.
  Stream* stream(const std::string& id) {
    if (auto it = streams_.find(id); it != streams_.end()) return &it->second;
    if (looked_up_.count(id)) return nullptr;
    looked_up_.insert(id);
    auto kind = kind_of(ctx_.store.db(), id);
    if (!kind) return nullptr;
    return &streams_.emplace(id, Stream(load_acts(ctx_.store.db(), *kind, id))).first->second;
  }

  // The freeze budget, looked up as the use cases do (app/freeze_lookup.h),
  // with this file's earlier requests of the case besides the stored ones.
  std::optional<Refusal> freeze_budget(const Act& sent) {
    const CaseStream* c = ctx_.case_stream(sent.text("case"));
    if (!c) return std::nullopt;
    return oversight::freeze_budget(ctx_.store.db(), sent, c->events(), case_requests_[sent.text("case")],
                                    [this](const std::string& id) { return stream(id); });
  }

  ImportContext& ctx_;
  Refs refs_;
  std::unordered_map<std::string, std::string> body_raw_;
  std::unordered_map<std::string, Stream> streams_;
  std::unordered_set<std::string> looked_up_, blocked_, dirty_;
  std::unordered_map<std::string, std::unordered_set<std::string>> case_requests_;
};

}  // namespace

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx) { return std::make_unique<Import>(ctx); }

}  // namespace thads::oversight
